"""Security headers on every answer, and a Content-Security-Policy that the site, the admin
and the API documentation all work under in a real Chromium (violations collected)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from summit_kb.accounts import editor_create
from tests.factories import article_make, event_make, evidence_make, quote_make


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/timeline/", "/api/v1/timeline/", "/admin/login/"])
def test_every_answer_carries_the_policy_and_the_other_headers(client, url) -> None:
    response = client.get(url)

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def _watch_csp(page) -> list[str]:
    """Collect what Chromium refuses under the policy, page by page."""
    violations: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return violations


def _visit(page, url: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status < 400, (url, response and response.status)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_site_the_admin_and_the_api_docs_work_under_the_policy(
    live_server, page, story_register, artifacts_dir
) -> None:
    from entities.models import Entity

    putin = Entity.objects.get(slug="vladimir-putin")
    article = article_make(
        body="Putin said: “We talked.” They met in Helsinki.",
        canonical_url="https://news.example/talks",
    )
    quote = quote_make(article=article, speaker=putin, text="We talked.")
    evidence_make(event=event_make(participants=(putin,)), article=article)
    _, password = editor_create(username="erin-editor")
    violations = _watch_csp(page)
    base = live_server.url

    for path in (
        "/",
        "/timeline/",
        "/entities/",
        putin.get_absolute_url(),
        article.get_absolute_url(),
        "/quotes/",
        "/search/?q=talked",
        "/articles/",
        "/no-such-page/",
    ):
        if path == "/no-such-page/":
            page.goto(base + path)
        else:
            _visit(page, base + path)

    _visit(page, base + reverse("admin:login"))
    page.fill("#id_username", "erin-editor")
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")
    for name, args in (
        ("admin:index", []),
        ("admin:articles_article_changelist", []),
        ("admin:articles_article_change", [article.pk]),
        ("admin:articles_article_add", []),
        ("admin:articles_quote_change", [quote.pk]),
        ("admin:entities_entity_changelist", []),
        ("admin:entities_entity_change", [putin.pk]),
        ("admin:timeline_event_changelist", []),
    ):
        _visit(page, base + reverse(name, args=args))
    # The admin's own scripts run: the date shortcuts are drawn by JavaScript.
    _visit(page, base + reverse("admin:articles_article_change", args=[article.pk]))

    _visit(page, base + "/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)  # drawn by its script
    assert page.locator(".swagger-ui .opblock").count() >= 8
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    page.wait_for_selector(".responses-table .response-col_status", timeout=15_000)
    page.screenshot(path=str(artifacts_dir / "api-docs-under-csp.png"))

    assert not violations, "\n".join(violations)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_policy_stops_an_injected_inline_script_and_the_watch_sees_it(live_server, page):
    violations = _watch_csp(page)
    _visit(page, live_server.url + "/")

    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__ran = true'; document.body.append(s); }"""
    )

    assert page.evaluate("() => window.__ran === true") is False
    assert violations and "script-src" in violations[0]
