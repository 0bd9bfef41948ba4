"""Requests a hostile week brings: NUL bytes in query strings, a database that is away, and
the places where the schema and the answers used to disagree."""

from __future__ import annotations

import re
import socket

import pytest
from django.db import connections
from rest_framework.test import APIClient

from tests.api_support import assert_error


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/quotes/?speaker=%00",
        "/quotes/?q=%00",
        "/quotes/?about=a%00b",
        "/timeline/?entity=%00",
        "/timeline/?from=2018%00",
        "/articles/?entity=%00",
        "/entities/?q=%00",
    ],
)
def test_a_nul_byte_in_a_page_query_is_a_400_page_with_a_sentence(client, url) -> None:
    response = client.get(url)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "NUL character" in response.content.decode()


@pytest.mark.django_db
def test_a_nul_byte_in_an_api_query_is_a_400_naming_the_parameter(api) -> None:
    assert_error(api.get("/api/v1/quotes/", {"words": "a\x00b"}), 400, "NUL", parameter="words")


# --- the database away ------------------------------------------------------------------------


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again: nothing listens there


@pytest.fixture
def database_away(transactional_db):
    """The default connection pointed at a port where no database answers, as during an
    outage; put back afterwards."""
    connection = connections["default"]
    connection.close()
    saved = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = _dead_port()
    yield
    connection.close()
    connection.settings_dict["PORT"] = saved


@pytest.mark.parametrize(
    "url", ["/api/v1/articles/", "/api/v1/timeline/", "/api/v1/quotes/", "/api/v1/entities/"]
)
def test_the_api_answers_503_in_the_error_shape_while_the_database_is_away(
    database_away, fresh_throttles, url
):
    response = APIClient().get(url)

    body = assert_error(response, 503, "database")
    assert response["Retry-After"].isdigit()
    assert body["extra"] == {"retry_after_seconds": int(response["Retry-After"])}


@pytest.mark.parametrize("url", ["/", "/timeline/", "/entities/", "/quotes/", "/search/?q=x"])
def test_a_page_answers_a_503_page_while_the_database_is_away(database_away, client, url):
    response = client.get(url)

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "try again" in response.content.decode()
    assert response["Retry-After"].isdigit()


def test_health_answers_503_while_the_database_is_away(database_away, client) -> None:
    assert client.get("/healthz").status_code == 503


# --- schema and answers agree -----------------------------------------------------------------


def _schema() -> dict:
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _query_parameters(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    yield path, method, parameter


@pytest.mark.django_db
def test_every_date_the_schema_allows_has_a_year_the_api_takes(api) -> None:
    patterns = {
        p["schema"]["pattern"]
        for _, _, p in _query_parameters(_schema())
        if "pattern" in p.get("schema", {}) and p["name"] in ("from", "to")
    }
    assert patterns
    for pattern in patterns:
        for value in ("0000", "2018-00", "2018-13", "2018-07-00", "2018-07-32"):
            assert not re.match(pattern, value), (pattern, value)
        for value in ("0001", "2018", "2018-07", "2018-07-16", "2018-12-31"):
            assert re.match(pattern, value), (pattern, value)
    assert api.get("/api/v1/timeline/", {"from": "0001"}).status_code == 200
    assert api.get("/api/v1/quotes/", {"from": "0001"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/api/v1/timeline/?page=", "page"),
        ("/api/v1/timeline/?page_size=", "page_size"),
        ("/api/v1/timeline/?to=", "to"),
        ("/api/v1/timeline/?from=", "from"),
        ("/api/v1/quotes/?to=", "to"),
        ("/api/v1/quotes/?article=", "article"),
        ("/api/v1/articles/?status=", "status"),
        ("/api/v1/entities/?page=", "page"),
        ("/api/v1/entities/?kind=", "kind"),
    ],
)
def test_an_empty_value_of_a_typed_parameter_is_a_400(api, url, parameter) -> None:
    assert_error(api.get(url), 400, "empty", parameter=parameter)


@pytest.mark.django_db
def test_the_typed_parameters_the_api_checks_are_those_of_the_schema() -> None:
    from summit_kb.api import TYPED_PARAMETERS

    typed = {
        p["name"]
        for _, _, p in _query_parameters(_schema())
        if {"pattern", "enum", "minimum"} & set(p["schema"])
        or p["schema"].get("type") == "integer"
        or "enum" in p["schema"].get("items", {})
    }
    assert typed == set(TYPED_PARAMETERS)


@pytest.mark.django_db
def test_public_reads_are_documented_as_needing_no_token(api) -> None:
    document = _schema()
    for path, item in document["paths"].items():
        if "get" in item:
            security = item["get"].get("security", [])
            assert security == [] or {} in security, (path, security)  # no token needed
    post = document["paths"]["/api/v1/articles/"]["post"]["security"]
    assert post and {} not in post
    assert api.get("/api/v1/articles/").status_code == 200


@pytest.mark.django_db
def test_health_answers_head_as_well_as_get(client) -> None:
    assert client.head("/healthz").status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_health_is_not_redirected_when_https_is_enforced(settings, client) -> None:
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/timeline/").status_code == 301
