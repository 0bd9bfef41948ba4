"""Operational tasks."""

from __future__ import annotations

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from summit_kb.models import WorkerHeartbeat


@shared_task(bind=True, ignore_result=False)
def heartbeat(self) -> int:
    """Record that this worker reached the database; returns the worker's beat count."""
    worker = self.request.hostname or "in-process"
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker=worker).update(
        seen_at=now, beats=F("beats") + 1
    )
    if not updated:
        WorkerHeartbeat.objects.get_or_create(worker=worker, defaults={"seen_at": now, "beats": 1})
    return WorkerHeartbeat.objects.get(worker=worker).beats
