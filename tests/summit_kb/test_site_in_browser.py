"""A journalist in a real Chromium: from the timeline to the sentence to the speaker's quote."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import demo_corpus_load


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_journalist_follows_an_event_to_its_sentence_and_the_speakers_quote(
    live_server, page, artifacts_dir
) -> None:
    demo_corpus_load()  # transactional tests flush: load it inside the test

    page.goto(live_server.url + reverse("timeline:index"))
    page.screenshot(path=artifacts_dir / "site-timeline.png", full_page=False)

    # Filter to Vladimir Putin with the plain form (no JavaScript involved).
    page.get_by_role("checkbox", name="Vladimir Putin").check()
    page.get_by_role("button", name="Show events").click()
    assert "entity=vladimir-putin" in page.url
    assert page.locator(".active-filters").inner_text().startswith("Showing events")
    events = page.locator("article.event")
    assert events.count() > 0
    for i in range(events.count()):
        assert "Vladimir Putin" in events.nth(i).locator(".facts").inner_text()
    page.screenshot(path=artifacts_dir / "site-timeline-putin.png", full_page=False)

    # Open the sources of the first event.
    first = events.first
    first.locator("summary", has_text="Sources").click()
    source = first.locator(".evidence-list a").first
    assert source.is_visible()
    sentence = source.inner_text()
    href = source.get_attribute("href")
    assert re.fullmatch(r"/articles/\d+/#evidence-\d+", href)

    # Follow it: the article opens at that sentence, which is highlighted.
    source.click()
    page.wait_for_url(re.compile(r"/articles/\d+/#evidence-\d+$"))
    target = page.locator(":target")
    assert target.count() == 1
    assert target.get_attribute("class") == "evidence"
    assert " ".join(target.inner_text().split()) == " ".join(sentence.split())
    highlight = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")
    assert target.is_visible()

    # Open the speaker of a quote in this article and find the quote on their page.
    quote_id = page.evaluate(
        "[...document.querySelectorAll('.quote[id]')].find(q => "
        "q.nextElementSibling && q.nextElementSibling.matches('.said-by') && "
        "q.nextElementSibling.querySelector('a')).id"
    )
    quote_text = page.locator(f"#{quote_id}").inner_text().strip('"“”,. ')
    badge = page.locator(f"#{quote_id} + .said-by a")
    speaker = badge.inner_text()
    badge.click()
    page.wait_for_url(re.compile(r"/entities/[\w-]+/$"))
    assert page.locator("h1").inner_text() == speaker
    quotes = page.locator("#quotes ~ .quotes blockquote")
    assert any(quote_text[:40] in text for text in quotes.all_inner_texts())
    page.screenshot(path=artifacts_dir / "site-entity.png", full_page=False)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_putins_page_in_the_browser_shows_his_words_to_bolton(
    live_server, page, artifacts_dir
) -> None:
    demo_corpus_load()

    page.goto(live_server.url + "/entities/vladimir-putin/")

    card = page.locator(".quote-card", has_text="Your visit to Moscow gives us hope")
    assert "27 June 2018" in card.inner_text()
    assert "Eastern Desk" in card.inner_text()
    card.get_by_role("link", name=re.compile("Bolton Sits Down With Putin")).click()
    page.wait_for_url(re.compile(r"/articles/\d+/#quote-\d+$"))
    assert "Your visit to Moscow" in page.locator(":target").inner_text()
    page.screenshot(path=artifacts_dir / "site-article-quote.png", full_page=False)

    # keyboard: the skip link is the first stop and is visible when focused
    page.goto(live_server.url + "/timeline/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=artifacts_dir / "site-timeline-phone.png", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
