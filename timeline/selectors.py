"""Reads of the timeline, shared by the journalists' pages and the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from entities.models import Entity
from summit_kb.errors import ApplicationError
from summit_kb.partial_dates import Precision, period_of
from timeline.models import Event, EventParticipant, EventReview, Evidence


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


def timeline_events(*, query: TimelineFilter | None = None) -> QuerySet[Event]:
    """Events in date order, with what a timeline row shows, in a fixed number of queries.

    An event matches a date range by its precision: "June 2018" is inside ``from=2018-06-15``
    and ``to=2018-07`` because its period overlaps the range. Rejected events are left out.
    Prefetches participants, place and evidence with its article and outlet (four queries
    when evaluated, whatever the page size).
    """
    query = query or TimelineFilter()
    events = Event.objects.exclude(review_status=EventReview.REJECTED)
    if query.entities:
        for entity in entities_by_slugs(query.entities).values():
            events = events.filter(participations__entity=entity)
    if query.kinds:
        events = events.filter(kind__in=query.kinds)
    if query.since:
        events = events.filter(period_end__gte=period_of(query.since)[0])
    if query.until:
        events = events.filter(date__lte=period_of(query.until)[1])
    if query.precision:
        events = events.filter(precision=query.precision)
    return (
        events.select_related("place")
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
        .order_by("date", "period_end", "id")
    )


@dataclass(frozen=True)
class TimelineVersion:
    """What changes whenever the timeline does: for ETag and Last-Modified headers."""

    etag: str
    last_modified: dt.datetime | None


def timeline_version() -> TimelineVersion:
    """One query. Events carry ``updated_at`` (touched when evidence is added to them);
    the count and the newest evidence id catch deletions and new reports."""
    from django.db.models import Max

    facts = Event.objects.aggregate(
        latest=Max("updated_at"), count=Count("id"), newest_evidence=Max("evidence__id")
    )
    latest = facts["latest"]
    stamp = latest.isoformat() if latest else "-"
    return TimelineVersion(
        etag=f'W/"timeline-{facts["count"]}-{facts["newest_evidence"] or 0}-{stamp}"',
        last_modified=latest,
    )


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
