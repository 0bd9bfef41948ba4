"""One event per happening in an article: mentions of the same happening merged.

Two events are merged when ``same.same_happening`` says they tell one happening, or when
one of them names nobody and no place and follows a named event of an alike kind: in an
article "the meeting on Monday" is the meeting it told of before (an anaphor), which the
timeline, reading one report at a time, cannot know.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from extraction.events.same import (
    SPEECH_KINDS,
    Report,
    dates_compatible,
    kind_family,
    kinds_alike,
    same_happening,
)
from extraction.events.words import KIND_RANK
from extraction.results import Event


def report(event: Event) -> Report:
    """An extracted event as ``same_happening`` reads it (the first participant speaks)."""
    return Report(
        kind=event.kind,
        date=event.date,
        participants=event.participants,
        place=event.place,
        title=event.title,
        speaker=event.participants[0] if event.participants else None,
    )


def resolve_vague(events: list[Event]) -> list[Event]:
    """ "The meeting opened on Wednesday": an untitled event takes the names of the nearest
    happening of an alike kind told before it; with none before it, it is dropped."""
    resolved: list[Event] = []
    last: dict[str, int] = {}  # kind -> index in resolved of its last event
    for event in events:
        if event.title:
            last[event.kind] = len(resolved)
            resolved.append(event)
            continue
        before = [last[k] for k in kind_family(event.kind) if k in last]
        if not before:
            continue
        antecedent = resolved[max(before)]
        last[event.kind] = len(resolved)
        resolved.append(
            replace(
                event,
                title=antecedent.title,
                participants=event.participants or antecedent.participants,
                place=event.place or antecedent.place,
                strategy="antecedent",
            )
        )
    return resolved


def merge_duplicates(events: list[Event]) -> list[Event]:
    """Events of one happening merged into the first of them, in order of evidence.

    Kept events are indexed by their date and its month and year, so each event is
    compared only with those whose dates are compatible with its own (issue 15).
    """
    kept: list[Event] = []
    index = _DateIndex()
    for event in events:
        twin = next((i for i in index.compatible(event.date) if _same(kept[i], event)), None)
        if twin is None:
            index.add(event.date, len(kept))
            kept.append(event)
            continue
        kept[twin] = _merged(kept[twin], event)
        index.add(kept[twin].date, twin)
    return kept


def _same(kept: Event, event: Event) -> bool:
    if same_happening(report(kept), report(event)):
        return True
    # An unnamed mention of an alike kind: the happening the article told of before.
    unnamed = not (event.participants or event.place) or not (kept.participants or kept.place)
    return (
        unnamed
        and not {kept.kind, event.kind} & SPEECH_KINDS
        and kinds_alike(kept.kind, event.kind)
        and dates_compatible(kept.date, event.date)
        and not (kept.kind == event.kind == "other" and kept.title != event.title)
    )


def _merged(first: Event, second: Event) -> Event:
    # A plain statement gives way to the way it was said (an interview, a press conference
    # of that speaker that day): the more specific event and its evidence stay.
    if first.kind == "statement" and second.kind != "statement":
        return second
    if second.kind == "statement" and first.kind != "statement":
        return first
    more_precise = second if len(second.date) > len(first.date) else first
    # The higher kind names the happening ("summit" over "meeting"); the first evidence stays.
    named = second if KIND_RANK[second.kind] > KIND_RANK[first.kind] else first
    return replace(
        named,
        date=more_precise.date,
        precision=more_precise.precision,
        # The evidence goes with the date: its expression is the one the date was read from.
        evidence=more_precise.evidence,
        participants=tuple(dict.fromkeys(first.participants + second.participants)),
        place=first.place or second.place,
        end_date=first.end_date or second.end_date,
    )


class _DateIndex:
    """Positions of kept events by date, month and year, for compatible-date lookups."""

    def __init__(self) -> None:
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}  # "2018-07" / "2018" -> finer dates in it

    def add(self, date: str, position: int) -> None:
        self._exact.setdefault(date, []).append(position)
        for cut in (4, 7):
            if len(date) > cut:
                self._prefix.setdefault(date[:cut], []).append(position)

    def compatible(self, date: str) -> Iterator[int]:
        """Positions whose date equals, holds or lies inside ``date``, in kept order."""
        found = set(self._exact.get(date, ()))
        found.update(self._prefix.get(date, ()))
        for cut in (4, 7):
            if len(date) > cut:
                found.update(self._exact.get(date[:cut], ()))
        return iter(sorted(found))
