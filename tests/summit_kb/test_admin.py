"""The admin is usable by an editor, and its list pages cost a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entities.models import Entity
from tests.factories import (
    article_make,
    event_make,
    evidence_make,
    mention_make,
    outlet_make,
    quote_make,
)

CHANGELISTS = [
    "admin:entities_entity_changelist",
    "admin:entities_alias_changelist",
    "admin:articles_outlet_changelist",
    "admin:articles_article_changelist",
    "admin:articles_mention_changelist",
    "admin:articles_quote_changelist",
    "admin:timeline_event_changelist",
    "admin:timeline_evidence_changelist",
]


def _add_rows(count: int) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    bolton = Entity.objects.get(slug="john-bolton")
    moscow = Entity.objects.get(slug="moscow")
    for _ in range(count):
        article = article_make(outlet=outlet_make())
        mention_make(article=article, entity=putin)
        quote_make(article=article, speaker=putin, text="Officials")
        event = event_make(participants=(putin, bolton), place=moscow)
        evidence_make(event=event, article=article)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("name", CHANGELISTS)
def test_a_list_page_costs_the_same_queries_for_3_rows_as_for_30(client, editor, name) -> None:
    client.force_login(editor)
    url = reverse(name)
    _add_rows(3)
    few = _queries(client, url)
    _add_rows(27)
    many = _queries(client, url)
    assert many == few, f"{name}: {few} queries for 3 rows, {many} for 30"


@pytest.mark.django_db
def test_an_editor_opens_change_pages_with_their_inlines(client, editor) -> None:
    client.force_login(editor)
    _add_rows(1)
    article = article_make()
    event = event_make()
    for url in (
        reverse("admin:entities_entity_change", args=[Entity.objects.get(slug="john-bolton").pk]),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:timeline_event_change", args=[event.pk]),
        reverse("admin:articles_article_add"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    bolton_page = client.get(
        reverse("admin:entities_entity_change", args=[Entity.objects.get(slug="john-bolton").pk])
    )
    assert "the U.S. national security adviser" in bolton_page.content.decode()


@pytest.mark.django_db
def test_an_editor_approves_quotes_in_bulk_and_the_admin_remembers_who(client, editor) -> None:
    client.force_login(editor)
    article = article_make()
    putin = Entity.objects.get(slug="vladimir-putin")
    quote = quote_make(article=article, speaker=putin, text="Officials")
    response = client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "mark_approved", "_selected_action": [quote.pk]},
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.review_status, quote.reviewed_by, quote.editor_locked) == (
        "approved",
        editor,
        True,
    )


@pytest.mark.django_db
def test_an_outsider_is_sent_to_the_login_page(client, outsider) -> None:
    client.force_login(outsider)
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
