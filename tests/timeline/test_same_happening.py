"""Extraction and linking agree on what "the same happening" is.

Both read ``extraction.events.same``: extraction merges two mentions in one article
(``merge.merge_duplicates``), linking joins a report to a stored event
(``timeline.services._matching_event``). The table gives pairs of reports and whether
they tell one happening; each pair is put to both, which must answer alike.
"""

from __future__ import annotations

import pytest

from entities.models import Entity, EntityKind
from extraction.events.merge import merge_duplicates
from extraction.results import Event as FoundEvent
from extraction.results import Evidence
from summit_kb.partial_dates import parse_partial_date
from timeline.models import Event
from timeline.services import _Candidate, _matching_event, _Pooled

_KINDS = {
    "Trump": EntityKind.PERSON,
    "Putin": EntityKind.PERSON,
    "Niinistö": EntityKind.PERSON,
    "Bolton": EntityKind.PERSON,
    "Peskov": EntityKind.PERSON,
    "Kremlin": EntityKind.ORGANISATION,
    "NATO": EntityKind.ORGANISATION,
    "Helsinki": EntityKind.PLACE,
    "Brussels": EntityKind.PLACE,
}
_ENTITIES = {
    name: Entity(pk=index, name=name, slug=name.lower(), kind=kind)
    for index, (name, kind) in enumerate(_KINDS.items(), start=1)
}

# (first report, second report, one happening?); a report is (kind, date, participants,
# place, title).
PAIRS = [
    # One happening named three ways, dated as precisely or less.
    (
        ("summit", "2018-07-16", ("Trump", "Putin"), "Helsinki", "Trump–Putin summit"),
        ("meeting", "2018-07-16", ("Putin", "Trump"), None, "Putin meets Trump"),
        True,
    ),
    (
        ("summit", "2018-07", ("Trump", "Putin"), None, "Trump–Putin summit"),
        ("talks", "2018-07-16", ("Trump", "Putin"), "Helsinki", "Trump–Putin talks"),
        True,
    ),
    # A visit is not the meeting held during it.
    (
        ("summit", "2018-07-16", ("Trump", "Putin"), "Helsinki", "Trump–Putin summit"),
        ("visit", "2018-07-16", ("Putin",), "Helsinki", "Putin visits Helsinki"),
        False,
    ),
    # Different principal participants on the same day.
    (
        ("summit", "2018-07-16", ("Trump", "Putin"), "Helsinki", "Trump–Putin summit"),
        ("meeting", "2018-07-16", ("Niinistö", "Trump"), "Helsinki", "Niinistö meets Trump"),
        False,
    ),
    # Other days, other years.
    (
        ("meeting", "2018-07-16", ("Trump", "Putin"), None, "Trump meets Putin"),
        ("meeting", "2017-07", ("Trump", "Putin"), None, "Trump meets Putin"),
        False,
    ),
    # A plain statement and the announcement of the same speaker that day.
    (
        ("announcement", "2018-06-28", ("Kremlin",), None, "Kremlin announces the summit"),
        ("statement", "2018-06-28", ("Kremlin",), None, "Kremlin statement"),
        True,
    ),
    # Two speakers, one day: two statements.
    (
        ("statement", "2018-06-28", ("Peskov",), None, "Peskov statement"),
        ("statement", "2018-06-28", ("Bolton",), None, "Bolton statement"),
        False,
    ),
    # A statement of a day is not pinned down by "in June".
    (
        ("statement", "2018-06-28", ("Peskov",), None, "Peskov statement"),
        ("statement", "2018-06", ("Peskov",), None, "Peskov statement"),
        False,
    ),
    # A tweet is not what the same person told reporters that day.
    (
        ("tweet", "2018-07-16", ("Trump",), None, "Trump tweet"),
        ("statement", "2018-07-16", ("Trump",), None, "Trump statement"),
        False,
    ),
    # A summit of NATO and a visit of one of its leaders the same day.
    (
        ("summit", "2018-07-12", ("Trump", "NATO"), "Brussels", "NATO summit"),
        ("visit", "2018-07-12", ("Trump",), None, "Trump visit"),
        False,
    ),
    # Happenings of no kind: told apart by their titles.
    (
        ("other", "2018-07-15", (), "Helsinki", "Thousands marched in Helsinki"),
        ("other", "2018-07-15", (), "Helsinki", "A few thousand people marched"),
        True,
    ),
    (
        ("other", "2018-07-15", (), "Helsinki", "Thousands marched in Helsinki"),
        ("other", "2018-07-15", (), "Helsinki", "The council voted"),
        False,
    ),
]


def _found(report) -> FoundEvent:
    kind, date, participants, place, title = report
    precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return FoundEvent(
        title=title,
        kind=kind,
        date=date,
        precision=precision,
        evidence=Evidence(0, 1, title, date),
        participants=participants,
        place=place,
    )


def _candidate(found: FoundEvent) -> _Candidate:
    date, precision = parse_partial_date(found.date)
    return _Candidate(
        found=found,
        date=date,
        precision=precision,
        kind=found.kind,
        participants=tuple(_ENTITIES[name] for name in found.participants),
        place=_ENTITIES[found.place] if found.place else None,
    )


def _stored(found: FoundEvent) -> _Pooled:
    date, precision = parse_partial_date(found.date)
    place = _ENTITIES[found.place] if found.place else None
    event = Event(
        pk=1000,
        title=found.title,
        kind=found.kind,
        date=date,
        precision=precision,
        place_id=place.pk if place else None,
    )
    return _Pooled(event, {_ENTITIES[name].pk for name in found.participants})


@pytest.mark.parametrize("first, second, same", PAIRS)
def test_extraction_and_linking_agree_on_the_same_happening(first, second, same) -> None:
    a, b = _found(first), _found(second)
    merged_in_article = len(merge_duplicates([a, b])) == 1
    linked_across = _matching_event(_candidate(b), [_stored(a)], exclude=set()) is not None
    linked_back = _matching_event(_candidate(a), [_stored(b)], exclude=set()) is not None
    assert (merged_in_article, linked_across, linked_back) == (same, same, same)


def test_linking_reads_its_kinds_alike_from_extraction() -> None:
    import timeline.services as services
    from extraction.events import same

    assert not hasattr(services, "_KIND_FAMILIES")
    assert (
        services._family("meeting")
        == set(same.kind_family("meeting"))
        == {
            "summit",
            "meeting",
            "talks",
        }
    )
