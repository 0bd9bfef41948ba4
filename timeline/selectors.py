"""Reads of the timeline, shared by the journalists' pages and the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from entities.models import Entity
from summit_kb.errors import ApplicationError
from summit_kb.partial_dates import Precision, period_of
from timeline.models import Event, EventParticipant, EventReview, Evidence
from timeline.models import TimelineVersion as VersionCounter


@dataclass(frozen=True)
class TimelineFilter:
    """What a reader asked the timeline for. Every field is optional."""

    entities: tuple[str, ...] = ()  # slugs: events with all of them
    kinds: tuple[str, ...] = ()
    since: str | None = None  # "2018", "2018-07" or "2018-07-16"
    until: str | None = None
    precision: str | None = None


def timeline_filter_parse(
    *,
    entities: Sequence[str] = (),
    kinds: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    precision: str | None = None,
) -> TimelineFilter:
    """Check a reader's filter; ``ApplicationError`` naming the parameter when it is wrong."""
    for name, value in (("from", since), ("to", until)):
        if value:
            try:
                period_of(value)
            except ValueError as exc:
                raise ApplicationError(f"{name}: {exc}", {"parameter": name}) from None
    if since and until and period_of(since)[0] > period_of(until)[1]:
        raise ApplicationError("from: the range starts after it ends.", {"parameter": "from"})
    if precision and precision not in Precision.values:
        raise ApplicationError(
            f"precision: {precision!r} is not one of day, month, year.",
            {"parameter": "precision"},
        )
    from timeline.models import EventKind

    unknown = [kind for kind in kinds if kind not in EventKind.values]
    if unknown:
        raise ApplicationError(
            f"kind: {unknown[0]!r} is not an event kind.",
            {"parameter": "kind", "allowed": list(EventKind.values)},
        )
    return TimelineFilter(
        entities=tuple(dict.fromkeys(e for e in entities if e)),
        kinds=tuple(kinds),
        since=since or None,
        until=until or None,
        precision=precision or None,
    )


def entities_by_slugs(slugs: Sequence[str]) -> dict[str, Entity]:
    """The live entity behind each slug (a merged entity's old slug gives its target).

    One query. Raises ``ApplicationError`` naming the first unknown slug.
    """
    found = {
        entity.slug: entity.merged_into or entity
        for entity in Entity.objects.filter(slug__in=slugs).select_related("merged_into")
    }
    for slug in slugs:
        if slug not in found:
            raise ApplicationError(
                f"entity: there is no entity {slug!r}.", {"parameter": "entity", "slug": slug}
            )
    return found


def timeline_matching(*, query: TimelineFilter) -> QuerySet[Event]:
    """The events a filter selects, unordered and without prefetches (one query to resolve
    entity slugs, when there are some). The entity filter is an EXISTS per entity through
    the (entity, event) index, not a join per entity."""
    events = Event.objects.exclude(review_status=EventReview.REJECTED)
    if query.entities:
        for entity in entities_by_slugs(query.entities).values():
            events = events.filter(
                Exists(EventParticipant.objects.filter(entity=entity, event=OuterRef("pk")))
            )
    if query.kinds:
        events = events.filter(kind__in=query.kinds)
    if query.since:
        events = events.filter(period_end__gte=period_of(query.since)[0])
    if query.until:
        events = events.filter(date__lte=period_of(query.until)[1])
    if query.precision:
        events = events.filter(precision=query.precision)
    return events


# The timeline's one order, total: date, then period end, then id (stable across pages).
TIMELINE_ORDER = ("date", "period_end", "id")


def timeline_events(*, query: TimelineFilter | None = None) -> QuerySet[Event]:
    """Events in date order, with what a timeline row shows, in a fixed number of queries.

    An event matches a date range by its precision: "June 2018" is inside ``from=2018-06-15``
    and ``to=2018-07`` because its period overlaps the range. Rejected events are left out.
    Prefetches participants, place and evidence with its article and outlet (four queries
    when evaluated, whatever the page size). Model instances, for the pages and feeds;
    the API reads ``timeline_rows`` (plain rows, evidence capped).
    """
    return (
        timeline_matching(query=query or TimelineFilter())
        .select_related("place")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=EventParticipant.objects.select_related("entity").order_by("entity__name"),
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("article__outlet").order_by(
                    "article__published_at", "article_id", "start"
                ),
            ),
        )
        .order_by(*TIMELINE_ORDER)
    )


# --- the API's read path: rows, not model instances --------------------------------------------


@dataclass(frozen=True)
class TimelineKey:
    """An event's place in the timeline's order: what a cursor points after (or before)."""

    date: dt.date
    period_end: dt.date
    id: int


@dataclass(frozen=True)
class TimelineSlice:
    """Where a page starts: after or before a key (keyset), or at an offset (page numbers)."""

    after: TimelineKey | None = None
    before: TimelineKey | None = None
    offset: int = 0


EVIDENCE_SHOWN = 5  # reports a timeline row carries; the rest are at the event's evidence URL

_ROW_FIELDS = ("id", "slug", "title", "kind", "date", "precision", "end_date", "period_end")


def _page_of(matching: QuerySet[Event], where: TimelineSlice, limit: int) -> QuerySet[Event]:
    """The page's events, in timeline order (reversed when reading before a key)."""
    order = TIMELINE_ORDER
    if where.after is not None:
        matching = matching.filter(_after(where.after))
    elif where.before is not None:
        matching = matching.filter(_before(where.before))
        order = tuple(f"-{name}" for name in TIMELINE_ORDER)
    start = 0 if where.after or where.before else where.offset
    return matching.order_by(*order)[start : start + limit]


def timeline_rows(
    *,
    matching: QuerySet[Event],
    where: TimelineSlice,
    limit: int,
    evidence_shown: int = EVIDENCE_SHOWN,
) -> list[dict[str, Any]]:
    """Up to ``limit`` events of ``matching`` (``timeline_matching``) as plain dicts, in
    timeline order, from ``where``.

    Each row: the event's fields, ``place`` (slug, name or None), ``participants`` (slug,
    name; by name), ``evidence_count`` and ``article_count`` (all reports: columns the
    database keeps) and ``evidence``: the first ``evidence_shown`` reports by publication
    (``evidence_rows``). Three queries whatever the page and however many reports an event
    has; a keyset start costs what the first page does (the order's index is entered at the
    key), an offset costs its depth.
    """
    events = _page_of(matching, where, limit).values(
        *_ROW_FIELDS,
        "summary",
        "evidence_count",
        "article_count",
        place_slug=F("place__slug"),
        place_name=F("place__name"),
    )
    rows = list(events)
    if where.before is not None:
        rows.reverse()
    by_id = {}
    for row in rows:
        slug, name = row.pop("place_slug"), row.pop("place_name")
        row["place"] = {"slug": slug, "name": name} if slug is not None else None
        row["participants"], row["evidence"] = [], []
        by_id[row["id"]] = row
    if by_id:
        for event_id, slug, name in (
            EventParticipant.objects.filter(event_id__in=by_id)
            .order_by("entity__name", "entity_id")
            .values_list("event_id", "entity__slug", "entity__name")
        ):
            by_id[event_id]["participants"].append({"slug": slug, "name": name})
        for evidence in evidence_rows(event_ids=list(by_id), first=evidence_shown):
            by_id[evidence.pop("event_id")]["evidence"].append(evidence)
    return rows


@dataclass(frozen=True)
class TimelineJSONPage:
    """A page of the timeline as PostgreSQL wrote it: the ``results`` array as JSON text,
    how many events were read (``limit`` asked one more than shown: is there more?) and
    the keys of the first and last event shown."""

    results: str
    fetched: int
    first: TimelineKey | None
    last: TimelineKey | None


def timeline_json_page(
    *,
    matching: QuerySet[Event],
    where: TimelineSlice,
    size: int,
    evidence_url: tuple[str, str],
    evidence_shown: int = EVIDENCE_SHOWN,
) -> TimelineJSONPage:
    """The same events and fields as ``timeline_rows`` (shown as the API's ``event_json``
    shows them), built into JSON by PostgreSQL in one statement: no row becomes a Python
    object. ``size + 1`` events are read to tell whether more follow; ``size`` are shown.
    ``evidence_url`` is the text around the slug in the event's evidence address.
    A test holds it equal to the rows path (which SQLite and the tests of it use).
    """
    page_sql, page_params = (
        _page_of(matching, where, size + 1)
        .values("id", "date", "period_end")
        .query.sql_with_params()
    )
    direction = "DESC" if where.before is not None else "ASC"
    order = ", ".join(f"e.{name} {direction}" for name in TIMELINE_ORDER)
    with connection.cursor() as cursor:
        cursor.execute(
            _JSON_PAGE_SQL.format(page=page_sql, order=order),
            [*page_params, size, evidence_shown, *evidence_url],
        )
        results, fetched, first, last = cursor.fetchone()
    return TimelineJSONPage(
        results=results, fetched=fetched, first=_key_of(first), last=_key_of(last)
    )


def _key_of(parts: list[str] | None) -> TimelineKey | None:
    if not parts:
        return None
    day, end, event_id = parts
    return TimelineKey(dt.date.fromisoformat(day), dt.date.fromisoformat(end), int(event_id))


# The API's event_json, in SQL. Dates cut to their precision; the publication time as
# Python's isoformat() writes it in UTC (microseconds only when there are some, then "Z").
_PUBLISHED_SQL = """
    to_char(r.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
    || CASE WHEN extract(microseconds FROM r.published_at)::bigint %% 1000000 <> 0
            THEN to_char(r.published_at AT TIME ZONE 'UTC', '.US') ELSE '' END || 'Z'
"""
_JSON_PAGE_SQL = (
    """
WITH page AS MATERIALIZED ({page}),
kept AS (
    SELECT e.id, e.date, e.period_end, row_number() OVER (ORDER BY {order}) AS n FROM page e
),
shown AS (SELECT * FROM kept WHERE n <= %s)
SELECT
    coalesce((SELECT json_agg(row ORDER BY date, period_end, id)::text FROM (
        SELECT s.date, s.period_end, s.id, json_build_object(
            'id', e.id, 'slug', e.slug, 'title', e.title, 'kind', e.kind,
            'date', CASE e.precision WHEN 'year' THEN to_char(e.date, 'YYYY')
                                     WHEN 'month' THEN to_char(e.date, 'YYYY-MM')
                                     ELSE to_char(e.date, 'YYYY-MM-DD') END,
            'precision', e.precision,
            'end_date', to_char(e.end_date, 'YYYY-MM-DD'),
            'participants', coalesce((
                SELECT json_agg(json_build_object('slug', en.slug, 'name', en.name)
                                ORDER BY en.name, en.id)
                FROM timeline_eventparticipant p JOIN entities_entity en ON en.id = p.entity_id
                WHERE p.event_id = e.id), '[]'::json),
            'place', CASE WHEN pl.id IS NULL THEN NULL
                          ELSE json_build_object('slug', pl.slug, 'name', pl.name) END,
            'summary', e.summary,
            'article_count', e.article_count,
            'evidence', coalesce((
                SELECT json_agg(json_build_object(
                    'article', r.article_id, 'headline', a.headline, 'outlet', o.name,
                    'published', """
    + _PUBLISHED_SQL
    + """,
                    'url', a.canonical_url, 'sentence', r.sentence,
                    'date_expression', r.date_expression)
                    ORDER BY r.published_at, r.article_id, r.start)
                FROM (SELECT * FROM timeline_evidence WHERE event_id = e.id
                      ORDER BY published_at, article_id, start LIMIT %s) r
                JOIN articles_article a ON a.id = r.article_id
                LEFT JOIN articles_outlet o ON o.id = a.outlet_id), '[]'::json),
            'evidence_count', e.evidence_count,
            'evidence_url', %s || e.slug || %s
        ) AS row
        FROM shown s JOIN timeline_event e ON e.id = s.id
        LEFT JOIN entities_entity pl ON pl.id = e.place_id
    ) rows), '[]'),
    (SELECT count(*) FROM kept),
    (SELECT ARRAY[date::text, period_end::text, id::text] FROM shown
     ORDER BY date, period_end, id LIMIT 1),
    (SELECT ARRAY[date::text, period_end::text, id::text] FROM shown
     ORDER BY date DESC, period_end DESC, id DESC LIMIT 1)
"""
)


def timeline_key(row: dict[str, Any]) -> TimelineKey:
    return TimelineKey(row["date"], row["period_end"], row["id"])


def timeline_position(*, matching: QuerySet[Event], key: TimelineKey) -> int:
    """How many events of ``matching`` come before ``key`` (one query; counts, so its cost
    grows with the depth: only for a cursor sent without its page number)."""
    return matching.filter(_before(key)).count()


def _after(key: TimelineKey) -> Q:
    # The first condition alone bounds the index scan; the rest make the order total.
    return Q(date__gte=key.date) & (
        Q(date__gt=key.date)
        | Q(date=key.date, period_end__gt=key.period_end)
        | Q(date=key.date, period_end=key.period_end, id__gt=key.id)
    )


def _before(key: TimelineKey) -> Q:
    return Q(date__lte=key.date) & (
        Q(date__lt=key.date)
        | Q(date=key.date, period_end__lt=key.period_end)
        | Q(date=key.date, period_end=key.period_end, id__lt=key.id)
    )


# The order reports are shown in: earliest publication first (the index's order).
EVIDENCE_ORDER = ("published_at", "article_id", "start")


def evidence_rows(*, event_ids: Sequence[int], first: int) -> list[dict[str, Any]]:
    """The first ``first`` reports of each of these events by publication, as plain dicts
    (``event_id`` and the fields of ``event_evidence``). One query, reading ``first`` entries
    of the (event, published_at, article, start) index per event however many it has."""
    return list(_evidence_values(Evidence.objects.filter(pk__in=_first_reports(event_ids, first))))


def _first_reports(event_ids: Sequence[int], first: int):
    """The ids of the first reports per event, as a subquery. PostgreSQL: a LATERAL join
    that stops after ``first`` index entries per event. Elsewhere (SQLite, the demo): the
    same ranking as a window function, which reads every report of those events."""
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT r.id FROM unnest(%s::bigint[]) AS e(id) CROSS JOIN LATERAL ("
            " SELECT id FROM timeline_evidence WHERE event_id = e.id"
            f" ORDER BY {', '.join(EVIDENCE_ORDER)} LIMIT %s) r",
            [list(event_ids), first],
        )
    return (
        Evidence.objects.filter(event_id__in=event_ids)
        .annotate(
            rank=Window(RowNumber(), partition_by=F("event_id"), order_by=list(EVIDENCE_ORDER))
        )
        .filter(rank__lte=first)
        .values("pk")
    )


def event_evidence(*, event_id: int) -> QuerySet:
    """Every report of one event as plain dicts (``article_id``, ``headline``, ``outlet``,
    ``published_at``, ``url``, ``sentence``, ``date_expression``), earliest first."""
    return _evidence_values(Evidence.objects.filter(event_id=event_id))


def _evidence_values(evidence: QuerySet[Evidence]) -> QuerySet:
    return evidence.order_by("event_id", *EVIDENCE_ORDER).values(
        "event_id",
        "article_id",
        "sentence",
        "date_expression",
        "published_at",
        headline=F("article__headline"),
        outlet=F("article__outlet__name"),
        url=F("article__canonical_url"),
    )


@dataclass(frozen=True)
class TimelineVersion:
    """What changes whenever the timeline does: for ETag and Last-Modified headers."""

    etag: str
    last_modified: dt.datetime | None


def timeline_version() -> TimelineVersion:
    """One query of one row: the counter the database's triggers bump on every change of
    what the timeline shows (``timeline.models.TimelineVersion``)."""
    row = VersionCounter.objects.filter(pk=1).values_list("version", "changed_at").first()
    version, changed_at = row or (0, None)
    stamp = f"{changed_at.timestamp():.6f}" if changed_at else "-"
    return TimelineVersion(etag=f'W/"timeline-{version}-{stamp}"', last_modified=changed_at)


def entity_events(*, entity: Entity) -> QuerySet[Event]:
    """The events ``entity`` took part in or that happened there, in date order, with what
    a timeline row shows (as ``timeline_events``: four queries when evaluated)."""
    from django.db.models import Q

    taking_part = EventParticipant.objects.filter(entity=entity).values("event_id")
    return timeline_events().filter(Q(pk__in=taking_part) | Q(place=entity))


def timeline_people(*, limit: int = 40, including: Sequence[str] = ()) -> list[Entity]:
    """People to offer in the timeline's filter: those in most events first (``event_total``),
    plus the ones named in ``including`` (a reader's current choice). One query."""
    from django.db.models import Q

    from entities.models import ReviewStatus

    people = (
        Entity.objects.filter(kind="person", merged_into__isnull=True)
        .exclude(review_status=ReviewStatus.REJECTED)
        .annotate(
            event_total=Count(
                "participations",
                filter=~Q(participations__event__review_status=EventReview.REJECTED),
            )
        )
        .filter(Q(event_total__gt=0) | Q(slug__in=list(including)))
        .order_by("-event_total", "name")
    )
    chosen = list(people[:limit])
    missing = set(including) - {person.slug for person in chosen}
    if missing:
        chosen += list(people.filter(slug__in=missing))  # one more query, only then
    return sorted(chosen, key=lambda person: person.name)


def event_quotes(*, event: Event, limit: int = 30) -> list:
    """The quotes inside the sentences that report the event (what was said at a press
    conference, in a statement…), in the order said. One query; ``event.evidence`` must
    be prefetched (``timeline_events`` does)."""
    from articles.models import Quote, QuoteReview

    spans = [(e.article_id, e.start, e.end) for e in event.evidence.all()][:50]
    if not spans:
        return []
    inside = Q()
    for article_id, start, end in spans:
        inside |= Q(article_id=article_id, start__lt=end, end__gt=start)
    return list(
        Quote.objects.filter(inside)
        .exclude(review_status=QuoteReview.REJECTED)
        .select_related("speaker", "addressee", "article__outlet")
        .order_by("said_on", "article__published_at", "start")[:limit]
    )
