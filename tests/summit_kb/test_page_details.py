"""The details a new reader tripped over, and the run-up chart on the home and entity pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Quote
from articles.utterances import utterances_link
from entities.models import Entity
from tests.factories import article_make, event_make, evidence_make, mention_make, quote_make


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.UTC)


# --- /entities/ ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_index_lists_only_what_the_articles_name(client, story_register) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    mention_make(article=article_make(), entity=putin)

    response = client.get(reverse("entities:index"))

    listed = {entity.slug for entity in response.context["page"].object_list}
    assert listed == {"vladimir-putin"}
    assert "0 articles" not in response.content.decode()


# --- an article without an outlet ------------------------------------------------------------


@pytest.mark.django_db
def test_an_article_without_an_outlet_shows_its_date_with_no_stray_separator(client) -> None:
    article = article_make(headline="Cranes return", published_at=_at(dt.date(2018, 7, 10)))
    evidence_make(event=event_make(), article=article)

    listing = client.get(reverse("articles:index")).content.decode()
    timeline = client.get(reverse("timeline:index")).content.decode()

    meta = re.search(r'<span class="meta">(.*?)</span>\s*</li>', listing, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", meta).strip()
    assert text.startswith("10 Jul 2018 · "), text
    source = re.search(r'<p class="source">(.*?)</p>', timeline, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", source).startswith("10 Jul 2018 · Cranes return")
    assert "Unknown outlet" not in listing + timeline


# --- /quotes/ --------------------------------------------------------------------------------


def test_the_date_filters_hold_no_example_values(client, db) -> None:
    page = client.get(reverse("quotes")).content.decode()

    for name in ("from", "to"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert "placeholder" not in field and 'value=""' in field
        assert 'aria-describedby="quote-date-hint"' in field
    assert "2018-07 or 2018-07-16" in page  # the format is said in the hint instead


@pytest.mark.django_db
def test_the_same_words_from_two_outlets_share_the_date_one_gives(client, story_register) -> None:
    trump = Entity.objects.get(slug="donald-trump")
    dated = article_make(
        body="“Yes, I did. Yes, I did,” Trump said on Monday.",
        published_at=_at(dt.date(2018, 7, 17)),
    )
    undated = article_make(
        body="Asked again, Trump said: “Yes, I did. Yes, I did.”",
        published_at=_at(dt.date(2018, 7, 21)),
    )
    first = quote_make(article=dated, speaker=trump, text="Yes, I did. Yes, I did,")
    Quote.objects.filter(pk=first.pk).update(said_on=dt.date(2018, 7, 16), said_precision="day")
    quote_make(article=undated, speaker=trump, text="Yes, I did. Yes, I did.")
    utterances_link(article=dated)
    utterances_link(article=undated)

    response = client.get(reverse("quotes"))

    page = response.content.decode()
    # One utterance, listed once, with the date one of its reports gives.
    assert page.count('datetime="2018-07-16">16 July 2018</time>') == 1
    assert "date not given" not in page
    assert [q.when for q in response.context["page"].object_list] == [dt.date(2018, 7, 16)]


@pytest.mark.django_db
def test_a_quote_known_only_to_the_month_sorts_among_the_days_by_its_article(
    client, story_register
) -> None:
    trump = Entity.objects.get(slug="donald-trump")

    def said(text: str, on: dt.date, precision: str, published: dt.date) -> None:
        article = article_make(body=f"“{text}” Trump said.", published_at=_at(published))
        quote = quote_make(article=article, speaker=trump, text=text)
        Quote.objects.filter(pk=quote.pk).update(said_on=on, said_precision=precision)

    said("Month quote", dt.date(2018, 7, 1), "month", published=dt.date(2018, 7, 20))
    said("Eleventh", dt.date(2018, 7, 11), "day", published=dt.date(2018, 7, 11))
    said("Twenty-fifth", dt.date(2018, 7, 25), "day", published=dt.date(2018, 7, 25))
    said("Old month", dt.date(2018, 3, 1), "month", published=dt.date(2018, 7, 22))

    texts = [q.text for q in client.get(reverse("quotes")).context["page"].object_list]

    # March is kept in March; "July 2018" sits at its article's day, 20 July.
    assert texts == ["Old month", "Eleventh", "Month quote", "Twenty-fifth"]


# --- every page ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "timeline:index", "entities:index", "quotes"])
def test_every_page_links_the_api_documentation(client, name) -> None:
    assert f'href="{reverse("api-docs")}"' in client.get(reverse(name)).content.decode()


# --- the run-up chart ------------------------------------------------------------------------


def _chart_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="day-mark" href="([^"]+)" aria-label="([^"]+)"', html)


@pytest.mark.django_db
def test_the_home_chart_has_a_link_per_busy_day_with_its_events_by_kind(client) -> None:
    event_make(date=dt.date(2018, 7, 16), kind="summit")
    event_make(date=dt.date(2018, 7, 16), kind="press_conference")
    event_make(date=dt.date(2018, 6, 27), kind="meeting")
    event_make(date=dt.date(2018, 7, 1), precision="month", kind="call")

    html = client.get(reverse("home")).content.decode()

    links = _chart_links(html)
    assert links == [
        ("/timeline/?day=2018-06-27#d2018-06-27", "Wednesday 27 June 2018: 1 event: 1 meeting"),
        (
            "/timeline/?day=2018-07-16#d2018-07-16",
            "Monday 16 July 2018: 2 events: 1 press conference, 1 summit",
        ),
    ]
    assert '<svg class="run-up-chart"' in html and "<title" in html
    assert "The chart as a table" in html  # the text alternative
    assert "1 event known only to the month or year is on the timeline" in html


@pytest.mark.django_db
def test_an_entity_chart_counts_their_quotes_articles_and_events(client, story_register) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    article = article_make(
        body="“We are ready,” Putin said.", published_at=_at(dt.date(2018, 7, 16))
    )
    mention_make(article=article, entity=putin, start=15, end=20)
    quote_make(article=article, speaker=putin, text="We are ready,")
    event_make(date=dt.date(2018, 7, 16), participants=(putin,))

    html = client.get(reverse("entities:detail", args=["vladimir-putin"])).content.decode()

    assert _chart_links(html) == [
        (
            "/timeline/?day=2018-07-16#d2018-07-16",
            "Monday 16 July 2018: 1 quote, 1 article, 1 event",
        )
    ]


@pytest.mark.django_db
def test_the_charts_cost_a_fixed_number_of_queries(
    client, story_register, django_assert_max_num_queries
) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")

    def add(days: int) -> None:
        for n in range(days):
            day = dt.date(2018, 6, 1) + dt.timedelta(days=n)
            article = article_make(published_at=_at(day))
            mention_make(article=article, entity=putin)
            event_make(date=day, participants=(putin,))

    add(3)
    url = reverse("entities:detail", args=["vladimir-putin"])
    counts = {}
    for label, target in (("home", reverse("home")), ("entity", url)):
        with CaptureQueriesContext(connection) as queries:
            client.get(target)
        counts[label] = len(queries)
    add(30)
    for label, target in (("home", reverse("home")), ("entity", url)):
        with django_assert_max_num_queries(counts[label]):
            client.get(target)


@pytest.mark.django_db
def test_a_day_link_opens_the_page_of_the_timeline_that_holds_the_day(client) -> None:
    for n in range(60):
        event_make(date=dt.date(2018, 6, 1) + dt.timedelta(days=n))

    late = client.get(reverse("timeline:index"), {"day": "2018-07-25"})
    empty_day = client.get(reverse("timeline:index"), {"day": "2018-08-15"})
    wrong = client.get(reverse("timeline:index"), {"day": "2018-13-40"})

    assert late.context["page"].number == 2
    assert 'id="d2018-07-25"' in late.content.decode()
    # A day with no event still has its heading, so the link lands on it.
    html = empty_day.content.decode()
    assert 'id="d2018-08-15"' in html and "No event on the timeline is known to this day" in html
    assert wrong.status_code == 400 and "day:" in wrong.content.decode()
