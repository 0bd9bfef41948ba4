"""The OpenAPI schema at /api/schema/, its documentation page, and the API against it:
schemathesis generates requests for every operation from the schema and checks that no
answer is a 500 and that every answer is one the schema describes."""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.test import APIClient
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from entities.models import Alias, Entity
from summit_kb.api_tokens import api_token_create
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

ENDPOINTS = {
    ("/api/v1/timeline/", "get"),
    ("/api/v1/timeline/timelinejs/", "get"),
    ("/api/v1/timeline/{slug}/evidence/", "get"),
    ("/api/v1/entities/", "get"),
    ("/api/v1/entities/{slug}/", "get"),
    ("/api/v1/quotes/", "get"),
    ("/api/v1/articles/", "get"),
    ("/api/v1/articles/", "post"),
    ("/api/v1/articles/{id}/", "get"),
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def story(db) -> None:
    """A little of everything, so that answers have rows to describe."""
    putin = Entity.objects.create(
        kind="person", slug="vladimir-putin-s", name="Vladimir Putin", review_status="confirmed"
    )
    Alias.objects.create(entity=putin, text="Putin", kind="surname")
    helsinki = Entity.objects.create(kind="place", slug="helsinki-s", name="Helsinki")
    article = article_make(
        body="Putin said: “We talked.” They met in Helsinki.", outlet=outlet_make()
    )
    mention_make(article=article, entity=putin, start=0, end=5)
    quote_make(article=article, speaker=putin, text="We talked.")
    for precision, day in (("day", dt.date(2018, 7, 16)), ("month", dt.date(2018, 6, 1))):
        event = event_make(participants=(putin,), place=helsinki, precision=precision, date=day)
        evidence_make(event=event, article=article)


def _schema_document(client: APIClient) -> dict:
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_the_schema_describes_every_endpoint_and_filter():
    document = _schema_document(APIClient())

    assert document["openapi"].startswith("3.")
    found = {(path, method) for path, item in document["paths"].items() for method in item}
    assert found == ENDPOINTS

    def parameters(path: str) -> set[str]:
        return {p["name"] for p in document["paths"][path]["get"].get("parameters", [])}

    assert {"entity", "kind", "from", "to", "precision", "page", "page_size"} <= parameters(
        "/api/v1/timeline/"
    )
    assert {"If-None-Match", "If-Modified-Since"} <= parameters("/api/v1/timeline/")
    assert {"kind", "review_status", "search", "page"} <= parameters("/api/v1/entities/")
    assert {"speaker", "about", "article", "from", "to", "words", "page"} <= parameters(
        "/api/v1/quotes/"
    )
    assert {"status", "outlet", "page"} <= parameters("/api/v1/articles/")
    timeline = document["paths"]["/api/v1/timeline/"]["get"]["responses"]
    assert {"200", "304", "400", "404", "429"} <= set(timeline)
    assert timeline["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert "ETag" in timeline["200"]["headers"]
    post = document["paths"]["/api/v1/articles/"]["post"]["responses"]
    assert {"200", "201", "400", "401", "403", "429"} <= set(post)
    error = document["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"message", "extra"}


@pytest.mark.django_db
def test_the_docs_page_uses_assets_the_project_serves(client):
    page = client.get("/api/docs/")
    html = page.content.decode()

    assert page.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    asset = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200


@pytest.fixture
def wsgi_app(settings):
    """The project's WSGI application, called in the test's thread and transaction.

    Django's own test client stops ``close_old_connections`` for the same reason: it would
    close the connection that holds the test's transaction.
    """
    from summit_kb.wsgi import application

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_answers_as_the_schema_says(story, editor, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    token = api_token_create(user=editor, name="schemathesis")[1]
    failures: list[str] = []
    seen: set[tuple[str, str]] = set()

    media_types: set[str] = set()

    for result in schema.get_all_operations():
        operation = result.ok()
        seen.add((operation.path, operation.method.lower()))
        # schemathesis spells methods in lower case: "POST" never matched, so the generated
        # submissions used to stop at 401 before reaching the code behind them.
        writes = operation.method.upper() == "POST"
        headers = {"Authorization": f"Token {token}"} if writes else {}
        # Every content type the schema advertises for a body, each in turn: a multipart
        # submission once answered 500 while JSON was fine.
        for media_type in operation.get_request_payload_content_types() or [None]:
            media_types.add(media_type)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                failures += _fuzz(operation, mode, headers, media_type)
            if media_type is not None:
                # Random bodies rarely get past validation; one real article in each content
                # type reaches the code behind it.
                failures += _send(operation, media_type, headers)

    assert seen == {(path, method) for path, method in ENDPOINTS}
    assert {
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    } <= media_types
    assert not failures, "\n\n".join(failures[:5])


def _send(operation, media_type: str, headers: dict[str, str]) -> list[str]:
    body = {"text": VALID_ARTICLE, "outlet": "Porvoo Post", "published": "2018-07-06"}
    case = operation.Case(body=body, media_type=media_type)
    response = case.call(headers=headers)
    try:
        case.validate_response(response, checks=CHECKS)
        assert response.status_code in (200, 201), response.text[:300]
    except AssertionError as failure:
        return [f"{operation.method} {operation.path} (valid, {media_type}): {failure}"]
    return []


VALID_ARTICLE = (
    "Rowing Club Opens Boathouse\n\nJuly 6, 2018\n\n"
    "The rowing club of Porvoo opened its new boathouse on Thursday after two years of work.\n"
)


def _fuzz(
    operation, mode: GenerationMode, headers: dict[str, str], media_type: str | None
) -> list[str]:
    """Up to EXAMPLES_PER_OPERATION generated requests; the failed checks, as sentences."""
    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, media_type=media_type))
    def run(case) -> None:
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except AssertionError as failure:
            failures.append(
                f"{operation.method} {operation.path} ({mode}, {media_type}): {failure}"
            )

    try:
        run()
    except Unsatisfiable:
        # Nothing in this operation can be made invalid (every string is a possible slug):
        # there are no negative cases to send.
        assert mode == GenerationMode.NEGATIVE
    return failures
