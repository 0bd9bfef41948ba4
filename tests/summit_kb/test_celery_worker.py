"""A real Celery worker on the test Redis writes to the test PostgreSQL."""

import pytest

from summit_kb.models import WorkerHeartbeat
from summit_kb.tasks import heartbeat


@pytest.mark.e2e
def test_a_real_worker_runs_a_task_that_writes_a_row(celery_worker_process) -> None:
    result = heartbeat.delay()

    beats = result.get(timeout=30)

    assert beats == 1
    row = WorkerHeartbeat.objects.get()
    assert row.worker.startswith("e2e0@")
    assert heartbeat.delay().get(timeout=30) == 2
