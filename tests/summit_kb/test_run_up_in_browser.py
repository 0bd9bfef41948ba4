"""In a real Chromium: the run-up chart by keyboard and mouse, an editor's API token from the
admin to a POST, admin lists at 1280 px, and screenshots of every page at 1280 and 390 px."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from summit_kb.accounts import editor_create
from summit_kb.models import ApiToken
from tests.conftest import demo_corpus_load
from timeline.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def _log_in(page, live_server, username: str = "erin-editor") -> None:
    _, password = editor_create(username=username)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_a_reader_tabs_to_a_day_on_the_chart_and_lands_on_it(live_server, page) -> None:
    demo_corpus_load()
    page.goto(live_server.url + "/")

    # Keyboard: Tab until a day of the chart has focus, then Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.day-mark')"):
            break
    else:
        pytest.fail("no day of the chart is reachable with Tab")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/timeline/\?day=(\d{4}-\d\d-\d\d)#d\1$"))
    day = re.search(r"day=([\d-]+)", page.url).group(1)
    target = page.locator(":target")
    assert target.get_attribute("id") == f"d{day}"
    assert target.is_visible()
    assert label.split(":")[0].lower() == target.inner_text().lower()

    # Mouse: the busiest day of Putin's chart, on his page.
    page.goto(live_server.url + "/entities/vladimir-putin/")
    marks = page.locator("a.day-mark")
    assert marks.count() > 0
    marks.last.click()
    page.wait_for_url(re.compile(r"/timeline/\?day=(\d{4}-\d\d-\d\d)#d\1$"))
    day = re.search(r"day=([\d-]+)", page.url).group(1)
    assert page.locator(":target").get_attribute("id") == f"d{day}"
    assert page.locator(f"#d{day}").is_visible()


def test_the_chart_is_readable_at_390_px_and_the_page_does_not_scroll_sideways(
    live_server, page, artifacts_dir
) -> None:
    demo_corpus_load()
    page.set_viewport_size({"width": 390, "height": 844})

    for path in ("/", "/entities/vladimir-putin/", "/timeline/story/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        sizes = page.evaluate(
            "[...document.querySelectorAll('.run-up-chart text')]"
            ".map(t => t.getBoundingClientRect().height)"
        )
        assert sizes and min(sizes) >= 10, (path, min(sizes))  # label height in CSS pixels
        # The text alternative opens to a table with one row per day.
        page.locator(".chart-table summary").first.click()
        rows = page.locator(".chart-table tbody tr").count()
        assert rows == page.locator("a.day-mark").count()


def test_an_editor_makes_a_token_in_the_admin_and_posts_an_article_with_it(
    live_server, page, artifacts_dir
) -> None:
    _log_in(page, live_server)
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_role("link", name="API tokens").first.click()
    page.get_by_role("link", name=re.compile("Add API token", re.I)).click()
    page.fill("#id_name", "Newsroom importer")
    page.click("input[name=_save]")
    key = page.locator("#token-key").input_value()
    assert re.fullmatch(r"[0-9a-f]{40}", key)
    page.screenshot(path=artifacts_dir / "admin-token-created-1280.png", full_page=True)

    text = (
        "Harbour Cranes Return to Service\n\nJuly 4, 2018\n\n"
        "Two cranes returned to service at the Turku harbour on Tuesday after repairs.\n"
    )
    request = urllib.request.Request(
        live_server.url + "/api/v1/articles/",
        data=json.dumps({"text": text}).encode(),
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201
        created = json.loads(response.read())
    article = Article.objects.get(pk=created["id"])
    assert article.submitted_by.username == "erin-editor"

    # The token list shows when it was last used; a wrong key is refused.
    page.goto(live_server.url + reverse("admin:summit_kb_apitoken_changelist"))
    row = page.locator("#result_list tbody tr", has_text="Newsroom importer")
    assert "never" not in row.inner_text() and "active" in row.inner_text()
    page.screenshot(path=artifacts_dir / "admin-tokens-1280.png", full_page=True)
    assert ApiToken.objects.get().last_used_at is not None
    bad = urllib.request.Request(
        live_server.url + "/api/v1/articles/",
        data=b"{}",
        headers={"Authorization": "Token " + "0" * 40, "Content-Type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bad, timeout=30)
    assert refused.value.code == 401


ADMIN_LISTS = [
    "admin:articles_article_changelist",
    "admin:articles_quote_changelist",
    "admin:articles_mention_changelist",
    "admin:articles_outlet_changelist",
    "admin:entities_entity_changelist",
    "admin:entities_alias_changelist",
    "admin:timeline_event_changelist",
    "admin:timeline_evidence_changelist",
    "admin:summit_kb_apitoken_changelist",
]


def test_admin_lists_fit_1280_px_and_every_page_has_its_screenshots(
    live_server, page, artifacts_dir
) -> None:
    ids = demo_corpus_load()
    _log_in(page, live_server)
    clipped = []
    for name in ADMIN_LISTS:
        page.goto(live_server.url + reverse(name))
        overflow = page.evaluate(
            "(() => { const r = document.querySelector('#changelist .results');"
            " const d = document.documentElement;"
            " return [r ? r.scrollWidth - r.clientWidth : 0, d.scrollWidth - d.clientWidth]; })()"
        )
        if max(overflow) > 0:
            clipped.append((name, overflow))
        page.screenshot(path=artifacts_dir / f"admin-{name.split(':')[1]}-1280.png")
    assert not clipped, clipped

    event = Event.objects.filter(kind="summit").order_by("-date").first()
    quote = Quote.objects.filter(speaker__slug="vladimir-putin").first()
    article_id = ids["09_helsinki_summit_day.txt"]
    pages = {
        "home": "/",
        "timeline": "/timeline/",
        "timeline-day": "/timeline/?day=2018-07-16#d2018-07-16",
        "story": "/timeline/story/",
        "event": event.get_absolute_url(),
        "entities": "/entities/",
        "entity-putin": "/entities/vladimir-putin/",
        "entity-helsinki": "/entities/helsinki/",
        "articles": "/articles/",
        "article": f"/articles/{article_id}/",
        "quotes": "/quotes/",
        "search": '/search/?q="witch hunt"',
        "search-or": "/search/?q=Pence OR Kortunov",
        "api-docs": "/api/docs/",
        "admin-index": reverse("admin:index"),
        "admin-article": reverse("admin:articles_article_change", args=[article_id]),
        "admin-quote": reverse("admin:articles_quote_change", args=[quote.pk]),
        "admin-add-article": reverse("admin:articles_article_add"),
    }
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for label, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status < 400, (label, response.status)
            if label == "api-docs":
                page.wait_for_selector(".opblock", timeout=20_000)
                # Public reads carry no padlock; the one write does.
                gets = page.locator(".opblock-get")
                assert gets.count() > 0
                assert page.locator(".opblock-get .authorization__btn").count() == 0
                assert page.locator(".opblock-post .authorization__btn").count() >= 1
            page.screenshot(path=artifacts_dir / f"page-{label}-{width}.png", full_page=True)

    # The unconfirmed badge is the size of its word, not of the card.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/entities/")
    badge = page.locator(".entity-card .badge").first
    card = page.locator(".entity-card", has=page.locator(".badge")).first
    assert badge.bounding_box()["width"] < card.bounding_box()["width"] / 2
