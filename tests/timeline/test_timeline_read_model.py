"""What the database keeps for the timeline's read path: report counts on each event and
each report's publication date, whatever writes the evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.models import Article
from tests.factories import article_make, event_make
from timeline.models import Event, Evidence
from timeline.services import events_merge


def _report(event: Event, article: Article, start: int) -> Evidence:
    return Evidence(
        event=event,
        article=article,
        sentence="Officials met.",
        start=start,
        end=start + 10,
        date_expression="on Monday",
    )


def _counts(event: Event) -> tuple[int, int]:
    event.refresh_from_db(fields=["evidence_count", "article_count"])
    return event.evidence_count, event.article_count


@pytest.mark.django_db
def test_two_sentences_of_one_article_are_two_reports_from_one_article():
    event, article, other = event_make(), article_make(), article_make()

    Evidence.objects.bulk_create([_report(event, article, 0), _report(event, article, 50)])
    assert _counts(event) == (2, 1)
    Evidence.objects.create(**_fields(_report(event, other, 0)))
    assert _counts(event) == (3, 2)


def _fields(evidence: Evidence) -> dict:
    return {
        f.name: getattr(evidence, f.name)
        for f in Evidence._meta.concrete_fields
        if f.name not in ("id", "published_at", "created_at")
    }


@pytest.mark.django_db
def test_removing_reports_counts_down_to_zero():
    event, article, other = event_make(), article_make(), article_make()
    Evidence.objects.bulk_create(
        [_report(event, article, 0), _report(event, article, 50), _report(event, other, 0)]
    )

    Evidence.objects.filter(article=article, start=0).delete()
    assert _counts(event) == (2, 2)
    Evidence.objects.filter(article=article).delete()
    assert _counts(event) == (1, 1)
    other.delete()  # the cascade removes its report
    assert _counts(event) == (0, 0)


@pytest.mark.django_db
def test_a_merge_moves_the_counts_with_the_reports(editor):
    target, source = event_make(), event_make()
    shared, own = article_make(), article_make()
    Evidence.objects.bulk_create(
        [_report(target, shared, 0), _report(source, shared, 50), _report(source, own, 0)]
    )

    events_merge(sources=[source], target=target, by=editor)

    assert _counts(target) == (3, 2)


@pytest.mark.django_db
def test_an_edit_that_keeps_the_event_and_article_keeps_the_counts():
    event, article = event_make(), article_make()
    evidence = Evidence.objects.create(**_fields(_report(event, article, 0)))

    evidence.sentence = "Officials met again."
    evidence.save()
    Evidence.objects.filter(pk=evidence.pk).update(event=event)

    assert _counts(event) == (1, 1)


@pytest.mark.django_db
def test_a_report_carries_its_articles_date_also_after_a_correction():
    event = event_make()
    article = article_make(published_at=dt.datetime(2018, 7, 2, 9, tzinfo=dt.UTC))
    evidence = Evidence.objects.create(**_fields(_report(event, article, 0)))
    evidence.refresh_from_db()
    assert evidence.published_at == article.published_at

    Article.objects.filter(pk=article.pk).update(
        published_at=dt.datetime(2018, 7, 3, 9, tzinfo=dt.UTC)
    )
    evidence.refresh_from_db()
    assert evidence.published_at == dt.datetime(2018, 7, 3, 9, tzinfo=dt.UTC)
    Evidence.objects.filter(pk=evidence.pk).update(published_at=None)  # cannot drift
    evidence.refresh_from_db()
    assert evidence.published_at == dt.datetime(2018, 7, 3, 9, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_the_page_postgresql_writes_equals_the_page_built_in_python():
    """The API answers with PostgreSQL's JSON (timeline_json_page); SQLite builds the same
    from rows (timeline_rows + event_json). Every field, on awkward values."""
    import json

    from entities.models import Entity
    from tests.factories import evidence_make, outlet_make
    from timeline.api import event_json
    from timeline.selectors import (
        TimelineFilter,
        TimelineKey,
        TimelineSlice,
        timeline_json_page,
        timeline_matching,
        timeline_rows,
    )

    people = [
        Entity.objects.create(kind="person", slug=f"p-{n}", name=name, review_status="confirmed")
        for n, name in enumerate(['Zoë "Z" Ångström', "Anna", "Anna"])
    ]
    place = Entity.objects.create(kind="place", slug="hki", name="Helsinki\\Helsingfors")
    outlet = outlet_make("Wire ‘quoted’")
    moments = [
        dt.datetime(2018, 7, 2, 9, 0, tzinfo=dt.UTC),
        dt.datetime(2018, 7, 2, 9, 0, 5, 120000, tzinfo=dt.UTC),
        None,
    ]
    events = [
        event_make(title="Talks\n“in” Helsinki", participants=people, place=place),
        event_make(date=dt.date(2018, 6, 1), precision="month", end_date=dt.date(2018, 6, 30)),
        event_make(date=dt.date(2014, 1, 1), precision="year"),
    ]
    for n, moment in enumerate(moments * 3):
        article = article_make(outlet=outlet if n % 2 else None, published_at=moment)
        evidence_make(event=events[n % 3], article=article)
    matching = timeline_matching(query=TimelineFilter())
    ordered = sorted(events, key=lambda e: (e.date, e.period_end, e.pk))
    middle = ordered[1]
    middle.refresh_from_db()
    key = TimelineKey(middle.date, middle.period_end, middle.pk)

    for where in (
        TimelineSlice(),
        TimelineSlice(offset=1),
        TimelineSlice(after=key),
        TimelineSlice(before=key),
    ):
        page = timeline_json_page(
            matching=matching, where=where, size=5, evidence_url=("http://x/", "/evidence/")
        )
        rows = timeline_rows(matching=matching, where=where, limit=6)
        expected = [
            event_json(row | {"evidence_url": f"http://x/{row['slug']}/evidence/"}) for row in rows
        ]
        assert json.loads(page.results) == expected, where
        assert page.fetched == len(rows)
