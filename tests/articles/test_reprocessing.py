"""Reprocessing replaces what the machine found and keeps what an editor decided."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article, ArticleStatus, Mention, Quote, Utterance
from articles.services import (
    PIPELINE_VERSION,
    article_ingest,
    article_process,
    articles_requeue,
    articles_sweep,
)
from entities.models import Entity
from timeline.models import Event, Evidence

ARTICLE = """Envoys prepare the Helsinki meeting

July 2, 2018, 9:00 AM UTC

Donald Trump and Vladimir Putin will meet in Helsinki on July 16, the two governments said last week.

"The agenda is long and the time is short," said Marta Lindqvist, a Finnish diplomat, on Monday.

John Bolton met Putin in Moscow on June 27 to settle the date.
"""


def _process(article: Article) -> Article:
    assert article_process(article_id=article.pk) == "processed"
    article.refresh_from_db()
    return article


def _reprocess(article: Article) -> Article:
    assert articles_requeue(article_ids=[article.pk]) == 1
    return _process(article)


def _rows(article: Article) -> tuple:
    return (
        sorted(Mention.objects.filter(article=article).values_list("entity_id", "start", "end")),
        sorted(
            Quote.objects.filter(article=article).values_list(
                "id", "start", "end", "speaker_id", "cue", "said_on", "review_status"
            )
        ),
        sorted(Evidence.objects.filter(article=article).values_list("event_id", "start", "end")),
    )


@pytest.fixture
def article(db) -> Article:
    return _process(article_ingest(raw=ARTICLE).article)


@pytest.mark.django_db
def test_processing_links_people_quotes_and_events(article: Article) -> None:
    assert article.status == ArticleStatus.PROCESSED
    assert article.pipeline_version == PIPELINE_VERSION
    quote = Quote.objects.get(article=article)
    assert quote.speaker.name == "Marta Lindqvist"
    assert quote.said_on == dt.date(2018, 7, 2)
    assert Event.objects.filter(date=dt.date(2018, 7, 16), evidence__article=article).exists()


@pytest.mark.django_db
def test_reprocessing_twice_gives_the_same_rows(article: Article) -> None:
    first = _rows(article)
    events = set(Event.objects.values_list("pk", flat=True))

    _reprocess(article)
    _reprocess(article)

    mentions, quotes, evidence = _rows(article)
    assert mentions == first[0]
    assert [q[1:] for q in quotes] == [q[1:] for q in first[1]]
    assert evidence == first[2]
    assert set(Event.objects.values_list("pk", flat=True)) == events


@pytest.mark.django_db
def test_a_rejected_quote_does_not_come_back(article: Article, editor) -> None:
    quote = Quote.objects.get(article=article)
    Quote.objects.filter(pk=quote.pk).update(
        review_status="rejected", editor_locked=True, reviewed_by=editor
    )

    _reprocess(article)

    quotes = Quote.objects.filter(article=article)
    assert [(q.pk, q.review_status) for q in quotes] == [(quote.pk, "rejected")]


@pytest.mark.django_db
def test_a_corrected_speaker_stays(article: Article) -> None:
    quote = Quote.objects.get(article=article)
    pence = Entity.objects.get(slug="mike-pence")
    Quote.objects.filter(pk=quote.pk).update(speaker=pence, editor_locked=True)

    _reprocess(article)

    assert Quote.objects.get(article=article).speaker == pence


@pytest.mark.django_db
def test_a_corrected_event_date_stays_and_the_event_keeps_its_id(article: Article) -> None:
    event = Event.objects.get(date=dt.date(2018, 7, 16), evidence__article=article)
    event.date, event.precision, event.editor_locked = dt.date(2018, 7, 1), "month", True
    event.save()

    _reprocess(article)

    event.refresh_from_db()
    assert (event.date, event.precision) == (dt.date(2018, 7, 1), "month")
    assert event.evidence.filter(article=article).exists()
    assert not Event.objects.filter(date=dt.date(2018, 7, 16), precision="day").exists()


@pytest.mark.django_db
def test_an_approved_event_keeps_its_id_and_url(article: Article) -> None:
    event = Event.objects.get(date=dt.date(2018, 7, 16), evidence__article=article)
    Event.objects.filter(pk=event.pk).update(review_status="approved", editor_locked=True)

    _reprocess(article)

    assert Event.objects.get(pk=event.pk).slug == event.slug
    assert Event.objects.filter(date=dt.date(2018, 7, 16)).count() == 1


@pytest.mark.django_db
def test_the_sweep_requeues_articles_of_an_older_pipeline_version(article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(pipeline_version="0")

    assert articles_sweep() == 1

    article.refresh_from_db()
    assert article.status == ArticleStatus.QUEUED


@pytest.mark.django_db
def test_the_sweep_requeues_articles_stuck_in_processing_only_when_stale(article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(
        status=ArticleStatus.PROCESSING, status_changed_at=timezone.now()
    )
    assert articles_sweep(processing_for=dt.timedelta(minutes=10)) == 0
    assert articles_sweep(processing_for=dt.timedelta(0)) == 1


@pytest.mark.django_db
def test_a_second_delivery_of_the_task_changes_nothing(article: Article) -> None:
    before = _rows(article)

    assert article_process(article_id=article.pk) == "not queued"
    assert _rows(article) == before


@pytest.mark.django_db
def test_a_task_for_a_vanished_article_returns_quietly() -> None:
    assert article_process(article_id=987654) == "gone"


@pytest.mark.django_db
def test_an_extraction_error_marks_the_article_failed_and_keeps_the_raw_text(
    article: Article, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise ValueError("the parser met something it could not read")

    monkeypatch.setattr("extraction.pipeline.extract_document", broken)
    articles_requeue(article_ids=[article.pk])

    assert article_process(article_id=article.pk) == "failed"

    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert "could not read" in article.last_error
    assert article.raw_text == ARTICLE


@pytest.mark.django_db
def test_an_utterance_keeps_its_id_and_an_editors_verdict_across_reprocessing(
    article: Article, editor
) -> None:
    utterance = Quote.objects.get(article=article).utterance
    assert utterance is not None
    Utterance.objects.filter(pk=utterance.pk).update(
        review_status="rejected", editor_locked=True, reviewed_by=editor
    )

    _reprocess(article)
    _reprocess(article)

    quote = Quote.objects.get(article=article)
    assert quote.utterance_id == utterance.pk
    assert quote.utterance.review_status == "rejected"
    assert Utterance.objects.count() == 1
