"""GET /api/v1/quotes/ as an API client sees it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Quote
from entities.models import Entity
from tests.api_support import assert_error
from tests.factories import article_make, mention_make, quote_make

QUOTES = "/api/v1/quotes/"

BODY = (
    "Trump praised the meeting. “Putin was extremely strong,” Trump said of Putin. "
    "Later, Bolton spoke.\n“We made progress,” Bolton told reporters."
)

# Every test starts with fresh API throttle counters.
pytestmark = pytest.mark.usefixtures("fresh_throttles")


@pytest.fixture
def people() -> dict[str, Entity]:
    return {
        slug: Entity.objects.create(kind="person", slug=slug, name=name, review_status="confirmed")
        for slug, name in (
            ("trump-q", "Donald Trump"),
            ("putin-q", "Vladimir Putin"),
            ("bolton-q", "John Bolton"),
        )
    }


@pytest.fixture
def article(people):
    article = article_make(headline="After the meeting", body=BODY)
    for slug, word in (("trump-q", "Trump"), ("putin-q", "Putin"), ("bolton-q", "Bolton")):
        at = 0
        while (at := BODY.find(word, at)) >= 0:
            mention_make(article=article, entity=people[slug], start=at, end=at + len(word))
            at += len(word)
    quote_make(article=article, speaker=people["trump-q"], text="Putin was extremely strong,")
    quote_make(article=article, speaker=people["bolton-q"], text="We made progress,")
    return article


def _texts(api, *params) -> list[str]:
    response = api.get(QUOTES, list(params))
    assert response.status_code == 200, response.content
    return [q["text"] for q in response.json()["results"]]


@pytest.mark.django_db
def test_a_quote_carries_speaker_date_and_article(api, article):
    Quote.objects.filter(text__startswith="Putin").update(
        said_on=dt.date(2018, 7, 16), said_precision="day"
    )

    quote = api.get(QUOTES, {"speaker": "trump-q"}).json()["results"][0]

    assert quote["text"] == "Putin was extremely strong,"
    assert quote["speaker"] == {"slug": "trump-q", "name": "Donald Trump"}
    assert quote["said_on"] == "2018-07-16" and quote["said_precision"] == "day"
    assert quote["article"]["id"] == article.pk
    assert quote["article"]["headline"] == "After the meeting"
    assert quote["cue"] == "said"


@pytest.mark.django_db
def test_about_finds_an_entity_inside_the_quote_or_in_its_sentence(api, article):
    # Putin is inside Trump's quote; Trump is in its sentence ("Trump said"); Bolton's quote
    # is in a sentence of its own, after a line break: it is not about Trump.
    assert _texts(api, ("about", "putin-q")) == ["Putin was extremely strong,"]
    assert _texts(api, ("about", "trump-q")) == ["Putin was extremely strong,"]
    assert _texts(api, ("about", "bolton-q")) == ["We made progress,"]


@pytest.mark.django_db
def test_speaker_article_and_words_narrow_the_list(api, article):
    other = article_make(body="“Progress is slow,” Bolton said.")
    other.published_at += dt.timedelta(days=1)
    other.save()
    quote_make(article=other, speaker=Entity.objects.get(slug="bolton-q"), text="Progress is slow,")

    assert _texts(api, ("speaker", "bolton-q")) == ["We made progress,", "Progress is slow,"]
    assert _texts(api, ("speaker", "bolton-q"), ("article", other.pk)) == ["Progress is slow,"]
    assert _texts(api, ("words", "PROGRESS made")) == ["We made progress,"]


@pytest.mark.django_db
def test_a_date_range_matches_quotes_by_their_precision(api, article):
    Quote.objects.filter(text__startswith="Putin").update(
        said_on=dt.date(2018, 7, 1), said_precision="month"
    )
    Quote.objects.filter(text__startswith="We").update(
        said_on=dt.date(2018, 6, 27), said_precision="day"
    )

    assert _texts(api, ("from", "2018-07-16")) == ["Putin was extremely strong,"]
    assert _texts(api, ("to", "2018-06")) == ["We made progress,"]
    assert len(_texts(api, ("from", "2018-06-27"), ("to", "2018-07-01"))) == 2


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"speaker": "nobody"}, "speaker"),
        ({"about": "nobody"}, "about"),
        ({"article": "abc"}, "article"),
        ({"article": "999999"}, "article"),
        ({"from": "2018-13-40"}, "from"),
        ({"to": "2018-02-30"}, "to"),
        ({"page": "0"}, "page"),
    ],
)
@pytest.mark.django_db
def test_a_bad_filter_is_a_400_naming_the_parameter(api, params, parameter):
    assert_error(api.get(QUOTES, params), 400, parameter=parameter)


@pytest.mark.django_db
def test_a_page_costs_the_same_few_queries_for_3_rows_or_30(api, people):
    def add(count: int) -> None:
        for n in range(count):
            body = f"“Round {n} went well,” Trump said."
            quote_make(
                article=article_make(body=body),
                speaker=people["trump-q"],
                text=f"Round {n} went well,",
            )

    def queries(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(QUOTES, {"page_size": size, "speaker": "trump-q"})
        assert len(response.json()["results"]) == size
        return len(captured)

    add(3)
    small = queries(3)
    add(27)
    assert queries(30) == small <= 4
