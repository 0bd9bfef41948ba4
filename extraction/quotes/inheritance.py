"""INHERITANCE_STRATEGIES: a quote with no clause of its own continues earlier speech.

Tried in the order of ``INHERITANCE_STRATEGIES`` for a quote that no attribution
strategy claims; each continues the speech of the last attributed quote when no other
person is named in between:

1. ``continued_paragraph`` -- the pieces of one quote running over paragraphs.
2. ``same_sentence`` -- a later piece of the clause the last quote's cue reports, with
   no cue between (``said the plan was “dead” and the offer “too late”``), or a short
   quote set against the one before (``“yes” or “no”``): the same speaker's words, so
   no scare quote, and the people named between are its subject, not its speaker.
3. ``same_paragraph`` -- a later quote in the paragraph of the attributed one.
4. ``quote_paragraph`` -- the next paragraph holds nothing but quotes.
5. ``follow_up`` -- the next paragraph's sentence has no cue and no person of its own
   and opens with a word that points back (``They include the “…”``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from extraction.quotes.filters import set_against_last
from extraction.quotes.index import Index, Last, Said
from extraction.quotes.marks import Raw
from extraction.quotes.vocabulary import REFERRING

INHERITANCE_STRATEGIES = (
    "continued_paragraph",
    "same_sentence",
    "same_paragraph",
    "quote_paragraph",
    "follow_up",
)
# Inherited words that are the speaker's even when short: no scare quote.
SHORT_SPEECH = frozenset({"same_sentence"})


@dataclass(slots=True)
class Context:
    """What the quotes before this one were given, by raw number; paragraphs of only quotes."""

    said_of: dict[int, Said] = field(default_factory=dict)
    only_quotes: dict[int, bool] = field(default_factory=dict)


Strategy = Callable[[Index, Raw, "Last | None", Context], "Said | None"]


def inherit(index: Index, raw: Raw, last: Last | None, context: Context) -> Said | None:
    """The first of ``INHERITANCE_STRATEGIES`` that finds speech this quote continues."""
    for name in INHERITANCE_STRATEGIES:
        said = _STRATEGIES[name](index, raw, last, context)
        if said is not None:
            return replace(said, strategy=name)
    return None


def _continued_paragraph(
    index: Index, raw: Raw, last: Last | None, context: Context
) -> Said | None:
    if raw.chain_prev is not None and raw.chain_prev in context.said_of:
        earlier = context.said_of[raw.chain_prev]
        if earlier.cue:
            return earlier
    return None


def _nobody_else_since(index: Index, raw: Raw, last: Last | None) -> Last | None:
    """The last quote, when it had a cue and nobody else has been named since."""
    if last is None or last.said.cue is None:
        return None
    known = {last.said.speaker, last.said.addressee}
    if any(p[2] not in known for p in index.iter_persons(last.close, raw.open)):
        return None
    return last


def _same_sentence(index: Index, raw: Raw, last: Last | None, context: Context) -> Said | None:
    """Another piece of the clause the last quote's cue reports, however short.

    ``Lindqvist said the plan was “dead” and Berg’s offer “too late”``: no cue stands
    between the two, so both are her words, and the people named between are what she
    talks about, not speakers. ``“yes” or “no”`` set against each other likewise.
    """
    if last is None or not last.said.cue:
        return None
    if index.sentence_of(last.close) != index.sentence_of(raw.open):
        return None
    if set_against_last(index, raw, last) or not index.cues_in(last.close + 1, raw.open):
        return last.said
    return None


def _same_paragraph(index: Index, raw: Raw, last: Last | None, context: Context) -> Said | None:
    last = _nobody_else_since(index, raw, last)
    return last.said if last is not None and last.paragraph == raw.paragraph else None


def _quote_paragraph(index: Index, raw: Raw, last: Last | None, context: Context) -> Said | None:
    last = _nobody_else_since(index, raw, last)
    if last is None or last.paragraph != raw.paragraph - 1:
        return None
    return last.said if context.only_quotes.get(raw.paragraph) else None


def _follow_up(index: Index, raw: Raw, last: Last | None, context: Context) -> Said | None:
    last = _nobody_else_since(index, raw, last)
    if last is None or last.paragraph != raw.paragraph - 1:
        return None
    return last.said if _points_back(index, raw) else None


def _points_back(index: Index, raw: Raw) -> bool:
    """``They include the “…”``: no cue, no person, and a first word that refers back."""
    lo, hi = raw.sentence
    if index.cues_in(lo, hi) or index.first_person_in(lo, hi):
        return False
    first = index.text.token_at(lo)
    return first is not None and index.body[lo : first[1]].lower() in REFERRING


_STRATEGIES: dict[str, Strategy] = {
    "continued_paragraph": _continued_paragraph,
    "same_sentence": _same_sentence,
    "same_paragraph": _same_paragraph,
    "quote_paragraph": _quote_paragraph,
    "follow_up": _follow_up,
}
