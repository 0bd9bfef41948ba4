"""Celery tasks: an id in, a service call, the outcome logged."""

from __future__ import annotations

import contextlib
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from articles.services import article_process, articles_sweep

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
def process_article_task(self, article_id: int) -> str:
    """Process one article. Delivered again if the worker dies (late acknowledgement);
    the claim in ``article_process`` makes a second delivery harmless."""
    try:
        outcome = article_process(article_id=article_id)
    except _TRANSIENT as exc:
        # The claim may have been taken before the hiccup: put the article back first.
        from articles.models import Article, ArticleStatus

        with contextlib.suppress(*_TRANSIENT):  # if not now, the sweep will find it
            Article.objects.filter(pk=article_id, status=ArticleStatus.PROCESSING).update(
                status=ArticleStatus.QUEUED
            )
        raise self.retry(exc=exc, countdown=min(2**self.request.retries, 60)) from exc
    logger.info("article %s: %s", article_id, outcome)
    return outcome


@shared_task(acks_late=True, ignore_result=True)
def sweep_articles_task() -> int:
    """Re-queue stuck and outdated articles (Celery beat runs this every minute)."""
    count = articles_sweep()
    if count:
        logger.info("sweep re-queued %s articles", count)
    return count
