"""Linking across articles: one happening is one event, whichever outlet reports it."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.models import Article, Quote
from articles.services import article_ingest, article_process
from entities.models import Entity
from timeline.models import Event


def _ingest(text: str) -> Article:
    article = article_ingest(raw=text).article
    assert article_process(article_id=article.pk) == "processed"
    return article


EARLY = """Summit set for Finland

June 29, 2018, 7:00 AM UTC

Donald Trump and Vladimir Putin will hold a summit in Helsinki next month, the Kremlin said.
"""

PRECISE = """Leaders to meet in Helsinki on July 16

June 30, 2018, 7:00 AM UTC

Trump and Putin will meet in Helsinki on July 16, officials in Washington said.
"""

AFTER = """Helsinki talks end without agreement

July 17, 2018, 7:00 AM UTC

Trump met Putin in Helsinki on Monday for more than two hours of talks.
"""

CANDIDATE_ONE = """A Finnish diplomat on the summit

July 3, 2018, 7:00 AM UTC

"Helsinki has done this before," said Marta Lindqvist, a Finnish diplomat, on Monday.
"""

CANDIDATE_TWO = """Finland readies for visitors

July 5, 2018, 7:00 AM UTC

"We expect thousands of reporters," Marta Lindqvist said on Wednesday. Lindqvist is a Finnish diplomat.
"""


@pytest.mark.django_db
def test_the_summit_reported_by_three_articles_is_one_event_with_three_sources() -> None:
    articles = [_ingest(text) for text in (PRECISE, AFTER, EARLY)]

    summits = Event.objects.filter(date__year=2018, date__month=7, place__slug="helsinki")

    assert summits.count() == 1
    summit = summits.get()
    assert set(summit.evidence.values_list("article_id", flat=True)) == {a.pk for a in articles}
    assert (summit.date, summit.precision) == (dt.date(2018, 7, 16), "day")


@pytest.mark.django_db
def test_a_coarser_date_is_refined_when_a_later_article_gives_the_day() -> None:
    _ingest(EARLY)
    event = Event.objects.get(place__slug="helsinki")
    assert (event.date, event.precision) == (dt.date(2018, 7, 1), "month")

    _ingest(PRECISE)

    event.refresh_from_db()
    assert (event.date, event.precision) == (dt.date(2018, 7, 16), "day")
    assert event.evidence.count() == 2


@pytest.mark.django_db
def test_an_editors_date_is_not_refined_away() -> None:
    _ingest(EARLY)
    event = Event.objects.get(place__slug="helsinki")
    event.editor_locked = True
    event.save()

    _ingest(PRECISE)

    event.refresh_from_db()
    assert event.precision == "month"
    assert event.evidence.count() == 2


@pytest.mark.django_db
def test_a_person_outside_the_register_is_one_candidate_across_articles() -> None:
    _ingest(CANDIDATE_ONE)
    _ingest(CANDIDATE_TWO)

    candidates = Entity.objects.filter(name="Marta Lindqvist")
    assert candidates.count() == 1
    candidate = candidates.get()
    assert candidate.review_status == "candidate"
    assert candidate.quotes.count() == 2


@pytest.mark.django_db
def test_events_of_different_kinds_on_the_same_day_stay_apart() -> None:
    _ingest(AFTER)
    _ingest(
        """Intelligence chief answers the president

July 17, 2018, 9:00 AM UTC

Dan Coats, the director of national intelligence, issued a statement on Monday.
"""
    )
    kinds = set(Event.objects.filter(date=dt.date(2018, 7, 16)).values_list("kind", flat=True))
    assert len(kinds) == 2


@pytest.mark.django_db
def test_a_surname_alone_in_a_later_article_is_the_person_named_in_full_before() -> None:
    _ingest(CANDIDATE_ONE)
    _ingest(
        """Hotels fill up in Helsinki

July 6, 2018, 7:00 AM UTC

"Every room is booked," Lindqvist said on Thursday.
"""
    )

    assert not Entity.objects.filter(name="Lindqvist").exists()
    assert Entity.objects.get(name="Marta Lindqvist").quotes.count() == 2


@pytest.mark.django_db
def test_a_surname_shared_by_two_known_people_is_not_guessed() -> None:
    _ingest(CANDIDATE_ONE)
    _ingest(
        """Another Lindqvist speaks

July 4, 2018, 7:00 AM UTC

"The port is ready," said Erik Lindqvist, a harbour official, on Tuesday.
"""
    )
    _ingest(
        """Ambiguous surname

July 6, 2018, 7:00 AM UTC

"Every room is booked," Lindqvist said on Thursday.
"""
    )

    quote = Quote.objects.get(text__startswith="Every room")
    assert quote.speaker is None or quote.speaker.name == "Lindqvist"


@pytest.mark.django_db
def test_an_editor_merges_two_events_and_the_old_address_leads_to_the_merged_one(
    client, editor
) -> None:
    first = _ingest(EARLY)
    _ingest(
        """Finland confirms the date

June 30, 2018, 7:00 AM UTC

Finnish President Sauli Niinistö will host the leaders' talks on July 16, his office said.
"""
    )
    events = list(Event.objects.filter(date__year=2018, date__month=7).order_by("pk"))
    assert len(events) == 2, [e.title for e in events]
    keep, gone = events
    client.force_login(editor)

    response = client.post(
        "/admin/timeline/event/",
        {"action": "merge", "_selected_action": [keep.pk, gone.pk]},
    )

    assert response.status_code == 302
    keep.refresh_from_db()
    assert not Event.objects.filter(pk=gone.pk).exists()
    assert keep.editor_locked and keep.reviewed_by == editor
    assert keep.evidence.count() == 2
    moved = client.get(f"/timeline/{gone.slug}/")
    assert moved.status_code == 301 and moved["Location"].endswith(f"/timeline/{keep.slug}/")

    # Reprocessing the first article keeps its report on the merged event.
    from articles.services import articles_requeue

    articles_requeue(article_ids=[first.pk])
    assert article_process(article_id=first.pk) == "processed"
    assert Event.objects.filter(date__year=2018, date__month=7).count() == 1
