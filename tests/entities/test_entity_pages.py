"""Entity pages: the index, one person (or organisation, or place) with their facts, the feed."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from articles.models import Quote
from entities.models import Entity
from entities.services import entity_merge
from tests.factories import article_make, event_make, evidence_make, mention_make, quote_make


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _jsonld(response) -> list:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
        )
    ]


def test_acceptance_putins_page_lists_his_quote_to_bolton_with_date_and_source(
    client, demo_corpus
) -> None:
    response = client.get("/entities/vladimir-putin/")

    assert response.status_code == 200
    quotes = response.context["quotes"]
    to_bolton = [q for q in quotes if q.text.startswith("Your visit to Moscow gives us hope")]
    assert len(to_bolton) == 1
    quote = to_bolton[0]
    assert quote.addressee.slug == "john-bolton"
    text = _text(response)
    assert "Your visit to Moscow gives us hope" in text
    assert "told John Bolton , 27 June 2018" in text
    assert "Bolton Sits Down With Putin in the Kremlin as Summit Plans Take Shape" in text
    assert "Eastern Desk" in text
    assert f'href="/articles/{demo_corpus["01_bolton_kremlin_talks.txt"]}/#quote-{quote.pk}"' in (
        response.content.decode()
    )


def test_a_persons_page_has_role_aliases_events_articles_and_companions(
    client, demo_corpus
) -> None:
    response = client.get(reverse("entities:detail", args=["vladimir-putin"]))

    text = _text(response)
    assert "President of Russia" in text
    assert "the Russian leader" in text  # an alias
    assert response.context["events"], "Putin takes part in events"
    assert len(response.context["articles"]) >= 10
    companions = [person.slug for person in response.context["companions"]]
    assert "donald-trump" in companions[:3]
    # quotes in the order they were said
    dates = [q.when for q in response.context["quotes"]]
    assert dates == sorted(dates)
    (person,) = [d for d in _jsonld(response) if d.get("@type") == "Person"]
    assert person["name"] == "Vladimir Putin"
    assert "the Russian leader" in person["alternateName"]
    assert person["sameAs"].endswith("/Q7747")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Summit KB: Vladimir Putin"'
        in (response.content.decode())
    )


def test_what_others_said_about_somebody_is_on_their_page(client, demo_corpus) -> None:
    """Trump's "President Putin was extremely strong and powerful in his denial today."
    names Putin inside the quote."""
    response = client.get(reverse("entities:detail", args=["vladimir-putin"]))

    about = response.context["quotes_about"]
    assert any("extremely strong and powerful" in q.text for q in about)
    assert all(q.speaker_id != Entity.objects.get(slug="vladimir-putin").pk for q in about)


def test_quotes_about_use_the_sentence_not_the_whole_article(client, db, story_register) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    trump = Entity.objects.get(slug="donald-trump")
    body = (
        "Putin arrived late. The weather was fine. "
        "“We had a good talk,” Trump said after meeting Putin. "
        "Another paragraph follows, long enough to be far away from everything else. "
        "“The coffee was good,” Trump said."
    )
    article = article_make(body=body)
    for name in ("Putin arrived", "meeting Putin"):
        start = body.index(name) + (len("meeting ") if name.startswith("meeting") else 0)
        mention_make(article=article, entity=putin, start=start, end=start + 5)
    quote_make(article=article, speaker=trump, text="We had a good talk,")
    quote_make(article=article, speaker=trump, text="The coffee was good,")

    about = client.get(reverse("entities:detail", args=["vladimir-putin"])).context["quotes_about"]

    assert [q.text for q in about] == ["We had a good talk,"]


def test_an_organisation_and_a_place_have_pages_too(client, demo_corpus) -> None:
    for slug in ("helsinki", "kremlin"):
        response = client.get(reverse("entities:detail", args=[slug]))
        assert response.status_code == 200
        assert response.context["articles"]
    helsinki = client.get(reverse("entities:detail", args=["helsinki"]))
    assert any(d.get("@type") == "Place" for d in _jsonld(helsinki))


def test_a_merged_entitys_old_slug_redirects_permanently(client, db, story_register) -> None:
    target = Entity.objects.get(slug="vladimir-putin")
    old = Entity.objects.create(kind="person", name="V. Putin", slug="v-putin")
    entity_merge(sources=[old], target=target)

    response = client.get("/entities/v-putin/")

    assert response.status_code == 301
    assert response["Location"] == "/entities/vladimir-putin/"
    assert client.get("/entities/v-putin/feed/").status_code == 200


def test_an_unknown_or_rejected_entity_is_a_404(client, db, story_register) -> None:
    Entity.objects.create(
        kind="person", name="Not A Person", slug="not-a-person", review_status="rejected"
    )

    for slug in ("nobody-at-all", "not-a-person"):
        response = client.get(f"/entities/{slug}/")
        assert response.status_code == 404
        assert "There is no person, organisation or place" in _text(response)


def test_the_index_lists_entities_by_kind(client, demo_corpus) -> None:
    response = client.get(reverse("entities:index"), {"kind": "person"})

    assert response.status_code == 200
    names = [entity.name for entity in response.context["page"].object_list]
    assert {"Vladimir Putin", "Donald Trump", "John Bolton"} <= set(names)
    assert all(entity.kind == "person" for entity in response.context["page"].object_list)
    assert client.get(reverse("entities:index"), {"kind": "planet"}).status_code == 400
    assert client.get(reverse("entities:index"), {"page": "x"}).status_code == 404


def test_an_entity_feed_lists_their_quotes_and_articles(client, demo_corpus) -> None:
    response = client.get(reverse("entities:feed", args=["vladimir-putin"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Vladimir Putin: “Your visit to Moscow gives us hope" in body
    assert "Bolton Sits Down With Putin in the Kremlin" in body


def _entity_rows(n: int) -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    trump = Entity.objects.get(slug="donald-trump")
    helsinki = Entity.objects.get(slug="helsinki")
    for _ in range(n):
        article = article_make(body="Putin told Trump: “We will talk.” Trump agreed.")
        mention_make(article=article, entity=putin, start=0, end=5)
        mention_make(article=article, entity=trump, start=11, end=16)
        quote_make(article=article, speaker=putin, text="We will talk.")
        event = event_make(participants=(putin, trump), place=helsinki)
        evidence_make(event=event, article=article)


@pytest.mark.parametrize("name", ["entities:detail", "entities:feed"])
def test_an_entity_page_costs_the_same_queries_for_3_and_30_rows(
    client, db, story_register, django_assert_max_num_queries, name
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(name, args=["vladimir-putin"])
    _entity_rows(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _entity_rows(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    assert len(few.captured_queries) <= 12
    assert Quote.objects.filter(speaker__slug="vladimir-putin").count() == 30


def test_the_entity_index_costs_a_fixed_number_of_queries(
    client, db, story_register, django_assert_max_num_queries
) -> None:
    _entity_rows(5)

    with django_assert_max_num_queries(3):
        assert client.get(reverse("entities:index")).status_code == 200
