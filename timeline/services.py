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

from django.db.models import Count, Q
from django.utils.text import slugify

from articles.models import Article
from entities.models import Entity, EntityKind
from extraction.results import Event as FoundEvent
from summit_kb.partial_dates import Precision, parse_partial_date
from timeline.models import Event, EventParticipant, EventReview, Evidence

# Kinds that name the same sort of happening in different words.
_KIND_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"summit", "meeting", "talks", "visit"}),
    frozenset({"announcement", "statement"}),
    frozenset({"statement", "interview", "tweet"}),
)
_STATEMENT_KINDS = frozenset({"statement", "interview", "tweet", "announcement"})
_PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


@dataclass(frozen=True)
class _Candidate:
    date: dt.date
    precision: str
    kind: str
    participant_ids: frozenset[int]
    place_id: int | None


def events_link(
    *, article: Article, events: Sequence[FoundEvent], entity_by_name: dict[str, Entity]
) -> list[Evidence]:
    """Replace the article's evidence with the events found now; returns the new evidence.

    Runs inside the caller's transaction. An event keeps its id when the same sentence of
    this article reports it again; events left with no evidence are deleted unless an
    editor approved or corrected them.
    """
    from articles.services import PIPELINE_VERSION

    previous = dict(Evidence.objects.filter(article=article).values_list("start", "event_id"))
    touched_ids = set(previous.values())
    Evidence.objects.filter(article=article).delete()

    created: list[Evidence] = []
    # Extraction already told this article's happenings apart: two of its events never
    # become one through matching.
    linked_here: set[int] = set()
    for found in events:
        try:
            date, precision = parse_partial_date(found.date)
        except ValueError:
            continue
        participants = _entities(found.participants, entity_by_name)
        place = entity_by_name.get(found.place) if found.place else None
        if place is not None and place.kind != EntityKind.PLACE:
            place = None
        candidate = _Candidate(
            date=date,
            precision=precision,
            kind=found.kind,
            participant_ids=frozenset(p.pk for p in participants),
            place_id=place.pk if place else None,
        )
        event = _event_by_sentence(previous.get(found.evidence.start), candidate)
        if event is not None and event.pk in linked_here:
            event = None
        if event is None:
            event = _matching_event(candidate, exclude=linked_here)
        if event is None:
            event = _event_create(found, candidate, participants, place)
        else:
            _event_enrich(event, candidate, participants, place, found)
        touched_ids.add(event.pk)
        linked_here.add(event.pk)
        evidence, _ = Evidence.objects.get_or_create(
            event=event,
            article=article,
            start=found.evidence.start,
            defaults={
                "sentence": found.evidence.text,
                "end": found.evidence.end,
                "date_expression": found.evidence.expression[:200],
                "pipeline_version": PIPELINE_VERSION,
            },
        )
        created.append(evidence)
    _orphans_delete(touched_ids)
    return created


def _entities(names: Iterable[str], entity_by_name: dict[str, Entity]) -> list[Entity]:
    seen: dict[int, Entity] = {}
    for name in names:
        entity = entity_by_name.get(name)
        if entity is not None and entity.kind != EntityKind.PLACE:
            seen.setdefault(entity.pk, entity)
    return list(seen.values())


def _event_by_sentence(event_id: int | None, candidate: _Candidate) -> Event | None:
    """The event this very sentence reported before, if the report still fits it."""
    if event_id is None:
        return None
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return None
    if event.editor_locked or (
        _kinds_alike(event.kind, candidate.kind)
        and _dates_compatible(event.date, event.precision, candidate.date, candidate.precision)
    ):
        return event
    return None


def _matching_event(candidate: _Candidate, *, exclude: set[int]) -> Event | None:
    """The best existing event for this report: same kind family, compatible date, shared
    participant or place. Exact dates beat contained ones; more shared participants win."""
    kinds = set().union(*(f for f in _KIND_FAMILIES if candidate.kind in f)) | {candidate.kind}
    year_start = dt.date(candidate.date.year, 1, 1)
    year_end = dt.date(candidate.date.year, 12, 31)
    if not candidate.participant_ids and not candidate.place_id:
        return _anonymous_event(candidate, exclude)
    shared = Q(participations__entity_id__in=candidate.participant_ids)
    if candidate.place_id:
        shared |= Q(place_id=candidate.place_id)
    pool = (
        Event.objects.filter(kind__in=kinds, date__gte=year_start, date__lte=year_end)
        .filter(shared)
        .exclude(pk__in=exclude)
        .distinct()
    )
    best: tuple[tuple[int, int, int], Event] | None = None
    for event in pool:
        if not _dates_compatible(event.date, event.precision, candidate.date, candidate.precision):
            continue
        participant_ids = set(event.participations.values_list("entity_id", flat=True))
        overlap = len(participant_ids & candidate.participant_ids)
        same_place = bool(candidate.place_id and event.place_id == candidate.place_id)
        if overlap == 0 and not same_place:
            continue
        exact = int(event.date == candidate.date and event.precision == candidate.precision)
        # Statements are personal and frequent: the same speaker, the same date as precise.
        if candidate.kind in _STATEMENT_KINDS and (overlap == 0 or not exact):
            continue
        score = (exact, overlap + int(same_place), int(event.kind == candidate.kind))
        if best is None or score > best[0]:
            best = (score, event)
    return best[1] if best else None


def _anonymous_event(candidate: _Candidate, exclude: set[int]) -> Event | None:
    """A report that names nobody and no place ("the 2016 election") is the same happening
    as an event of the same kind on the same date that names nobody either."""
    return (
        Event.objects.filter(
            kind=candidate.kind,
            date=candidate.date,
            precision=candidate.precision,
            place__isnull=True,
            participations__isnull=True,
        )
        .exclude(pk__in=exclude)
        .order_by("pk")
        .first()
    )


def _kinds_alike(a: str, b: str) -> bool:
    return a == b or any(a in family and b in family for family in _KIND_FAMILIES)


def _dates_compatible(a: dt.date, a_precision: str, b: dt.date, b_precision: str) -> bool:
    """Equal at the coarser of the two precisions: June 2018 holds 27 June 2018."""
    coarser = min(a_precision, b_precision, key=lambda p: _PRECISION_RANK[p])
    if coarser == Precision.YEAR:
        return a.year == b.year
    if coarser == Precision.MONTH:
        return (a.year, a.month) == (b.year, b.month)
    return a == b


def _event_create(
    found: FoundEvent, candidate: _Candidate, participants: list[Entity], place: Entity | None
) -> Event:
    end_date = _end_date(found, candidate)
    event = Event.objects.create(
        title=found.title[:300],
        slug=_unique_slug(found.title, candidate.date),
        kind=found.kind if found.kind in _known_kinds() else "other",
        date=candidate.date,
        precision=candidate.precision,
        end_date=end_date,
        place=place,
    )
    EventParticipant.objects.bulk_create(
        EventParticipant(event=event, entity=entity) for entity in participants
    )
    return event


def _event_enrich(
    event: Event,
    candidate: _Candidate,
    participants: list[Entity],
    place: Entity | None,
    found: FoundEvent,
) -> None:
    """Add what the new report knows; never overwrite what an editor set."""
    EventParticipant.objects.bulk_create(
        (EventParticipant(event=event, entity=entity) for entity in participants),
        ignore_conflicts=True,
    )
    if event.editor_locked:
        # A new report still changes what the timeline shows (its sources).
        event.save(update_fields=["updated_at"])
        return
    changed: list[str] = []
    if _PRECISION_RANK[candidate.precision] > _PRECISION_RANK[event.precision]:
        event.date, event.precision = candidate.date, candidate.precision
        changed += ["date", "precision"]
    if event.place_id is None and place is not None:
        event.place = place
        changed.append("place")
    if event.end_date is None and (end_date := _end_date(found, candidate)):
        event.end_date = end_date
        changed.append("end_date")
    event.save(update_fields=[*changed, "updated_at"])


def _end_date(found: FoundEvent, candidate: _Candidate) -> dt.date | None:
    if not found.end_date:
        return None
    try:
        end, _ = parse_partial_date(found.end_date)
    except ValueError:
        return None
    return end if end >= candidate.date else None


def _unique_slug(title: str, date: dt.date) -> str:
    base = f"{date.isoformat()}-{slugify(title)[:150]}".strip("-")
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _known_kinds() -> frozenset[str]:
    from timeline.models import EventKind

    return frozenset(EventKind.values)


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
