"""The one definition of "the same happening", for extraction and for the timeline.

Extraction merges two mentions of one happening in an article with it; ``timeline/``
links a report to an existing event with it. Both read the same ``KIND_FAMILIES`` and
``same_happening``, so they cannot disagree about one event.

Kinds alike (``KIND_FAMILIES``):

- A summit, a meeting and talks are one happening named three ways ("Monday's
  summit", "the meeting in Helsinki", "their talks").
- A visit is *not* a meeting: a trip holds meetings (a part is not its whole), and a
  traveller's arrival or departure is not the talks held there.
- A plain statement ("Putin said on Monday") is the same happening as the one way of
  saying it aloud that another mention names: the announcement, interview or press
  conference of the same speaker that day. Those ways are not alike among themselves:
  an interview and a press conference of one day are two happenings, so the speech
  families are pairs around "statement", not one family. A tweet is not among them:
  it is written, a reporter who quotes one says so, and what the same person "told
  reporters" that day is another happening.

Two reports of alike kinds are the same happening when their dates are compatible
(equal, or one lies inside the other's month or year) and:

- for what a person says (``SPEECH_KINDS``): the same speaker, on the same date at the
  same precision (people speak every day; "in July" does not pin a statement down);
  a stored event, whose participants come from all its reports, has no known speaker,
  and a shared participant stands in;
- a happening of no kind of its own ("other") only with a title that shares a word:
  a vote and a protest of one day are two happenings;
- otherwise they share a participant or the place, and their principal participants
  do not differ (a Trump–Putin summit and a Trump–Niinistö meeting on the same day are
  two happenings: each names two people, and they share only one);
- a report that names nobody and no place is the same only as another such report of
  the same kind and date ("the 2016 election").

>>> summit = Report("summit", "2018-07-16", ("Trump", "Putin"), "Helsinki")
>>> same_happening(summit, Report("meeting", "2018-07", ("Putin",)))
True
>>> same_happening(summit, Report("visit", "2018-07-16", ("Trump",), "Helsinki"))
False
>>> same_happening(summit, Report("meeting", "2018-07-16", ("Trump", "Niinistö")))
False
>>> said = Report("statement", "2018-07-12", ("Peskov",), speaker="Peskov")
>>> same_happening(said, Report("announcement", "2018-07-12", ("Peskov", "Bolton")))
True
>>> same_happening(said, Report("statement", "2018-07", ("Peskov",)))
False
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

KIND_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"summit", "meeting", "talks"}),
    frozenset({"statement", "announcement"}),
    frozenset({"statement", "interview"}),
    frozenset({"statement", "press_conference"}),
)
# What one person says: the same happening only by the same speaker on the same date.
SPEECH_KINDS = frozenset({"statement", "announcement", "interview", "tweet"})
# A kind with no trigger of its own ("a protest", "a vote"): its title tells it apart.
UNNAMED_KIND = "other"
_PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}


@dataclass(frozen=True, slots=True)
class Report:
    """One account of a happening, as ``same_happening`` reads it.

    ``date`` is an ISO date cut to its precision ("2018", "2018-07", "2018-07-16").
    ``participants`` are any hashable keys (names in extraction, entity ids in the
    timeline); ``speaker`` is the principal participant when the order is known (the
    first participant of an extracted event), None when it is not (a stored event).
    """

    kind: str
    date: str
    participants: Iterable[Hashable] = ()
    place: Hashable | None = None
    title: str = ""
    speaker: Hashable | None = None


def partial_date(iso: str, precision: str) -> str:
    """An ISO date cut to its precision: ``partial_date("2018-07-01", "month")`` is
    "2018-07"."""
    return iso[: _PRECISION_LENGTH.get(precision, len(iso))]


def kinds_alike(a: str, b: str) -> bool:
    """Whether two kinds may name one happening (see ``KIND_FAMILIES``)."""
    return a == b or any(a in family and b in family for family in KIND_FAMILIES)


def kind_family(kind: str) -> frozenset[str]:
    """Every kind alike to ``kind``, itself included."""
    return frozenset().union(*(f for f in KIND_FAMILIES if kind in f)) | {kind}


def dates_compatible(a: str, b: str) -> bool:
    """Equal at the coarser of the two precisions: "2018-07" holds "2018-07-16"."""
    return a.startswith(b) or b.startswith(a)


def same_happening(a: Report, b: Report) -> bool:
    """Whether two reports tell one happening (the rules of this module's docstring)."""
    if not kinds_alike(a.kind, b.kind) or not dates_compatible(a.date, b.date):
        return False
    if a.kind in SPEECH_KINDS or b.kind in SPEECH_KINDS:
        return a.date == b.date and _same_speaker(a, b)
    if a.kind == UNNAMED_KIND and not _titles_alike(a.title, b.title):
        return False  # a vote and a forum on the same Thursday are two happenings
    named_a, named_b = bool(a.participants or a.place), bool(b.participants or b.place)
    if not (named_a and named_b):
        return not named_a and not named_b and a.kind == b.kind and a.date == b.date
    shared = set(a.participants) & set(b.participants)
    if len(a.participants) >= 2 and len(b.participants) >= 2 and len(shared) < 2:
        return False  # different principal participants
    return bool(shared) or (a.place is not None and a.place == b.place)


def _same_speaker(a: Report, b: Report) -> bool:
    """The same first participant; when one report's order is unknown (a stored event
    holds the participants of all its reports), a shared participant stands in."""
    if a.speaker is not None and b.speaker is not None:
        return a.speaker == b.speaker
    return bool(set(a.participants) & set(b.participants))


def _titles_alike(a: str, b: str) -> bool:
    """Titles of happenings of no kind that share a word of four letters or more ("A few
    thousand people marched", "Thousands had marched"); an empty title is alike to any."""
    if not a or not b:
        return True
    words_a = {w for w in a.lower().split() if len(w) >= 4}
    return bool(words_a & {w for w in b.lower().split() if len(w) >= 4})
