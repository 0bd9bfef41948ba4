"""No article stays in ``processing`` when the worker that held it is gone: after a database
outage in the middle of its task, or after the worker was killed."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import OperationalError
from django.db.models.query import QuerySet
from django.utils import timezone

from articles import linking
from articles.models import Article, ArticleStatus
from articles.services import article_ingest, articles_sweep
from articles.tasks import process_article_task, sweep_articles_task

STORY = (
    "Harbour Cranes Return to Service\n\n"
    "July 4, 2018\n\n"
    "Two cranes returned to service at the Turku harbour on Tuesday after a month of repairs.\n"
)


@pytest.mark.django_db
def test_a_database_outage_mid_task_ends_with_the_article_processed(monkeypatch) -> None:
    """The claim is taken, the database goes away, and putting the article back to
    "queued" fails too: the retry must still process it, not find it "not queued"."""
    article = article_ingest(raw=STORY).article
    real_link, real_update = linking.facts_link, QuerySet.update
    outage = {"link": True, "updates_refused": 0}

    def link_then_lose_the_database(**kwargs):
        if outage["link"]:
            outage["link"] = False
            outage["updates_refused"] = 1  # the next write fails as well: still down
            raise OperationalError("server closed the connection unexpectedly")
        return real_link(**kwargs)

    def update(self, **kwargs):
        if outage["updates_refused"]:
            outage["updates_refused"] -= 1
            raise OperationalError("connection refused")
        return real_update(self, **kwargs)

    monkeypatch.setattr(linking, "facts_link", link_then_lose_the_database)
    monkeypatch.setattr(QuerySet, "update", update)

    result = process_article_task.apply(args=[article.pk])

    assert result.get() == "processed"
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PROCESSED


@pytest.mark.django_db
def test_the_retry_does_not_take_an_article_another_worker_claimed_since(monkeypatch) -> None:
    article = article_ingest(raw=STORY).article
    real_link, real_update = linking.facts_link, QuerySet.update
    state = {"failed": False, "refuse": 0}

    def link_once_then_fail(**kwargs):
        if not state["failed"]:
            state["failed"] = True
            state["refuse"] = 1
            raise OperationalError("server closed the connection unexpectedly")
        return real_link(**kwargs)

    def update(self, **kwargs):
        if state["refuse"]:
            state["refuse"] -= 1
            # Meanwhile the sweep re-queued it and another worker claimed it, later on.
            real_update(
                Article.objects.filter(pk=article.pk),
                status=ArticleStatus.PROCESSING,
                status_changed_at=timezone.now() + dt.timedelta(seconds=30),
            )
            raise OperationalError("connection refused")
        return real_update(self, **kwargs)

    monkeypatch.setattr(linking, "facts_link", link_once_then_fail)
    monkeypatch.setattr(QuerySet, "update", update)

    assert process_article_task.apply(args=[article.pk]).get() == "not queued"
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PROCESSING


def _left_processing(seconds_ago: int) -> Article:
    article = article_ingest(raw=STORY).article
    Article.objects.filter(pk=article.pk).update(
        status=ArticleStatus.PROCESSING,
        status_changed_at=timezone.now() - dt.timedelta(seconds=seconds_ago),
    )
    return article


@pytest.mark.django_db
def test_the_sweep_requeues_a_processing_article_no_worker_is_running(
    django_capture_on_commit_callbacks,
):
    orphan = _left_processing(45)
    busy = article_ingest(raw=STORY.replace("Two", "Three")).article
    Article.objects.filter(pk=busy.pk).update(
        status=ArticleStatus.PROCESSING,
        status_changed_at=timezone.now() - dt.timedelta(seconds=45),
    )
    fresh = article_ingest(raw=STORY.replace("Two", "Four")).article
    Article.objects.filter(pk=fresh.pk).update(status=ArticleStatus.PROCESSING)

    with django_capture_on_commit_callbacks():
        count = articles_sweep(running={busy.pk})

    assert count == 1
    states = dict(Article.objects.values_list("pk", "status"))
    assert states[orphan.pk] == ArticleStatus.QUEUED
    assert states[busy.pk] == ArticleStatus.PROCESSING  # its worker is on it
    assert states[fresh.pk] == ArticleStatus.PROCESSING  # just claimed: a grace period


@pytest.mark.django_db
def test_without_an_answer_from_the_workers_the_time_limit_decides() -> None:
    from django.conf import settings

    stale, limit = settings.ARTICLE_PROCESSING_STALE_AFTER, process_article_task.time_limit
    assert stale <= dt.timedelta(seconds=limit + 60)
    _left_processing(settings.ARTICLE_PROCESSING_STALE_AFTER.total_seconds() + 1)

    assert articles_sweep(running=None) == 1


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_article_a_killed_worker_held_is_processed_within_a_sweep(celery_workers):
    article = _left_processing(45)  # as a worker killed a moment ago leaves it
    celery_workers("survivor")

    assert sweep_articles_task() == 1  # asks the live workers what they are running

    deadline = time.monotonic() + 60
    while Article.objects.get(pk=article.pk).status != ArticleStatus.PROCESSED:
        assert time.monotonic() < deadline, Article.objects.get(pk=article.pk).status
        time.sleep(0.2)
