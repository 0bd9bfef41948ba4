"""Script payloads in every field that reaches a page, rendered in a real Chromium: nothing
runs (a dialog would fail the test), and the words show as text."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from articles.models import Article
from articles.services import article_ingest, article_process
from entities.models import Entity
from tests.factories import article_make, event_make, evidence_make, outlet_make, quote_make
from tests.hostile_inputs import XSS_PAYLOADS, XSS_URL, xss_article


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_on_any_page(live_server, page, story_register, artifacts_dir) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    result = article_ingest(raw=json.dumps(xss_article()), filename="hostile.json")
    assert article_process(article_id=result.article.pk) == "processed"
    article = Article.objects.get(pk=result.article.pk)
    # An editor names a person and describes them with payloads (the admin takes any text).
    person = Entity.objects.get(slug="vladimir-putin")
    person.name = f"Vladimir {XSS_PAYLOADS[0]} Putin"
    person.description = f"President {XSS_PAYLOADS[1]} of Russia"
    person.save()
    # What the parser does not clean, an editor may still type in the admin: a headline, a
    # byline, an outlet's name, a quote's words, an event's title.
    edited = article_make(
        headline=f"Edited {XSS_PAYLOADS[0]}",
        body=f"Putin said: “{XSS_PAYLOADS[1]} we talked.” They met in Helsinki.",
        byline=f"By {XSS_PAYLOADS[2]}",
        outlet=outlet_make(name=f"Desk {XSS_PAYLOADS[1]}"),
    )
    quote_make(article=edited, speaker=person, text=f"{XSS_PAYLOADS[1]} we talked.")
    evidence_make(
        event=event_make(title=f"Meeting {XSS_PAYLOADS[0]}", participants=(person,)),
        article=edited,
    )
    # A row stored before URLs were checked: the page must not make it a link.
    old = article_make(body="Putin met Bolton in Moscow.", canonical_url=XSS_URL)
    base = live_server.url

    for path in (
        "/",
        "/timeline/",
        "/entities/",
        person.get_absolute_url(),
        article.get_absolute_url(),
        edited.get_absolute_url(),
        old.get_absolute_url(),
        "/quotes/",
        "/articles/",
        "/search/?q=" + "Turku",
        "/search/?q=" + XSS_PAYLOADS[1],
        "/timeline/feed/",
        "/api/v1/articles/",
        f"/api/v1/articles/{article.pk}/",
    ):
        page.goto(base + path, wait_until="load")
    page.goto(base + old.get_absolute_url())
    assert page.locator('a[href^="javascript"]').count() == 0
    page.goto(base + edited.get_absolute_url())
    shown = page.inner_text("main")
    assert XSS_PAYLOADS[0] in shown and XSS_PAYLOADS[1] in shown  # shown as the words they are
    page.screenshot(path=str(artifacts_dir / "xss-article.png"), full_page=True)

    assert not dialogs, dialogs
    assert reverse("admin:index")  # the admin pages are covered by the CSP test
