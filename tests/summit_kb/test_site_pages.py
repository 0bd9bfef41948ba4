"""The front page, search, JSON-LD on every page, and the pages for what is not there."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _jsonld(response) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


def test_the_front_page_shows_the_story_at_a_glance(client, demo_corpus) -> None:
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["counts"]["articles"] == len(demo_corpus)
    assert response.context["latest"]
    text = _text(response)
    assert "Vladimir Putin" in text and "Donald Trump" in text
    newest = Article.objects.order_by("-published_at").first()
    assert newest.headline in text
    (site,) = _jsonld(response)
    assert site["@type"] == "WebSite"


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/", "WebSite"),
        ("/timeline/", "ItemList"),
        ("/entities/", "ItemList"),
        ("/entities/vladimir-putin/", "Person"),
        ("/entities/kremlin/", "Organization"),
        ("/articles/", "ItemList"),
        ("/quotes/", "ItemList"),
        ("/search/?q=Helsinki", "SearchResultsPage"),
    ],
)
def test_every_page_embeds_schema_org_json_ld(client, demo_corpus, path, kind) -> None:
    response = client.get(path)

    assert response.status_code == 200
    (data,) = _jsonld(response)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == kind


def test_an_article_page_describes_a_news_article_with_its_quotations(client, demo_corpus) -> None:
    response = client.get(f"/articles/{demo_corpus['01_bolton_kremlin_talks.txt']}/")

    (data,) = _jsonld(response)
    assert data["@type"] == "NewsArticle"
    assert data["publisher"]["name"] == "Eastern Desk"
    said = [q for q in data["hasPart"] if q["text"].startswith("Your visit to Moscow")]
    assert said[0]["@type"] == "Quotation"
    assert said[0]["creator"]["name"] == "Vladimir Putin"
    assert said[0]["dateCreated"] == "2018-06-27"


def test_search_finds_articles_quotes_and_entities_with_highlighted_snippets(
    client, demo_corpus
) -> None:
    response = client.get(reverse("search"), {"q": "Helsinki summit"})

    assert response.status_code == 200
    assert response.context["articles"]
    html = response.content.decode()
    assert "<mark>" in html
    assert any(
        e.slug == "helsinki"
        for e in client.get(reverse("search"), {"q": "helsinki"}).context["entities"]
    )
    putin = client.get(reverse("search"), {"q": "Putin"})
    assert any(entity.slug == "vladimir-putin" for entity in putin.context["entities"])
    controlled = client.get(reverse("search"), {"q": "controlled by Russia"})
    assert any("totally controlled" in hit.obj.text for hit in controlled.context["quotes"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_article_search_uses_its_gin_index(db) -> None:
    from articles.selectors import article_search_vector

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_gin'")
        (definition,) = cursor.fetchone()
        assert "USING gin" in definition
        cursor.execute("SET LOCAL enable_seqscan = off")
        from django.contrib.postgres.search import SearchQuery

        query = (
            Article.objects.annotate(document=article_search_vector())
            .filter(document=SearchQuery("helsinki", config="english"))
            .order_by()
            .values("id")
        )
        plan = query.explain()
    assert "article_search_gin" in plan


def test_an_empty_search_shows_the_form(client, db) -> None:
    response = client.get(reverse("search"))

    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_a_missing_page_is_a_readable_404(client, db) -> None:
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "Not found" in _text(response)
    assert 'class="skip-link"' in response.content.decode()


def test_the_pages_have_landmarks_a_skip_link_and_no_outside_assets(client, demo_corpus) -> None:
    html = client.get(reverse("timeline:index")).content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert '<nav aria-label="Main">' in html
    assert not re.search(r'(src|href)="(https?:)?//(?!www\.wikidata\.org)', html)
    assert "<script src" not in html
