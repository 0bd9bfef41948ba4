"""What every part of the event step reads: the text model, the names and dates in it,
and the triggers, with the small span helpers they share."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extraction.results import DateMention, Entity
from extraction.text import Text

if TYPE_CHECKING:
    from extraction.events.triggers import QuoteCues

Span = tuple[int, int]
Mention = tuple[int, int, Entity]


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    kind: str
    verb: bool  # a verb needs a subject; a noun does not
    speech: bool  # said, told, added...: an event only with a named speaker


@dataclass(slots=True)
class Group:
    """A head trigger, its dates and the triggers that refine it."""

    head: Trigger
    dates: list[DateMention]
    satellites: list[Trigger] = field(default_factory=list)
    clause: Span = (0, 0)
    sentence: Span = (0, 0)

    @property
    def triggers(self) -> list[Trigger]:
        return [self.head, *self.satellites]

    @property
    def span(self) -> Span:
        starts = [self.head.start, *(d.start for d in self.dates)]
        ends = [self.head.end, *(d.end for d in self.dates)]
        return min(starts), max(ends)


@dataclass(frozen=True, slots=True)
class Mentions:
    """Entity mentions outside quotes in body order, with their starts for bisection, and
    the dates, so that the text between two words can be read with names and dates masked.
    It carries the text model and the quotes by their cues, which every rule may need.
    """

    text: Text
    items: list[Mention]
    starts: list[int]
    short: dict[str, str]  # Entity.name -> the name a title uses ("Putin")
    spans: list[tuple[int, int, str]]  # mentions ("X") and dates ("D"), in body order
    cues: QuoteCues | None = None
    _barriers: dict[re.Pattern[str], list[int]] = field(default_factory=dict)
    # Per clause: each trigger with the mentions whose nearest trigger it is.
    owners: dict[Span, dict[Trigger, list[Mention]]] = field(default_factory=dict)

    def barrier_positions(self, barrier: re.Pattern[str]) -> list[int]:
        """Where ``barrier`` matches in the body (found once per pattern)."""
        found = self._barriers.get(barrier)
        if found is None:
            found = [m.start() for m in barrier.finditer(self.text.body)]
            self._barriers[barrier] = found
        return found

    def first_between(self, start: int, end: int, kinds: tuple[str, ...] = ()) -> Mention | None:
        """The first mention that starts in ``[start, end)`` (of one of ``kinds``)."""
        index = bisect.bisect_left(self.starts, start)
        while index < len(self.items) and self.items[index][0] < end:
            if not kinds or self.items[index][2].kind in kinds:
                return self.items[index]
            index += 1
        return None

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in ``[start, end)``."""
        return self.items[
            bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)
        ]

    def masked(self, body: str, start: int, end: int) -> str:
        """``body[start:end]`` with each name as "X" and each date as "D", padded with
        spaces so that offsets stay those of the body: "Trump and Putin on July 16" ->
        "X     and X     on D      "."""
        index = bisect.bisect_left(self.spans, (start, -1, ""))
        if index > 0 and self.spans[index - 1][1] > start:
            index -= 1
        parts, cursor = [], start
        while index < len(self.spans) and self.spans[index][0] < end:
            s, e, token = self.spans[index]
            s, e = max(s, cursor), min(e, end)
            if s >= cursor and e > s:
                parts.append(body[cursor:s])
                parts.append(token.ljust(e - s))
                cursor = e
            index += 1
        parts.append(body[cursor:end])
        return "".join(parts)

    def masked_words(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The tokens of ``[start, end)`` as ``(start, end, word)``, a name as one "X" and a
        date as one "D" spanning all their tokens (the text model's tokenizer)."""
        index = bisect.bisect_left(self.spans, (start, -1, ""))
        if index > 0 and self.spans[index - 1][1] > start:
            index -= 1
        body = self.text.body
        words: list[tuple[int, int, str]] = []
        for s, e in self.text.tokens(start, end):
            while index < len(self.spans) and self.spans[index][1] <= s:
                index += 1
            if index < len(self.spans) and self.spans[index][0] <= s:
                m_start, _m_end, token = self.spans[index]
                if words and words[-1][2] == token and words[-1][0] == m_start:
                    words[-1] = (m_start, max(e, words[-1][1]), token)
                else:
                    words.append((m_start, e, token))
                continue
            words.append((s, e, body[s:e]))
        return words

    def same_sentence(self, a: int, b: int) -> bool:
        return self.text.sentence_index(a) == self.text.sentence_index(b)


def entity_mentions(
    text: Text,
    entities: Sequence[Entity],
    quoted: list[Span],
    dates: Sequence[DateMention],
    cues: QuoteCues,
) -> Mentions:
    found = sorted(
        (
            (start, end, entity)
            for entity in entities
            for start, end in entity.mentions
            if not inside(quoted, start)
        ),
        key=lambda m: m[0],
    )
    short = {entity.name: _short_name(entity) for entity in entities}
    spans = sorted(
        [(s, e, "X") for s, e, _entity in found] + [(d.start, d.end, "D") for d in dates]
    )
    return Mentions(text, found, [m[0] for m in found], short, spans, cues)


def _short_name(entity: Entity) -> str:
    """A known person by surname, anything else by its name without a leading "the".

    Unknown people keep their full name: "Kim Jong Un" does not end in a surname.
    """
    if entity.kind == "person" and entity.known and " " in entity.name:
        return entity.name.rsplit(" ", 1)[1]
    return entity.name.removeprefix("the ")


# --- who stands next to an offset -------------------------------------------------------


def entity_right_before(
    body: str, offset: int, mentions: Mentions, *, possessive: bool = False
) -> str | None:
    """The person or organisation that ends just before ``offset`` ("Pence said").

    With ``possessive`` only an owner counts: "Putin's re-election".
    """
    window = mentions.between(max(0, offset - 200), offset)
    for _start, end, entity in reversed(window):
        if end > offset:
            continue
        gap = body[end:offset].strip()
        if entity.kind != "place" and (gap in ("’s", "'s") if possessive else not gap):
            return entity.name
        break
    return None


def entity_right_after(
    body: str, offset: int, mentions: Mentions, *, kinds: tuple[str, ...]
) -> str | None:
    for start, _end, entity in mentions.between(offset, offset + 40):
        gap = body[offset:start].strip().lower()
        if gap in ("", "the") and entity.kind in kinds:
            return entity.name
        break
    return None


def nearest_person_before(body: str, offset: int, mentions: Mentions) -> str | None:
    """Who "he", "she" or "his" stands for: the last person named before it in its own
    sentence, else the first person of the sentence before ("The summit ended with Trump
    flying to Britain, where he is due to dine with May. He then spends..." -> Trump).
    """
    people = [m for m in mentions.between(max(0, offset - 600), offset) if m[2].kind == "person"]
    if not people:
        return None
    last_start, last_end, last = people[-1]
    if mentions.same_sentence(last_end - 1, offset):
        return last.name
    boundary = mentions.text.sentence_at(last_start)[0]
    same_sentence = [e for s, _e, e in people if s >= boundary]
    return same_sentence[0].name if same_sentence else last.name


# --- barriers between two spans ---------------------------------------------------------

# An aside between commas that names a place or a person: "in Helsinki, Finland, on July 16",
# "Last month, in Singapore, Trump held a summit".
_APPOSITION = re.compile(r",\s+(?:(?:in|at)\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3},")
# After a fronted date, its comma and a second fronted phrase between commas ("On
# December 17, 2017, at the Russian side's initiative, Putin telephoned Trump").
_FRONTED_TAIL = re.compile(
    r"\s*,(?:\s*(?:at|in|on|after|before|during|with|by|from|amid|following|under)\b"
    r"[^,;]{0,60},)?",
    re.IGNORECASE,
)
# Past this many characters a stretch with a barrier in it counts as barred without
# reading it: an aside between commas is short, so only a short stretch can lose all its
# barriers to asides. Issue 15: the cost of a pair no longer grows with the text.
_LONG_BETWEEN = 600


def barrier_between(
    mentions: Mentions,
    span: Span,
    trigger: Trigger,
    barrier: re.Pattern[str],
    fronted: bool = False,
) -> bool:
    """Whether ``barrier`` stands between a span and a trigger, appositions left out.

    The barriers of the whole text are found once per pattern; a stretch with none of
    them is answered by bisection, and only a short one with some is read again.
    """
    body = mentions.text.body
    after = trigger.start >= span[1]
    lo, hi = (span[1], trigger.start) if after else (trigger.end, span[0])
    positions = mentions.barrier_positions(barrier)
    index = bisect.bisect_left(positions, lo)
    if index >= len(positions) or positions[index] >= hi:
        return False
    if hi - lo > _LONG_BETWEEN:
        return True
    between = _APPOSITION.sub(" ", body[lo:hi])
    if fronted and after:
        between = _FRONTED_TAIL.sub(" ", between, count=1)
    return barrier.search(between) is not None


# --- spans --------------------------------------------------------------------------------


def between(items: list, starts: list[int], span: Span) -> list:
    """Items (sorted, ``starts`` their offsets) that start in ``[start, end)``."""
    return items[bisect.bisect_left(starts, span[0]) : bisect.bisect_left(starts, span[1])]


def inside(spans: list[Span], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def within(span: Span, offset: int) -> bool:
    return span[0] <= offset < span[1]


def gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0
