"""GET /api/v1/entities/ and /api/v1/entities/<slug>/ as an API client sees them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities.models import Alias, Entity
from tests.api_support import assert_error
from tests.factories import article_make, event_make, mention_make, quote_make

# Every test starts with fresh API throttle counters.
pytestmark = pytest.mark.usefixtures("fresh_throttles")

ENTITIES = "/api/v1/entities/"


def _entity(slug: str, name: str, kind: str = "person", **fields) -> Entity:
    fields.setdefault("review_status", "confirmed")
    return Entity.objects.create(kind=kind, slug=slug, name=name, **fields)


@pytest.mark.django_db
def test_an_entity_has_its_aliases_role_and_counts(api):
    putin = _entity("putin-a", "Vladimir Putin", description="President of Russia")
    Alias.objects.create(entity=putin, text="the Russian leader", kind="descriptor")
    article = article_make(body="Putin said: “We talked.” Putin smiled.")
    mention_make(article=article, entity=putin, start=0, end=5)
    mention_make(article=article, entity=putin, start=25, end=30)
    quote_make(article=article, speaker=putin, text="We talked.")
    event_make(participants=(putin,))

    body = api.get(f"{ENTITIES}putin-a/").json()

    assert body["name"] == "Vladimir Putin"
    assert body["description"] == "President of Russia"
    assert body["kind"] == "person" and body["review_status"] == "confirmed"
    assert body["aliases"] == [{"text": "the Russian leader", "kind": "descriptor"}]
    assert body["counts"] == {"mentions": 2, "quotes": 1, "events": 1}
    assert body["timeline_url"].endswith("/api/v1/timeline/?entity=putin-a")
    assert body["url"] == "http://testserver/api/v1/entities/putin-a/"


@pytest.mark.django_db
def test_a_merged_slug_redirects_to_the_entity_it_was_merged_into(api):
    putin = _entity("putin-b", "Vladimir Putin")
    _entity("v-putin-b", "V. Putin", merged_into=putin, review_status="candidate")

    response = api.get(f"{ENTITIES}v-putin-b/")

    assert response.status_code == 301
    assert response["Location"] == "http://testserver/api/v1/entities/putin-b/"
    assert "v-putin-b" not in [e["slug"] for e in api.get(ENTITIES).json()["results"]]


@pytest.mark.django_db
def test_an_unknown_slug_is_a_404_in_the_error_shape(api):
    assert_error(api.get(f"{ENTITIES}nobody-at-all/"), 404, "nobody-at-all")


@pytest.mark.django_db
def test_the_list_filters_by_kind_review_status_and_search(api):
    putin = _entity("putin-c", "Vladimir Putin")
    Alias.objects.create(entity=putin, text="the Zzyzx chief", kind="descriptor")
    _entity("zzyzx-c", "Zzyzx Springs", kind="place")
    _entity("someone-c", "Someone Unsure", review_status="candidate")
    _entity("wrong-c", "Wrong Name", review_status="rejected")

    def slugs(**params) -> list[str]:
        response = api.get(ENTITIES, {**params, "page_size": 100})
        assert response.status_code == 200, response.content
        return [e["slug"] for e in response.json()["results"]]

    assert "wrong-c" not in slugs()
    assert slugs(review_status="rejected") == ["wrong-c"]
    assert slugs(review_status="candidate", search="unsure") == ["someone-c"]
    assert slugs(kind="place", search="zzyz") == ["zzyzx-c"]
    assert slugs(search="zzyzx CHIEF") == ["putin-c"]  # an alias, any case


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"kind": "animal"}, "kind"),
        ({"review_status": "maybe"}, "review_status"),
        ({"page": "-3"}, "page"),
        ({"page_size": "x"}, "page_size"),
    ],
)
@pytest.mark.django_db
def test_a_bad_filter_is_a_400_naming_the_parameter(api, params, parameter):
    assert_error(api.get(ENTITIES, params), 400, parameter=parameter)


def _entities_with_facts(count: int) -> None:
    for n in range(count):
        entity = _entity(f"p{count}-{n}", f"Person {count} {n}")
        Alias.objects.create(entity=entity, text=f"P{n}", kind="surname")
        article = article_make(body=f"Person {n} said: “We talked.”")
        mention_make(article=article, entity=entity)
        quote_make(article=article, speaker=entity, text="We talked.")
        event_make(participants=(entity,))


@pytest.mark.django_db
def test_a_page_costs_the_same_few_queries_for_3_rows_or_30(api):
    def queries(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(ENTITIES, {"page_size": size})
        assert response.status_code == 200 and len(response.json()["results"]) == size
        return len(captured)

    _entities_with_facts(3)
    small = queries(3)
    _entities_with_facts(27)
    large = queries(30)

    assert small == large <= 3
