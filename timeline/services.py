"""Writes to the timeline: events found in articles, linked across articles.

An event reported by several articles is one event with several pieces of evidence.
Two reports are the same happening when their kinds are alike, their dates are
compatible (equal, or one lies inside the other's month or year) and they share a
participant or the place. A coarser date is refined when a later article gives the
day, unless an editor fixed the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article
from entities.models import Entity, EntityKind
from extraction.events.same import Report, kind_family, kinds_alike, partial_date, same_happening
from extraction.results import Event as FoundEvent
from summit_kb.partial_dates import Precision, parse_partial_date, period_end
from timeline.models import Event, EventKind, EventParticipant, EventReview, Evidence

_PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}

# Linking reads the events that exist, then writes new ones: two workers doing it at once
# for two reports of one summit would each create the summit. A transaction-level advisory
# lock makes linking one-at-a-time across workers; it is held for milliseconds.
_LINKING_LOCK_KEY = 20180716


@dataclass(frozen=True)
class _Candidate:
    """One event as extraction reported it, with its entities resolved."""

    found: FoundEvent
    date: dt.date
    precision: str
    kind: str
    participants: tuple[Entity, ...]
    place: Entity | None

    @property
    def participant_ids(self) -> frozenset[int]:
        return frozenset(p.pk for p in self.participants)

    @property
    def place_id(self) -> int | None:
        return self.place.pk if self.place else None


@dataclass
class _Pooled:
    """An existing event that a report may join, with its participants (read once)."""

    event: Event
    participant_ids: set[int]


def events_link(
    *, article: Article, events: Sequence[FoundEvent], entity_by_name: dict[str, Entity]
) -> list[Evidence]:
    """Replace the article's evidence with the events found now; returns the new evidence.

    Runs inside the caller's transaction, in a number of queries that grows only with the
    number of events (about a dozen).
    An event keeps its id when the same sentence of this article reports it again; events
    left with no evidence are deleted unless an editor approved or corrected them.
    """
    from articles.services import PIPELINE_VERSION

    _lock_linking()
    previous = dict(Evidence.objects.filter(article=article).values_list("start", "event_id"))
    Evidence.objects.filter(article=article).delete()
    candidates = [c for found in events if (c := _candidate(found, entity_by_name))]
    pool = _event_pool(candidates, set(previous.values()))

    # Extraction already told this article's happenings apart: two of its events never
    # become one through matching.
    linked_here: set[int] = set()
    chosen: list[tuple[_Candidate, _Pooled | None]] = []
    for candidate in candidates:
        earlier = pool.get(previous.get(candidate.found.evidence.start, -1))
        pooled = _event_by_sentence(earlier, candidate)
        if pooled is not None and pooled.event.pk in linked_here:
            pooled = None
        if pooled is None:
            pooled = _matching_event(candidate, pool.values(), exclude=linked_here)
        if pooled is not None:
            linked_here.add(pooled.event.pk)
        chosen.append((candidate, pooled))

    new_events = iter(_events_create([c for c, pooled in chosen if pooled is None]))
    participants: list[EventParticipant] = []
    evidence: dict[tuple[int, int], Evidence] = {}
    joined: set[int] = set()
    refined: dict[int, Event] = {}
    for candidate, pooled in chosen:
        if pooled is None:
            event = next(new_events)
        else:
            event = pooled.event
            joined.add(event.pk)
            if _event_enrich(event, candidate):
                refined[event.pk] = event
        participants += [EventParticipant(event=event, entity=p) for p in candidate.participants]
        found = candidate.found
        evidence.setdefault(
            (event.pk, found.evidence.start),
            Evidence(
                event=event,
                article=article,
                start=found.evidence.start,
                end=found.evidence.end,
                sentence=found.evidence.text,
                date_expression=found.evidence.expression[:200],
                strategy=found.strategy[:40],
                pipeline_version=PIPELINE_VERSION,
            ),
        )
    for event in refined.values():  # rare: a later article gave a finer date or the place
        event.save(update_fields=["date", "precision", "place", "end_date", "updated_at"])
    # Even an editor's event has a new source: what the timeline shows has changed.
    Event.objects.filter(pk__in=joined - refined.keys()).update(updated_at=timezone.now())
    EventParticipant.objects.bulk_create(participants, ignore_conflicts=True)
    created = Evidence.objects.bulk_create(evidence.values())
    _orphans_delete(set(previous.values()))
    return created


def _lock_linking() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LINKING_LOCK_KEY])


def _candidate(found: FoundEvent, entity_by_name: dict[str, Entity]) -> _Candidate | None:
    try:
        date, precision = parse_partial_date(found.date)
    except ValueError:
        return None
    place = entity_by_name.get(found.place) if found.place else None
    return _Candidate(
        found=found,
        date=date,
        precision=precision,
        kind=found.kind if found.kind in EventKind.values else EventKind.OTHER,
        participants=tuple(_entities(found.participants, entity_by_name)),
        place=place if place is not None and place.kind == EntityKind.PLACE else None,
    )


def _entities(names: Iterable[str], entity_by_name: dict[str, Entity]) -> list[Entity]:
    seen: dict[int, Entity] = {}
    for name in names:
        entity = entity_by_name.get(name)
        if entity is not None and entity.kind != EntityKind.PLACE:
            seen.setdefault(entity.pk, entity)
    return list(seen.values())


def _event_pool(candidates: list[_Candidate], previous_ids: set[int]) -> dict[int, _Pooled]:
    """Every existing event any of the reports could join, in two queries: the events of
    the kinds concerned whose period overlaps a report's (and those this article reported
    before), and their participants."""
    if not candidates and not previous_ids:
        return {}
    wanted = Q(pk__in=previous_ids)
    if candidates:
        # A compatible date always overlaps the report's own period, and a match shares a
        # participant or the place (or, for a report naming nobody, names nobody either).
        # Index-friendly ranges, one per report; the exact rules are applied in Python.
        windows = reduce(or_, (Q(kind__in=kinds, **span) for kinds, span in _windows(candidates)))
        people = set().union(*(c.participant_ids for c in candidates))
        places = {c.place_id for c in candidates if c.place_id}
        shared = Q(pk__in=EventParticipant.objects.filter(entity_id__in=people).values("event_id"))
        shared |= Q(place_id__in=places) | Q(place__isnull=True, participations__isnull=True)
        wanted |= windows & shared
    pool = {event.pk: _Pooled(event, set()) for event in Event.objects.filter(wanted).distinct()}
    for event_id, entity_id in EventParticipant.objects.filter(event_id__in=list(pool)).values_list(
        "event_id", "entity_id"
    ):
        pool[event_id].participant_ids.add(entity_id)
    return pool


def _windows(candidates: list[_Candidate]) -> list[tuple[frozenset[str], dict]]:
    """The date ranges to read, per kind family, overlapping ranges merged: a handful of
    conditions for the pool query however many events the article reports."""
    by_family: dict[frozenset[str], list[tuple[dt.date, dt.date]]] = {}
    for c in candidates:
        family = frozenset(_family(c.kind))
        by_family.setdefault(family, []).append((c.date, period_end(c.date, c.precision)))
    windows = []
    for family, spans in by_family.items():
        merged: list[list[dt.date]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        windows += [(family, {"date__lte": end, "period_end__gte": start}) for start, end in merged]
    return windows


def _family(kind: str) -> set[str]:
    return set(kind_family(kind))


def _event_by_sentence(pooled: _Pooled | None, candidate: _Candidate) -> _Pooled | None:
    """The event this very sentence reported before, if the report still fits it."""
    if pooled is None:
        return None
    event = pooled.event
    if event.editor_locked or (
        _kinds_alike(event.kind, candidate.kind)
        and _dates_compatible(event.date, event.precision, candidate.date, candidate.precision)
    ):
        return pooled
    return None


def _matching_event(
    candidate: _Candidate, pool: Iterable[_Pooled], *, exclude: set[int]
) -> _Pooled | None:
    """The best existing event for this report: the same happening as extraction defines
    it (``extraction.events.same``). Exact dates beat contained ones; more shared
    participants win."""
    kinds = _family(candidate.kind)
    report = Report(
        kind=candidate.kind,
        date=partial_date(candidate.date.isoformat(), candidate.precision),
        participants=candidate.participant_ids,
        place=candidate.place_id,
        title=candidate.found.title,
        speaker=candidate.participants[0].pk if candidate.participants else None,
    )
    best: tuple[tuple[int, int, int], _Pooled] | None = None
    for pooled in pool:
        event = pooled.event
        if event.pk in exclude or event.kind not in kinds:
            continue
        stored = Report(
            kind=event.kind,
            date=partial_date(event.date.isoformat(), event.precision),
            participants=frozenset(pooled.participant_ids),
            place=event.place_id,
            title=event.title,
        )
        if not same_happening(report, stored):
            continue
        exact = int(event.date == candidate.date and event.precision == candidate.precision)
        overlap = len(pooled.participant_ids & candidate.participant_ids)
        same_place = bool(candidate.place_id and event.place_id == candidate.place_id)
        score = (exact, overlap + int(same_place), int(event.kind == candidate.kind))
        if best is None or score > best[0]:
            best = (score, pooled)
    return best[1] if best else None


def _kinds_alike(a: str, b: str) -> bool:
    return kinds_alike(a, b)


def _dates_compatible(a: dt.date, a_precision: str, b: dt.date, b_precision: str) -> bool:
    """Equal at the coarser of the two precisions: June 2018 holds 27 June 2018."""
    coarser = min(a_precision, b_precision, key=lambda p: _PRECISION_RANK[p])
    if coarser == Precision.YEAR:
        return a.year == b.year
    if coarser == Precision.MONTH:
        return (a.year, a.month) == (b.year, b.month)
    return a == b


def _events_create(candidates: list[_Candidate]) -> list[Event]:
    """New events for the reports no existing event fits, in order (two queries)."""
    if not candidates:
        return []
    bases = [_slug_base(c.found.title, c.date) for c in candidates]
    taken = set(
        Event.objects.filter(
            reduce(or_, (Q(slug__startswith=base) for base in set(bases)))
        ).values_list("slug", flat=True)
    )
    events = []
    for candidate, base in zip(candidates, bases, strict=True):
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        event = Event(
            title=candidate.found.title[:300],
            slug=slug,
            kind=candidate.kind,
            date=candidate.date,
            precision=candidate.precision,
            end_date=_end_date(candidate),
            place=candidate.place,
        )
        event.fill_period_end()  # bulk_create does not call save()
        events.append(event)
    return Event.objects.bulk_create(events)


def _event_enrich(event: Event, candidate: _Candidate) -> bool:
    """Add what the new report knows, in memory; never overwrite what an editor set.
    True when something changed (the caller saves it)."""
    if event.editor_locked:
        return False
    changed = False
    if _PRECISION_RANK[candidate.precision] > _PRECISION_RANK[event.precision]:
        event.date, event.precision = candidate.date, candidate.precision
        changed = True
    if event.place_id is None and candidate.place is not None:
        event.place = candidate.place
        changed = True
    if event.end_date is None and (end_date := _end_date(candidate)):
        event.end_date = end_date
        changed = True
    return changed


def _end_date(candidate: _Candidate) -> dt.date | None:
    if not candidate.found.end_date:
        return None
    try:
        end, _ = parse_partial_date(candidate.found.end_date)
    except ValueError:
        return None
    return end if end >= candidate.date else None


def _slug_base(title: str, date: dt.date) -> str:
    return f"{date.isoformat()}-{slugify(title)[:150]}".strip("-")


def _orphans_delete(event_ids: set[int]) -> None:
    """Events no article reports any more go, unless an editor approved or corrected them."""
    if not event_ids:
        return
    (
        Event.objects.filter(pk__in=event_ids, editor_locked=False)
        .exclude(review_status=EventReview.APPROVED)
        .annotate(n=Count("evidence"))
        .filter(n=0)
        .delete()
    )


def events_merge(*, sources: list[Event], target: Event, by=None) -> int:
    """Merge events an editor found to be one happening into ``target``: their evidence and
    participants move to it, their addresses redirect to it, and the target becomes the
    editor's (reprocessing keeps it). Returns how many events were merged. One transaction.
    """
    from django.db import transaction

    from timeline.models import EventSlugRedirect

    sources = [event for event in sources if event.pk != target.pk]
    if not sources:
        return 0
    ids = [event.pk for event in sources]
    with transaction.atomic():
        held = set(Evidence.objects.filter(event=target).values_list("article_id", "start"))
        for evidence in Evidence.objects.filter(event_id__in=ids).order_by("pk"):
            if (evidence.article_id, evidence.start) in held:
                evidence.delete()  # the target already has this very sentence
            else:
                held.add((evidence.article_id, evidence.start))
                Evidence.objects.filter(pk=evidence.pk).update(event=target)
        people = EventParticipant.objects.filter(event_id__in=ids).values_list(
            "entity_id", flat=True
        )
        EventParticipant.objects.bulk_create(
            (EventParticipant(event=target, entity_id=entity_id) for entity_id in set(people)),
            ignore_conflicts=True,
        )
        if target.place_id is None:
            target.place_id = next((e.place_id for e in sources if e.place_id), None)
        EventSlugRedirect.objects.filter(event_id__in=ids).update(event=target)
        EventSlugRedirect.objects.bulk_create(
            EventSlugRedirect(old_slug=event.slug, event=target) for event in sources
        )
        Event.objects.filter(pk__in=ids).delete()
        target.editor_locked = True
        target.reviewed_by, target.reviewed_at = by, timezone.now()
        target.save()
    return len(sources)
