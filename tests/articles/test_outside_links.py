"""Links to outside addresses are only ever http or https: a ``javascript:`` URL from any way
in is refused, and one already stored is never written into a page."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from articles.models import Article
from articles.services import article_ingest
from summit_kb.api_tokens import api_token_create
from summit_kb.errors import ApplicationError
from tests.factories import article_make

STORY = (
    "Ferry Line Reopens\n\n"
    "July 5, 2018\n\n"
    "The ferry line to Turku reopened on Wednesday after a two-week strike ended.\n"
)
HOSTILE_URLS = [
    "javascript:alert(document.domain)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://files.example/article",
    "//evil.example/path",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_json_record_with_a_url_that_is_not_http_is_refused(url) -> None:
    with pytest.raises(ApplicationError, match="url: only http and https"):
        article_ingest(raw=json.dumps({"text": STORY, "url": url}), filename="a.json")
    assert Article.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("url", HOSTILE_URLS[:3])
def test_a_url_given_by_an_editor_or_client_that_is_not_http_is_refused(url) -> None:
    with pytest.raises(ApplicationError, match="url: only http and https"):
        article_ingest(raw=STORY, url=url)


@pytest.mark.django_db
def test_the_api_refuses_a_javascript_url_inside_the_submission(editor, fresh_throttles) -> None:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {api_token_create(user=editor, name='test client')[1]}"
    )

    response = client.post(
        "/api/v1/articles/", {"text": STORY, "url": "javascript:alert(1)"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["message"].startswith("url:")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_an_editor_pasting_a_record_with_a_javascript_url_sees_why(client, editor) -> None:
    client.force_login(editor)
    record = json.dumps({"text": STORY, "url": "javascript:alert(document.cookie)"})

    response = client.post(reverse("admin:articles_article_add"), {"text": record})

    assert response.status_code == 200
    assert "only http and https" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example/a"])
def test_a_stored_url_that_is_not_http_never_becomes_a_link(client, url) -> None:
    article = article_make(canonical_url=url)

    html = client.get(article.get_absolute_url()).content.decode()

    assert url not in html
    assert ">original<" not in html


@pytest.mark.django_db
def test_an_http_url_is_the_original_link(client) -> None:
    article = article_make(canonical_url="https://news.example/ferry")

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'href="https://news.example/ferry"' in html
