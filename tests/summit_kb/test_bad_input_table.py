"""The drill's table of bad submissions, through the API, the admin and the CLI: each is
refused with a sentence that names the problem, and nothing is stored (the fast part of
``make drill``)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from articles.models import Article
from summit_kb.api_tokens import api_token_create
from tests.hostile_inputs import BAD_SUBMISSIONS

IDS = [name for name, _, _ in BAD_SUBMISSIONS]


@pytest.mark.django_db
@pytest.mark.parametrize("fields, words", [(f, w) for _, f, w in BAD_SUBMISSIONS], ids=IDS)
def test_the_api_refuses_it_with_a_sentence(editor, fresh_throttles, fields, words) -> None:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {api_token_create(user=editor, name='test client')[1]}"
    )

    response = client.post("/api/v1/articles/", fields, format="json")

    assert response.status_code == 400, response.content[:300]
    assert words.lower() in response.json()["message"].lower()
    assert Article.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("fields, words", [(f, w) for _, f, w in BAD_SUBMISSIONS], ids=IDS)
def test_the_admin_shows_why_on_the_form(client, editor, fields, words) -> None:
    client.force_login(editor)

    response = client.post(reverse("admin:articles_article_add"), {"text": json.dumps(fields)})

    assert response.status_code == 200
    assert words.lower() in response.content.decode().lower()
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_the_cli_reports_each_and_goes_on(tmp_path) -> None:
    for n, (_, fields, _) in enumerate(BAD_SUBMISSIONS):
        (tmp_path / f"{n:02d}.json").write_text(json.dumps(fields), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="nothing was ingested"):
        call_command("ingest", str(tmp_path), stdout=StringIO(), stderr=err)

    lines = [line for line in err.getvalue().splitlines() if line.startswith("failed:")]
    assert len(lines) == len(BAD_SUBMISSIONS)
    for line, (_, _, words) in zip(sorted(lines), BAD_SUBMISSIONS, strict=True):
        assert words.lower() in line.lower(), line
    assert Article.objects.count() == 0
