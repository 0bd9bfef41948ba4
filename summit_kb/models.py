"""Operational facts about the running system."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker proved it can reach the database.

    Written by the ``summit_kb.tasks.heartbeat`` task; the health page reads it.
    """

    worker = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()
    beats = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.worker} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
