"""Celery tasks: an id in, a service call, the outcome logged."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from articles.services import article_process, article_release, articles_sweep

logger = logging.getLogger(__name__)

# Database hiccups are worth retrying; anything else is recorded on the article.
_TRANSIENT = (OperationalError, InterfaceError)


# No result backend write: the outcome is on the article row, where editors look.
# The time limits keep one pathological article from holding a worker: past the soft
# limit extraction is interrupted and the article is marked failed with the reason.
@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=6,
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
)
def process_article_task(self, article_id: int, reclaim_since: str | None = None) -> str:
    """Process one article. Delivered again if the worker dies (late acknowledgement);
    the claim in ``article_process`` makes a second delivery harmless.

    On a transient database error the article is put back to ``queued`` and the task
    retries. When even that fails (the database is still away), the retry carries
    ``reclaim_since`` and first releases the claim this run took — between that moment and
    the failure — so that it can claim the article again instead of finding it "not
    queued" and leaving it in ``processing``.
    """
    started = timezone.now()
    try:
        if reclaim_since is not None:
            article_release(
                article_id=article_id,
                claimed_between=(dt.datetime.fromisoformat(reclaim_since), started),
            )
        outcome = article_process(article_id=article_id)
    except _TRANSIENT as exc:
        since = reclaim_since or started.isoformat()
        released = False
        with contextlib.suppress(*_TRANSIENT):  # if not now, the retry will
            released = article_release(
                article_id=article_id,
                claimed_between=(dt.datetime.fromisoformat(since), timezone.now()),
            )
        raise self.retry(
            exc=exc,
            countdown=min(2**self.request.retries, 60),
            kwargs={"article_id": article_id, "reclaim_since": None if released else since},
        ) from exc
    logger.info("article %s: %s", article_id, outcome)
    return outcome


def _running_article_ids() -> set[int] | None:
    """The articles the live workers are processing right now; None without an answer.

    One broadcast, answered by each worker's main process even while its pool is busy.
    """
    from summit_kb.celery import app

    try:
        replies = app.control.inspect(timeout=1.0).active()
    except Exception:  # the broker is away: let the time limit decide
        logger.warning("workers could not be asked what they are running")
        return None
    if not replies:
        return None
    running: set[int] = set()
    for tasks in replies.values():
        for task in tasks:
            if task.get("name") != process_article_task.name:
                continue
            args, kwargs = task.get("args") or [], task.get("kwargs") or {}
            article_id = kwargs.get("article_id", args[0] if args else None)
            if isinstance(article_id, int):
                running.add(article_id)
    return running


@shared_task(acks_late=True, ignore_result=True)
def sweep_articles_task() -> int:
    """Re-queue stuck and outdated articles (Celery beat runs this every minute)."""
    count = articles_sweep(running=_running_article_ids())
    if count:
        logger.info("sweep re-queued %s articles", count)
    return count
