"""What a handler of the scanner gives back, and the checks and arithmetic they share.

A handler returns a ``Found`` (a span and a date at some precision) or a ``Refusal``
with a reason; ``find_dates`` turns a ``Found`` into a ``DateMention`` carrying the
strategy of the scanner's alternative that matched (see ``scanner.ALTERNATIVES``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extraction.dates import vocabulary as v
from extraction.dates.reading import is_possessive, normal, starts_sentence, word_after, word_before
from extraction.dates.tense import Context
from extraction.results import Precision
from extraction.text import Text


@dataclass(frozen=True, slots=True)
class Found:
    """A date expression at ``[start, end)`` resolved to ``date`` (ISO, at ``precision``)."""

    start: int
    end: int
    date: str
    precision: Precision
    end_date: str | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    """A candidate the scanner found and a handler declined; the reason is for readers."""

    reason: str


Outcome = Found | Refusal


def found(m: re.Match[str], date: str, precision: Precision, end_date: str | None = None) -> Found:
    """The whole match ``m`` as the expression."""
    return Found(m.start(), m.end(), date, precision, end_date)


def span_found(m: re.Match[str], first: dt.date, last: dt.date) -> Found:
    """A stretch of days said at the finest precision that holds all of it, never a day."""
    if (first.year, first.month) == (last.year, last.month):
        return found(m, f"{first.year}-{first.month:02d}", "month")
    end_date = None if first.year == last.year else str(last.year)
    return found(m, str(first.year), "year", end_date)


# --- arithmetic -----------------------------------------------------------------------------


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift_month(published: dt.date, shift: int) -> tuple[int, int]:
    index = published.year * 12 + published.month - 1 + shift
    return index // 12, index % 12 + 1


def shift_of(phrase: str) -> int:
    """-1, 0 or 1 for a phrase led by "last", "this" or "next" ("last week")."""
    return {"last": -1, "next": 1}.get(normal(phrase).split()[0], 0)


def month_number(name: str) -> int:
    return v.MONTH_PREFIXES.index(name[:3].lower()) + 1


def weekday_number(name: str | None) -> int | None:
    return v.WEEKDAYS.index(name) if name else None


def count(word: str) -> int:
    return int(word) if word.isdigit() else v.NUMBER_WORDS[word.lower()]


# --- refusals ---------------------------------------------------------------------------


def relative_refusal(m: re.Match[str], ctx: Context) -> Refusal | None:
    if ctx.published is None:
        return Refusal("a relative date needs the publication date")
    if m.group()[0].isupper() and not starts_sentence(ctx.text, m.start()):
        return Refusal("a capitalised relative word inside a name (USA Today)")
    return None


def is_count(text: Text, start: int, end: int, *, intro_ok: bool) -> bool:
    """A year-like number that counts or measures something, or labels it.

    "2014 troops" and "about 2000 people" count; "the 2016 elections" and "in 2014
    protests erupted" are years because a date word comes first.
    """
    before = word_before(text, start).lower().rstrip(".")
    after = word_after(text, end)
    if before in v.WORDS["labels"] or text.body[start - 1 : start] == "#":
        return True
    if before in v.WORDS["quantifiers"]:
        return True
    if after.lower().rstrip(".") in v.WORDS["units"]:
        return True
    is_plural_noun = (
        len(after) > 3 and after.islower() and after.endswith("s") and not after.endswith("ss")
    )
    intro = before in v.WORDS["date_intro"] - {"of"} or is_possessive(before)
    return is_plural_noun and not (intro_ok and intro)


def may_is_a_month(text: Text, start: int) -> bool:
    """ "in May", "since May", "the end of May": not "Theresa May", "may meet", "May said"."""
    before = word_before(text, start).lower()
    if before in v.WORDS["may_intro"]:
        return True
    if before == "of":
        words = text.words(max(0, start - 40), start)
        return len(words) >= 2 and words[-2].lower() in v.WORDS["time_nouns"]
    return False


def may_is_a_name(text: Text, start: int) -> bool:
    # "Theresa May 2018"? No; but "Prime Minister May 2019 deadline" is rare enough: only
    # a capitalised word right before marks the name.
    before = word_before(text, start)
    return bool(before) and before[0].isupper() and before.lower() not in v.WORDS["date_intro"]


def month_is_a_name(text: Text, start: int, end: int) -> bool:
    """ "April Ryan", "the Women's March": a capitalised word touches the month name."""
    before = word_before(text, start)
    if before.lower() in v.WORDS["date_intro"]:
        return False
    if word_after(text, end)[:1].isupper():
        return True
    return bool(before) and before[0].isupper() and not starts_sentence(text, start)
