"""The linking pool (the events a new report may join) is read through indexes, so its
cost follows the events of the report's days, not the size of the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.services import article_ingest, article_process
from timeline.models import Event

REPORT = """Leaders to meet in Helsinki on July 16

June 30, 2018, 7:00 AM UTC

Trump and Putin will meet in Helsinki on July 16, officials in Washington said.
"""


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is read whole anyway
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan


@pytest.mark.django_db
def _timeline_of_years(count: int) -> None:
    """Events spread over many years, so that the planner sees a table worth an index: on
    a handful of rows any index (or none) is as good as another."""
    start = dt.date(1990, 1, 1)
    Event.objects.bulk_create(
        Event(
            title=f"Meeting {n}",
            slug=f"pool-meeting-{n}",
            kind="meeting",
            date=start + dt.timedelta(days=5 * n),
            period_end=start + dt.timedelta(days=5 * n),
            precision="day",
        )
        for n in range(count)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE timeline_event")


def test_the_pool_reads_events_by_period_through_the_gist_index(story_register):
    _timeline_of_years(3000)
    article = article_ingest(raw=REPORT).article

    with CaptureQueriesContext(connection) as captured:
        assert article_process(article_id=article.pk) == "processed"
    (pool,) = [q["sql"] for q in captured if "datemultirange" in q["sql"]]

    plan = _plan(pool)
    assert "event_period_gist" in plan, plan
    assert "JOIN" not in pool and "DISTINCT" not in pool  # participants: EXISTS probes
