"""POST /api/v1/articles/ and GET /api/v1/articles/<id>/ as an API client sees them."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from summit_kb.api_tokens import api_token_create

SUBMIT = "/api/v1/articles/"

HARBOUR_TEXT = (
    "Harbour Cranes Return to Service\n\n"
    "July 4, 2018\n\n"
    "Two cranes returned to service at the Turku harbour on Tuesday after a month of repairs.\n"
)


def _client_of(user) -> APIClient:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {api_token_create(user=user, name='test client')[1]}"
    )
    return client


@pytest.fixture
def api(editor) -> APIClient:
    """An API client holding the editor's token (the editor may add articles)."""
    return _client_of(editor)


def _assert_error(response, status: int, *words: str) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "extra"}
    assert isinstance(body["message"], str)
    assert isinstance(body["extra"], dict)
    for word in words:
        assert word.lower() in body["message"].lower(), body["message"]


@pytest.mark.django_db
def test_an_editor_submits_an_article_and_gets_its_id_and_status_url(api, editor) -> None:
    response = api.post(SUBMIT, {"text": HARBOUR_TEXT, "outlet": "Harbour News"}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    article = Article.objects.get()
    assert body["id"] == article.pk
    assert body["status"] == "queued"
    assert body["status_url"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert body["outlet"] == "Harbour News"
    assert article.submitted_by == editor


@pytest.mark.django_db
def test_the_same_article_again_answers_200_with_the_same_id(api) -> None:
    first = api.post(SUBMIT, {"text": HARBOUR_TEXT}, format="json")

    again = api.post(SUBMIT, {"text": HARBOUR_TEXT}, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_html_with_url_headline_and_date_is_accepted(api) -> None:
    html = (
        "<html><body><article><h1>Cranes Back at Work</h1>"
        "<p>Two cranes returned to service at the Turku harbour on Tuesday.</p>"
        "</article></body></html>"
    )

    response = api.post(
        SUBMIT,
        {
            "html": html,
            "url": "https://harbour.example/cranes/?utm_source=feed",
            "headline": "Harbour Cranes Repaired",
            "published": "2018-07-04",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["headline"] == "Harbour Cranes Repaired"
    assert body["canonical_url"] == "https://harbour.example/cranes"
    assert body["published_at"].startswith("2018-07-04")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload, words",
    [
        ({"text": ""}, ["exactly one of 'text' or 'html'"]),
        ({"text": "   \n  "}, ["exactly one of 'text' or 'html'"]),
        ({}, ["exactly one of 'text' or 'html'"]),
        ({"text": HARBOUR_TEXT, "html": "<p>Cranes</p>"}, ["exactly one of 'text' or 'html'"]),
        ({"text": "crane " * 200_000}, ["1 MB"]),
        ({"text": HARBOUR_TEXT, "url": "not a web address"}, ["url", "valid URL"]),
        ({"text": HARBOUR_TEXT, "published": "2018-13-45"}, ["published"]),
        ({"text": HARBOUR_TEXT, "published": "next Tuesday"}, ["published"]),
        ({"text": "Cranes\x00were\x00repaired"}, ["text", "null characters"]),
    ],
    ids=[
        "empty-text",
        "blank-text",
        "nothing",
        "text-and-html",
        "oversized",
        "bad-url",
        "impossible-date",
        "words-for-a-date",
        "nul-characters",
    ],
)
def test_a_bad_submission_is_a_400_naming_the_problem(api, payload, words) -> None:
    response = api.post(SUBMIT, payload, format="json")

    _assert_error(response, 400, *words)
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_invalid_json_is_a_400_saying_so(api) -> None:
    response = api.post(SUBMIT, data='{"text": "Cranes', content_type="application/json")

    _assert_error(response, 400, "JSON")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_body_that_is_not_utf8_is_a_400_saying_so(api) -> None:
    raw = '{"text": "Caf\u00e9 owners met on Monday."}'.encode("latin-1")

    response = api.post(SUBMIT, data=raw, content_type="application/json")

    _assert_error(response, 400, "utf-8")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_body_the_parser_cannot_read_is_a_400_and_nothing_is_stored(api) -> None:
    garbled = "Cranes\x01\x02\x03were\x04\x05\x06repaired\x07\x08"

    response = api.post(SUBMIT, {"text": garbled}, format="json")

    _assert_error(response, 400, "binary")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_without_a_token_the_answer_is_401() -> None:
    response = APIClient().post(SUBMIT, {"text": HARBOUR_TEXT}, format="json")

    _assert_error(response, 401, "credentials")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_wrong_token_is_401() -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    response = client.post(SUBMIT, {"text": HARBOUR_TEXT}, format="json")

    _assert_error(response, 401, "token")


@pytest.mark.django_db
def test_a_journalist_may_not_add_articles(journalist) -> None:
    response = _client_of(journalist).post(SUBMIT, {"text": HARBOUR_TEXT}, format="json")

    _assert_error(response, 403, "add article")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_script_tag_in_a_headline_is_stored_and_echoed_as_plain_text(api, client, editor):
    headline = "<script>alert('cranes')</script> Cranes Repaired"

    response = api.post(SUBMIT, {"text": HARBOUR_TEXT, "headline": headline}, format="json")

    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["headline"] == headline
    assert Article.objects.get().headline == headline
    # Where a person reads it, it is shown, not run.
    client.force_login(editor)
    page = client.get("/admin/articles/article/").content.decode()
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page


@pytest.mark.django_db
def test_the_status_url_shows_the_article(api) -> None:
    submitted = api.post(SUBMIT, {"text": HARBOUR_TEXT}, format="json").json()

    response = APIClient().get(submitted["status_url"])

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == submitted["id"]
    assert body["status"] == "queued"
    assert body["headline"] == "Harbour Cranes Return to Service"
    assert body["counts"] == {"mentions": 0, "quotes": 0, "evidence": 0}


@pytest.mark.django_db
def test_an_unknown_article_is_a_404_in_the_error_shape() -> None:
    response = APIClient().get("/api/v1/articles/987654/")

    _assert_error(response, 404, "no article")
