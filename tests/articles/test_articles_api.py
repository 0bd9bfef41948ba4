"""GET /api/v1/articles/ and /api/v1/articles/<id>/ as an API client sees them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities.models import Entity
from tests.api_support import assert_error
from tests.factories import (
    article_make,
    event_make,
    evidence_make,
    mention_make,
    outlet_make,
    quote_make,
)

# Every test starts with fresh API throttle counters.
pytestmark = pytest.mark.usefixtures("fresh_throttles")

ARTICLES = "/api/v1/articles/"


def _article_with_facts(outlet=None):
    putin = Entity.objects.get_or_create(
        slug="putin-art",
        defaults={"kind": "person", "name": "Vladimir Putin", "review_status": "confirmed"},
    )[0]
    article = article_make(body="Putin said: “We talked.”", outlet=outlet, status="processed")
    mention_make(article=article, entity=putin, start=0, end=5)
    quote_make(article=article, speaker=putin, text="We talked.")
    evidence_make(event=event_make(title="Putin talks", participants=(putin,)), article=article)
    return article


@pytest.mark.django_db
def test_an_article_shows_its_status_and_the_facts_found_in_it(api):
    article = _article_with_facts()

    body = api.get(f"{ARTICLES}{article.pk}/").json()

    assert body["status"] == "processed"
    assert body["counts"] == {"mentions": 1, "quotes": 1, "evidence": 1}
    facts = body["facts"]
    assert facts["mentions"] == [
        {
            "entity": {"slug": "putin-art", "name": "Vladimir Putin"},
            "text": "Putin",
            "start": 0,
            "end": 5,
        }
    ]
    assert [q["text"] for q in facts["quotes"]] == ["We talked."]
    assert facts["quotes"][0]["speaker"]["slug"] == "putin-art"
    assert [(e["title"], e["date"]) for e in facts["events"]] == [("Putin talks", "2018-07-16")]


@pytest.mark.django_db
def test_the_list_is_newest_first_with_counts_and_filters(api):
    outlet = outlet_make("Harbour News")
    processed = _article_with_facts(outlet=outlet)
    queued = article_make(status="queued")

    everything = api.get(ARTICLES).json()
    only_processed = api.get(ARTICLES, {"status": "processed"}).json()
    by_outlet = api.get(ARTICLES, {"outlet": outlet.slug}).json()

    assert {a["id"] for a in everything["results"]} == {processed.pk, queued.pk}
    assert [a["id"] for a in only_processed["results"]] == [processed.pk]
    assert only_processed["results"][0]["counts"] == {"mentions": 1, "quotes": 1, "evidence": 1}
    assert [a["id"] for a in by_outlet["results"]] == [processed.pk]


@pytest.mark.parametrize(
    "params, parameter", [({"status": "lost"}, "status"), ({"page": "0"}, "page")]
)
@pytest.mark.django_db
def test_a_bad_filter_is_a_400_naming_the_parameter(api, params, parameter):
    assert_error(api.get(ARTICLES, params), 400, parameter=parameter)


@pytest.mark.django_db
def test_an_unknown_article_is_a_404(api):
    assert_error(api.get(f"{ARTICLES}987654/"), 404)


@pytest.mark.django_db
def test_a_page_costs_the_same_few_queries_for_3_rows_or_30(api):
    def queries(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(ARTICLES, {"page_size": size})
        assert len(response.json()["results"]) == size
        return len(captured)

    for _ in range(3):
        _article_with_facts()
    small = queries(3)
    for _ in range(27):
        _article_with_facts()
    assert queries(30) == small <= 2
