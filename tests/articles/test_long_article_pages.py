"""An article with thousands of quotes: every quote stays marked in its text, but what one
page lists beside it is capped, and the rest are a paginated link away."""

from __future__ import annotations

import pytest

from articles.views import FACTS_LISTED
from entities.models import Entity
from tests.factories import article_make, mention_make, quote_make

QUOTES = FACTS_LISTED + 150


@pytest.fixture
def transcript(db, story_register):
    putin = Entity.objects.get(slug="vladimir-putin")
    body = "\n\n".join(f"Putin said: “We spoke of point {i}.”" for i in range(QUOTES))
    article = article_make(body=body)
    offset = 0
    for i in range(QUOTES):
        paragraph = f"Putin said: “We spoke of point {i}.”"
        mention_make(article=article, entity=putin, start=offset, end=offset + 5)
        offset += len(paragraph) + 2
    for i in range(QUOTES):
        quote_make(article=article, speaker=putin, text=f"We spoke of point {i}.")
    return article


def test_every_quote_is_marked_but_the_list_beside_the_text_is_capped(client, transcript):
    html = client.get(transcript.get_absolute_url()).content.decode()

    assert html.count('class="quote"') == QUOTES + 1  # and the legend's sample
    assert html.count("said by </span>") == QUOTES
    listed = html.split('id="facts-quotes"', 1)[1].split("</section>", 1)[0]
    assert listed.count("<li>") == FACTS_LISTED
    assert f"Quotes ({QUOTES})" in html
    assert f"/quotes/?article={transcript.pk}" in listed
    assert html.count('"@type": "Quotation"') <= FACTS_LISTED


def test_the_rest_are_on_the_quotes_page_of_the_article_in_text_order(client, transcript):
    first = client.get("/quotes/", {"article": transcript.pk})
    last = client.get("/quotes/", {"article": transcript.pk, "page": 5})

    assert first.status_code == 200 and last.status_code == 200
    assert "point 0." in first.content.decode() and "point 49." in first.content.decode()
    assert f"point {QUOTES - 1}." in last.content.decode()
    assert f"{QUOTES} quotes" in first.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "99999999", "-1"])
def test_an_unknown_article_on_the_quotes_page_is_a_400_with_a_sentence(client, value):
    response = client.get("/quotes/", {"article": value})

    assert response.status_code == 400
    assert "There is no article" in response.content.decode()
