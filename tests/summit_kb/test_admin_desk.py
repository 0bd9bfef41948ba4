"""The admin as an editor's desk: plain messages, quotes in their sentence, API tokens."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from rest_framework.test import APIClient

from articles.models import Article, ArticleStatus
from entities.models import Entity
from summit_kb.accounts import editor_create
from summit_kb.api_tokens import api_token_create
from summit_kb.models import ApiToken
from tests.factories import article_make, event_make, quote_make

BODY = (
    "Talks went on late. “We have agreed on a place and a date,” Yuri Ushakov said on "
    "Thursday. Reporters waited outside."
)
QUOTE = "We have agreed on a place and a date,"
HARBOUR = (
    "Harbour Cranes Return to Service\n\nJuly 4, 2018\n\n"
    "Two cranes returned to service at the Turku harbour on Tuesday after repairs.\n"
)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_bulk_reviews_report_in_plain_sentences(editor_client, story_register) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    article = article_make(body=BODY)
    quote = quote_make(article=article, speaker=putin, text=QUOTE)
    events = [event_make(), event_make()]

    approved = editor_client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "mark_approved", "_selected_action": [quote.pk]},
        follow=True,
    )
    rejected = editor_client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "mark_rejected", "_selected_action": [e.pk for e in events]},
        follow=True,
    )
    again = editor_client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "mark_approved", "_selected_action": [quote.pk]},
        follow=True,
    )

    assert _messages(approved) == ["Approved 1 quote."]
    assert _messages(rejected) == ["Rejected 2 events."]
    assert _messages(again) == ["Nothing changed: the selected quotes were approved already."]


@pytest.mark.django_db
def test_saving_a_quote_names_it_inside_one_pair_of_quote_marks(
    editor_client, story_register
) -> None:
    ushakov = Entity.objects.get(slug="yuri-ushakov")
    quote = quote_make(article=article_make(body=BODY), speaker=None, text=QUOTE)
    url = reverse("admin:articles_quote_change", args=[quote.pk])

    form = editor_client.get(url).context["adminform"].form
    data = {
        name: (value if value is not None else "")
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(speaker=ushakov.pk, said_on="", said_precision="", review_status="pending")
    data = {k: v for k, v in data.items() if k != "editor_locked"}
    response = editor_client.post(url, data, follow=True)

    (message,) = (strip_tags(m) for m in _messages(response))
    assert "“We have agreed on a place and a date,”" in message
    assert "““" not in message and "“ “" not in message and "” ”" not in message
    quote.refresh_from_db()
    assert quote.speaker == ushakov and quote.editor_locked


@pytest.mark.django_db
def test_the_quote_form_shows_the_sentence_with_the_quote_marked_and_no_offsets(
    editor_client, story_register
) -> None:
    article = article_make(body=BODY)
    quote = quote_make(article=article, speaker=None, text=QUOTE)

    response = editor_client.get(reverse("admin:articles_quote_change", args=[quote.pk]))
    page = response.content.decode()

    assert f"“<mark>{QUOTE}</mark>” Yuri Ushakov said on Thursday." in page
    assert "Talks went on late." not in page  # the sentence, not the whole body
    form = response.context["adminform"].form
    assert not {"start", "end", "confidence", "text", "article"} & set(form.fields)
    # The article page's inline shows the same sentence and no offsets either.
    inline = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = inline.content.decode()
    assert f"<mark>{QUOTE}</mark>" in html
    assert 'name="quotes-0-start"' not in html and 'name="quotes-0-end"' not in html


@pytest.mark.django_db(transaction=True)
def test_adding_an_article_tells_its_status_as_it_is(client, story_register) -> None:
    """With in-process tasks (the embedded default) the article is processed before the
    page answers: the message says so instead of "queued"."""
    from summit_kb.celery import app

    editor, _ = editor_create(username="eager-editor")
    client.force_login(editor)
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        response = client.post(
            reverse("admin:articles_article_add"), {"text": HARBOUR}, follow=True
        )
    finally:
        app.conf.task_always_eager = eager

    article = Article.objects.get()
    assert article.status == ArticleStatus.PROCESSED
    (message,) = _messages(response)
    assert message.startswith("Added “Harbour Cranes Return to Service” and processed it:")
    assert "queued" not in message


# --- API tokens -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_makes_a_token_sees_the_key_once_and_revokes_it(editor_client, editor) -> None:
    response = editor_client.post(
        reverse("admin:summit_kb_apitoken_add"), {"name": "Newsroom importer"}
    )

    assert response.status_code == 200
    key = response.context["key"]
    token = ApiToken.objects.get()
    assert (token.name, token.user, token.created_by) == ("Newsroom importer", editor, editor)
    assert key not in {token.digest, token.prefix} and key.startswith(token.prefix)
    assert key in response.content.decode()
    # Only once: the token's own page shows its start, never the key.
    page = editor_client.get(reverse("admin:summit_kb_apitoken_change", args=[token.pk]))
    assert key not in page.content.decode() and f"{token.prefix}…" in page.content.decode()

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post("/api/v1/articles/", {"text": HARBOUR}, format="json").status_code == 201
    token.refresh_from_db()
    assert token.last_used_at is not None

    revoked = editor_client.post(
        reverse("admin:summit_kb_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    assert _messages(revoked) == ["Revoked 1 API token."]
    assert api.post("/api/v1/articles/", {"text": HARBOUR + "x"}, format="json").status_code == 401
    listing = editor_client.get(reverse("admin:summit_kb_apitoken_changelist")).content.decode()
    assert "revoked" in listing


@pytest.mark.django_db
def test_an_editors_token_acts_as_the_editor_and_never_as_someone_else(
    editor_client, editor, django_user_model
) -> None:
    boss = django_user_model.objects.create_superuser("boss", password="x-very-long-secret-1")

    editor_client.post(reverse("admin:summit_kb_apitoken_add"), {"name": "Sneaky", "user": boss.pk})

    assert ApiToken.objects.get().user == editor
    theirs, _ = api_token_create(user=boss, name="Boss's client")
    listing = editor_client.get(reverse("admin:summit_kb_apitoken_changelist"))
    assert theirs not in listing.context["cl"].result_list


@pytest.mark.django_db
def test_last_use_is_written_at_most_once_a_minute(editor) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, key = api_token_create(user=editor, name="poller")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    api.get("/api/v1/entities/")
    with CaptureQueriesContext(connection) as queries:
        api.get("/api/v1/entities/")
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]


def test_the_schema_draws_no_padlock_on_public_reads(client, db) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    operations = [(m, op) for ops in schema["paths"].values() for m, op in ops.items()]
    assert all(op["security"] == [] for m, op in operations if m == "get")
    posts = [op for m, op in operations if m == "post"]
    assert posts and all({"tokenAuth": []} in op["security"] for op in posts)
    assert "tokenAuth" in schema["components"]["securitySchemes"]
