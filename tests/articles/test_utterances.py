"""One utterance, many reports: the same words of one speaker across articles are one."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.models import Article, Quote, Utterance
from articles.selectors import quotes_list
from articles.utterances import utterances_after_removal, utterances_link, words_key
from entities.models import Entity, EntityKind
from tests.factories import article_make

pytestmark = pytest.mark.django_db


def _quote(article: Article, text: str, speaker: Entity | None, *, at: int = 0, said=None) -> Quote:
    said_on, precision = said if said else (None, "")
    return Quote.objects.create(
        article=article,
        text=text,
        start=at,
        end=at + len(text),
        speaker=speaker,
        said_on=said_on,
        said_precision=precision,
    )


def _person(name: str) -> Entity:
    return Entity.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), kind=EntityKind.PERSON
    )


@pytest.fixture
def marta() -> Entity:
    return _person("Marta Lindqvist")


def _articles(count: int) -> list[Article]:
    return [
        article_make(
            body=f"Report {n} on the talks. " * 20,
            published_at=dt.datetime(2018, 7, 10 + n, tzinfo=dt.UTC),
        )
        for n in range(count)
    ]


def test_the_same_words_of_one_speaker_in_two_articles_are_one_utterance(marta):
    first, second = _articles(2)
    _quote(first, "We will not be rushed into a bad deal,", marta)
    _quote(second, "We will not be rushed into a bad deal.", marta)
    utterances_link(article=first)
    utterances_link(article=second)
    utterance = Utterance.objects.get()
    assert utterance.reports_count == 2
    assert utterance.first_reported_at == first.published_at


def test_a_partial_quote_joins_the_full_one_and_the_fullest_text_wins(marta):
    first, second = _articles(2)
    _quote(first, "not be rushed into a bad deal", marta)
    _quote(second, "We will not be rushed into a bad deal, whatever the calendar says.", marta)
    utterances_link(article=first)
    utterances_link(article=second)
    utterance = Utterance.objects.get()
    assert utterance.text.startswith("We will not be rushed")


@pytest.mark.parametrize(
    "one, other",
    [
        ("great", "It was a great meeting with great people."),  # one word says nothing
        ("We will not be rushed", "We will not be rushed"),  # other speaker below
    ],
)
def test_it_keeps_apart_what_is_not_the_same_utterance(marta, one, other):
    somebody = _person("Tomas Berg")
    first, second = _articles(2)
    _quote(first, one, marta)
    _quote(second, other, somebody if one == other else marta)
    utterances_link(article=first)
    utterances_link(article=second)
    assert Utterance.objects.count() == 2


def test_the_date_comes_from_whichever_report_gives_it(marta):
    first, second = _articles(2)
    _quote(first, "We will not be rushed into a bad deal.", marta)
    _quote(
        second, "We will not be rushed into a bad deal.", marta, said=(dt.date(2018, 7, 16), "day")
    )
    utterances_link(article=first)
    utterances_link(article=second)
    assert Utterance.objects.get().said_on == dt.date(2018, 7, 16)


def test_the_grouping_does_not_depend_on_the_order_of_the_articles(marta):
    texts = [
        "the talks were useful and frank",
        "I can say the talks were useful and frank, and we will meet again",
        "we will meet again in the autumn",
        "the talks were useful and frank, and we will meet again in the autumn",
    ]
    partitions = []
    for order in ([0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]):
        Utterance.objects.all().delete()
        Quote.objects.all().delete()
        articles = _articles(4)
        for index in order:
            _quote(articles[index], texts[index], marta)
            utterances_link(article=articles[index])
        groups = {
            frozenset(q.text for q in Quote.objects.filter(utterance=u))
            for u in Utterance.objects.all()
        }
        partitions.append(groups)
    assert partitions[0] == partitions[1] == partitions[2]
    assert len(partitions[0]) == 1


def test_an_utterance_splits_when_the_report_that_joined_it_goes(marta):
    first, second, third = _articles(3)
    _quote(first, "the talks were useful and frank", marta)
    _quote(second, "we will meet again in the autumn", marta)
    bridge = _quote(
        third, "the talks were useful and frank and we will meet again in the autumn", marta
    )
    for article in (first, second, third):
        utterances_link(article=article)
    assert Utterance.objects.count() == 1
    bridge.refresh_from_db()
    gone = bridge.utterance_id
    bridge.delete()
    utterances_after_removal(utterance_ids=[gone])
    assert Utterance.objects.count() == 2


def test_quotes_without_a_speaker_join_only_on_the_same_words():
    first, second = _articles(2)
    _quote(first, "Lock her up", None)
    _quote(second, "Lock her up and throw away the key", None)
    utterances_link(article=first)
    utterances_link(article=second)
    assert Utterance.objects.count() == 2


def test_words_are_compared_whole():
    assert words_key("foes")[0] != words_key("foe")[0]
    assert words_key("foe")[0] not in words_key("The EU are foes of ours")[0]


# --- on the demo corpus: each utterance once, with all its reports ---------------------------


@pytest.fixture
def demo(demo_corpus) -> dict[str, int]:
    return demo_corpus


def _utterance_ids(items) -> list[int]:
    return [item["utterance"] for item in items if item["utterance"] is not None]


def test_the_api_lists_each_utterance_once_with_every_report(demo, api):
    response = api.get("/api/v1/quotes/", {"page_size": 100})
    assert response.status_code == 200
    items = response.json()["results"]
    ids = _utterance_ids(items)
    assert len(ids) == len(set(ids))
    shared = [item for item in items if len(item["reports"]) > 1]
    assert shared, "the demo corpus reports some words in two articles"
    for item in shared:
        articles = [report["article"]["id"] for report in item["reports"]]
        assert len(set(articles)) == len(articles) or len(articles) > 1
        published = [report["article"]["published"] for report in item["reports"]]
        assert published == sorted(published), "the earliest report comes first"


def _cards(html: str, utterance: Utterance) -> int:
    """How many quote cards of the page show a report of ``utterance``."""
    return sum(html.count(f'id="q{report.pk}"') for report in utterance.reports.all())


def test_pages_show_each_utterance_once_with_every_report(demo, client):
    shared = list(Utterance.objects.filter(reports_count__gt=1))
    assert shared
    html = client.get("/quotes/").content.decode()
    for utterance in shared:
        assert _cards(html, utterance) <= 1
    listed = [u for u in shared if _cards(html, u) == 1]
    assert listed
    for utterance in listed:
        assert f"Reported {utterance.reports_count} times" in html
    for utterance in shared:
        page = client.get(utterance.speaker.get_absolute_url()).content.decode()
        assert _cards(page, utterance) == 1


def test_an_editor_rejecting_one_report_leaves_the_utterance_listed_by_another(
    marta, client, editor
):
    first, second = _articles(2)
    early = _quote(first, "We will not be rushed into a bad deal.", marta)
    late = _quote(second, "We will not be rushed into a bad deal.", marta)
    utterances_link(article=first)
    utterances_link(article=second)
    client.force_login(editor)
    response = client.post(
        "/admin/articles/quote/",
        {"action": "mark_rejected", "_selected_action": [early.pk]},
    )
    assert response.status_code == 302
    listed = list(quotes_list(speakers=[marta]))
    assert [q.pk for q in listed] == [late.pk]


def test_an_editor_rejecting_the_utterance_hides_every_report(marta, client, editor):
    first, second = _articles(2)
    _quote(first, "We will not be rushed into a bad deal.", marta)
    _quote(second, "We will not be rushed into a bad deal.", marta)
    utterances_link(article=first)
    utterances_link(article=second)
    client.force_login(editor)
    response = client.post(
        "/admin/articles/utterance/",
        {"action": "mark_rejected", "_selected_action": [Utterance.objects.get().pk]},
    )
    assert response.status_code == 302
    assert list(quotes_list(speakers=[marta])) == []
