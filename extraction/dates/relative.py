"""The "relative_day", "relative_week" and "relative_month" strategies.

"yesterday", "tonight", "three days ago"; "last week", "earlier this week"; "earlier
this month", "next month". Each counts from the publication date; a week is said at
the finest precision that holds all of it, never as a made-up day.

>>> from extraction.dates import find_dates
>>> [(m.expression, m.date, m.precision) for m in find_dates(
...     "Two days ago the envoys met; they meet again next week.", published=dt.date(2018, 7, 12))]
[('Two days ago', '2018-07-10', 'day'), ('next week', '2018-07', 'month')]
"""

from __future__ import annotations

import datetime as dt
import re

from extraction.dates import vocabulary as v
from extraction.dates.reading import normal
from extraction.dates.resolve import (
    Outcome,
    Refusal,
    count,
    found,
    relative_refusal,
    shift_month,
    shift_of,
    span_found,
)
from extraction.dates.tense import Context


def relative_day(m: re.Match[str], ctx: Context) -> Outcome:
    if refusal := relative_refusal(m, ctx):
        return refusal
    assert ctx.published is not None
    phrase = normal(m.group())
    if phrase == "today" and _is_nowadays(m, ctx):
        return Refusal("Today opening a sentence with no verb of a happening is nowadays")
    if phrase.split()[0] in v.WITH_PART_OF_DAY:
        phrase = phrase.split()[0]  # "yesterday afternoon" is yesterday
    day = ctx.published + dt.timedelta(days=v.DAY_OFFSETS[phrase])
    return found(m, day.isoformat(), "day")


def _is_nowadays(m: re.Match[str], ctx: Context) -> bool:
    """ "Today, the alliance is larger than ever": at the head of a general sentence
    "today" means nowadays. It is the day only when a verb of the clause points at one
    happening ("Today, Trump flies to Helsinki", "Today the envoys met"), or as a
    possessive ("Today's talks").

    >>> from extraction.dates import find_dates
    >>> find_dates("Today, few diplomats believe in a reset.", published=dt.date(2018, 6, 28))
    ()
    """
    if m.group()[0] != "T" or ctx.body[m.end() : m.end() + 2] in ("’s", "'s"):
        return False
    return ctx.tense(m.start(), m.end()) is None


def days_ago(m: re.Match[str], ctx: Context) -> Outcome:
    if refusal := relative_refusal(m, ctx):
        return refusal
    assert ctx.published is not None
    day = ctx.published - dt.timedelta(days=count(m["da_n"]))
    return found(m, day.isoformat(), "day")


def relative_week(m: re.Match[str], ctx: Context) -> Outcome:
    if refusal := relative_refusal(m, ctx):
        return refusal
    published = ctx.published
    assert published is not None
    phrase = normal(m.group())
    shift = dt.timedelta(weeks=shift_of(phrase))
    if phrase.endswith("weekend"):
        # "this weekend" is the coming Saturday and Sunday, or the one under way.
        saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7)
        if published.weekday() == 6:
            saturday = published - dt.timedelta(days=1)
        return span_found(m, saturday + shift, saturday + shift + dt.timedelta(days=1))
    first = _week_start(published) + shift
    last = first + dt.timedelta(days=6)
    if phrase == "earlier this week" and published > first:
        last = published - dt.timedelta(days=1)
    elif phrase == "later this week" and published < last:
        first = published + dt.timedelta(days=1)
    return span_found(m, first, last)


def weeks_ago(m: re.Match[str], ctx: Context) -> Outcome:
    if refusal := relative_refusal(m, ctx):
        return refusal
    assert ctx.published is not None
    first = _week_start(ctx.published) - dt.timedelta(weeks=count(m["wa_n"]))
    return span_found(m, first, first + dt.timedelta(days=6))


def _week_start(day: dt.date) -> dt.date:
    # Weeks run Sunday to Saturday, as in the American calendar most English-language
    # coverage of the story follows: in a Sunday paper "last week" is the week that has
    # just ended and "this week" the one that starts.
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def relative_month(m: re.Match[str], ctx: Context) -> Outcome:
    if refusal := relative_refusal(m, ctx):
        return refusal
    assert ctx.published is not None
    year, month = shift_month(ctx.published, shift_of(m.group()))
    return found(m, f"{year}-{month:02d}", "month")


def months_ago(m: re.Match[str], ctx: Context) -> Outcome:
    if refusal := relative_refusal(m, ctx):
        return refusal
    assert ctx.published is not None
    year, month = shift_month(ctx.published, -count(m["ma_n"]))
    return found(m, f"{year}-{month:02d}", "month")
