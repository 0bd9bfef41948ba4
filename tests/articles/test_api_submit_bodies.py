"""POST /api/v1/articles/ in every content type the schema advertises, and the size limit
measured on the article, not on how the request spells it."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from summit_kb.api_tokens import api_token_create
from tests.api_support import assert_error

SUBMIT = "/api/v1/articles/"

ROWING_TEXT = (
    "Rowing Club Opens Boathouse\n\n"
    "July 6, 2018\n\n"
    "The rowing club of Porvoo opened its new boathouse on Thursday after two years of work.\n"
)


@pytest.fixture
def token_client(editor, fresh_throttles) -> APIClient:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {api_token_create(user=editor, name='test client')[1]}"
    )
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["multipart", "form"])
def test_a_form_or_multipart_submission_is_stored_like_a_json_one(token_client, content_type):
    fields = {"text": ROWING_TEXT, "outlet": "Porvoo Post", "url": "https://porvoo.example/row"}
    if content_type == "multipart":
        response = token_client.post(SUBMIT, fields, format="multipart")
    else:
        response = token_client.post(
            SUBMIT,
            data=urlencode(fields),
            content_type="application/x-www-form-urlencoded",
        )

    assert response.status_code == 201, response.content
    article = Article.objects.get()
    assert article.headline == "Rowing Club Opens Boathouse"
    assert article.outlet.name == "Porvoo Post"
    assert article.canonical_url == "https://porvoo.example/row"
    # The stored raw input is a record that can be parsed again with every field it had.
    record = json.loads(article.raw_text)
    assert record["outlet"] == "Porvoo Post" and record["text"] == ROWING_TEXT


@pytest.mark.django_db
def test_a_bad_form_submission_names_the_field_not_json(token_client) -> None:
    response = token_client.post(
        SUBMIT, {"text": ROWING_TEXT, "url": "nowhere"}, format="multipart"
    )

    body = assert_error(response, 400, "url")
    assert "json" not in body["message"].lower()
    assert Article.objects.count() == 0


def _russian_article(kilobytes: int) -> str:
    paragraph = "Делегации встретились в Хельсинки в понедельник и обсудили повестку саммита. "
    words = (paragraph * (kilobytes * 1000 // len(paragraph.encode("utf-8")) + 1)).strip()
    return f"Саммит в Хельсинки\n\n16 июля 2018\n\n{words}\n"


@pytest.mark.django_db
def test_the_limit_is_the_articles_text_not_its_ascii_escaped_json(token_client) -> None:
    text = _russian_article(375)
    body = json.dumps({"text": text})  # ensure_ascii: every letter six bytes
    assert len(body) > 1_000_000

    response = token_client.post(SUBMIT, data=body, content_type="application/json")

    assert response.status_code == 201, response.content[:300]
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_quote_marks_escaped_in_json_do_not_count_twice(token_client) -> None:
    text = "Quote Marks\n\n" + ('"' * 99 + " ") * 9_900
    assert 900_000 < len(text.encode()) < 1_000_000

    response = token_client.post(SUBMIT, {"text": text}, format="json")

    assert response.status_code in (201, 400), response.content[:300]
    if response.status_code == 400:  # refused for what it is, not for its size
        assert "MB" not in response.json()["message"]


@pytest.mark.django_db
def test_an_article_over_one_megabyte_of_text_is_refused_in_the_error_shape(token_client):
    text = "Long Report\n\n" + "The ferry left Turku on time. " * 40_000

    response = token_client.post(SUBMIT, {"text": text}, format="json")

    assert_error(response, 400, "1 MB")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_request_over_the_body_limit_is_a_413_in_the_error_shape(token_client) -> None:
    body = json.dumps({"text": "x" * 8_000_000})

    response = token_client.post(SUBMIT, data=body, content_type="application/json")

    assert_error(response, 413, "MB")
    assert response["Content-Type"].startswith("application/json")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_an_ingested_json_file_is_measured_by_its_article_text(tmp_path) -> None:
    from articles.services import article_ingest

    raw = json.dumps({"text": _russian_article(375)})  # 2.2 MB on disk, 750 KB of text

    result = article_ingest(raw=raw.encode(), filename="moscow.json")

    assert result.created
