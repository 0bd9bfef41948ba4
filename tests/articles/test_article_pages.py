"""Article pages and the quotes page: the body built safely, the facts, the filters."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from articles.rendering import Mark, body_html
from entities.models import Entity
from tests.factories import article_make, event_make, evidence_make, mention_make, quote_make
from timeline.models import Evidence

NASTY = "<script>alert('x')</script>"


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_an_article_page_links_mentions_highlights_quotes_and_marks_evidence(
    client, demo_corpus
) -> None:
    article_id = demo_corpus["01_bolton_kremlin_talks.txt"]
    quote = Quote.objects.get(article_id=article_id, text__startswith="Your visit to Moscow")
    evidence = Evidence.objects.filter(article_id=article_id).first()

    response = client.get(reverse("articles:detail", args=[article_id]))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="quote-{quote.pk}" class="quote"' in html
    assert (
        'class="said-by"' in html and 'href="/entities/vladimir-putin/">Vladimir Putin</a>' in html
    )
    assert f'id="evidence-{evidence.pk}" class="evidence"' in html
    assert '<a class="mention" href="/entities/john-bolton/">' in html
    text = _text(response)
    assert "Bolton Sits Down With Putin in the Kremlin" in text
    assert "Eastern Desk" in text
    assert "Found in this article" in text


def test_the_body_is_rebuilt_from_escaped_pieces_and_stays_well_formed() -> None:
    body = "Putin said “<b>we</b> will meet Trump.” Then he left.\n\nA second paragraph."
    quote_start = body.index("<b>")
    marks = [
        Mark(0, body.index(" Then"), 0, "span", first_attrs=(("id", "evidence-1"),)),
        Mark(quote_start, body.index(".”") + 1, 1, "q"),
        Mark(body.index("Trump"), body.index("Trump") + 5, 2, "a", attrs=(("href", "/t/"),)),
        # crossing the evidence's end: closed and reopened, without the id twice
        Mark(body.index("left") - 10, body.index("left"), 0, "em", first_attrs=(("id", "x"),)),
    ]

    html = str(body_html(body, marks))

    assert "<b>" not in html and "&lt;b&gt;we&lt;/b&gt;" in html
    assert html.count('id="evidence-1"') == 1
    assert html.count("<p>") == 2
    # every opened tag is closed, in order
    stack = []
    for closing, tag in re.findall(r"<(/?)(\w+)[^>]*>", html):
        if closing:
            assert stack.pop() == tag
        else:
            stack.append(tag)
    assert stack == []


@pytest.mark.parametrize(
    "url_name",
    [
        "home",
        "articles:index",
        "articles:detail",
        "quotes",
        "search",
        "timeline:index",
        "timeline:event",
        "entities:detail",
    ],
)
def test_script_in_a_headline_and_body_shows_as_text(client, db, story_register, url_name) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    body = f"Putin said “{NASTY} is fine” in Helsinki. {NASTY}"
    article = article_make(headline=f"Summit {NASTY} </script><!-- news", body=body)
    mention_make(article=article, entity=putin, start=0, end=5)
    quote_make(article=article, speaker=putin, text=f"{NASTY} is fine")
    event = event_make(title=f"Meeting {NASTY}", participants=(putin,))
    evidence_make(event=event, article=article)
    args = {
        "articles:detail": [article.pk],
        "timeline:event": [event.slug],
        "entities:detail": ["vladimir-putin"],
    }.get(url_name, [])

    response = client.get(
        reverse(url_name, args=args), {"q": "Helsinki"} if url_name == "search" else {}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "alert(" in html  # the text is on the page…
    assert "<script>alert" not in html  # …but never as markup
    assert "<!-- news" not in html
    # JSON-LD cannot be closed early by a headline with </script>
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert "<" not in block


def test_the_quotes_page_filters_by_speaker_dates_and_words(client, demo_corpus) -> None:
    url = reverse("quotes")

    by_putin = client.get(url, {"speaker": "vladimir-putin"})
    assert by_putin.status_code == 200
    quotes = list(by_putin.context["page"].object_list)
    assert quotes and {q.speaker.slug for q in quotes} == {"vladimir-putin"}
    assert "27 June 2018" in _text(by_putin)

    in_june = client.get(url, {"speaker": "vladimir-putin", "from": "2018-06", "to": "2018-06-30"})
    assert [q.text[:20] for q in in_june.context["page"].object_list] == ["Your visit to Moscow"]

    words = client.get(url, {"q": "totally controlled"})
    found = list(words.context["page"].object_list)
    assert found and all("totally controlled" in q.text for q in found)
    assert {q.speaker.slug for q in found} == {"donald-trump"}


def test_the_quotes_page_finds_what_was_said_about_a_person(client, demo_corpus) -> None:
    response = client.get(reverse("quotes"), {"about": "vladimir-putin"})

    assert response.status_code == 200
    texts = [q.text for q in response.context["page"].object_list]
    assert "naming Vladimir Putin" in _text(response)
    # Merilo's words name Putin inside the quote itself.
    assert any(text.startswith("so that the president sits down with Putin") for text in texts)
    # Ryan's statement names Russia, not Putin.
    assert not any(text.startswith("The president must appreciate") for text in texts)


@pytest.mark.parametrize(
    "params, status, words",
    [
        ({"about": "nobody-at-all"}, 400, "there is no entity 'nobody-at-all'"),
        ({"from": "2018-13-40"}, 400, "from: '2018-13-40' is not a date"),
        ({"speaker": "nobody-at-all"}, 400, "there is no entity 'nobody-at-all'"),
        ({"page": "abc"}, 404, "is not a page number"),
        ({"page": "-1"}, 404, "There is no page -1"),
    ],
)
def test_the_quotes_page_answers_bad_parameters_readably(client, db, params, status, words) -> None:
    response = client.get(reverse("quotes"), params)

    assert response.status_code == status
    assert words in _text(response)


def test_the_article_list_filters_by_entity_and_paginates(client, demo_corpus) -> None:
    response = client.get(reverse("articles:index"), {"entity": "john-bolton"})

    assert response.status_code == 200
    articles = list(response.context["page"].object_list)
    assert demo_corpus["01_bolton_kremlin_talks.txt"] in {a.pk for a in articles}
    assert len(articles) < Article.objects.count()
    assert client.get(reverse("articles:index"), {"entity": "nobody"}).status_code == 400
    assert client.get(reverse("articles:index"), {"page": "2"}).status_code == 404
    assert client.get(reverse("articles:detail", args=[999999])).status_code == 404


def _article_rows(n: int) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    for i in range(n):
        article = article_make(body="Putin said: “We will talk.” He left.")
        mention_make(article=article, entity=putin, start=0, end=5)
        quote_make(article=article, speaker=putin, text="We will talk.")
        evidence_make(event=event_make(date=dt.date(2018, 7, 1 + i % 28)), article=article)


@pytest.mark.parametrize("url_name", ["articles:index", "quotes", "home", "search"])
def test_list_pages_cost_the_same_queries_for_3_and_30_rows(
    client, db, story_register, django_assert_max_num_queries, url_name
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    params = {"q": "talk"} if url_name == "search" else {}
    _article_rows(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name), params).status_code == 200
    _article_rows(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(url_name), params).status_code == 200
    assert len(few.captured_queries) <= 16


def test_an_article_page_costs_five_queries_however_many_facts(
    client, db, story_register, django_assert_max_num_queries
) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    body = " ".join(f"Putin said “point {i}.”" for i in range(40))
    article = article_make(body=body)
    for match in re.finditer("Putin", body):
        mention_make(article=article, entity=putin, start=match.start(), end=match.end())
    for i in range(40):
        quote_make(article=article, speaker=putin, text=f"point {i}.")
    for _ in range(10):
        evidence_make(event=event_make(), article=article)

    # The article, its quotes as marks, its mentions as marks, its evidence, and the quotes
    # listed beside the text (at most FACTS_LISTED of them, as models).
    with django_assert_max_num_queries(5):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("said by </span>") == 40
