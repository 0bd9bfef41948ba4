"""The "explicit" strategy: a date written with its day or its month and year.

"July 16", "16 July 2018", "Monday, July 16", "2018-07-16", "June 2018", "mid-July".
A day or a month without its year takes the year the clause's tense implies.

>>> from extraction.dates import find_dates
>>> july = dt.date(2018, 7, 1)
>>> [(m.expression, m.date) for m in find_dates("They met on 3 August.", published=july)]
[('3 August', '2017-08-03')]
"""

from __future__ import annotations

import datetime as dt
import re

from extraction.dates.happening import event_governor
from extraction.dates.resolve import (
    Found,
    Outcome,
    Refusal,
    found,
    is_count,
    make_date,
    may_is_a_name,
    month_number,
    weekday_number,
)
from extraction.dates.tense import Context, Tense

# How far back a day looked ahead to may lie: news reports it a day or two after.
_JUST_GONE = dt.timedelta(days=2)


def iso(m: re.Match[str], ctx: Context) -> Outcome:
    day = make_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if day is None:
        return Refusal("no such day")
    return found(m, day.isoformat(), "day")


def month_day(m: re.Match[str], ctx: Context) -> Outcome:
    """ "July 16", "Monday, July 16, 2018", "July 11-12", "December 30-January 2"."""
    return _written_day(m, ctx, "md")


def day_month(m: re.Match[str], ctx: Context) -> Outcome:
    """ "16 July", "Monday 16 July 2018", "11–12 July"."""
    return _written_day(m, ctx, "dm")


def _written_day(m: re.Match[str], ctx: Context, key: str) -> Outcome:
    """A day written with its month, the groups of the match named ``<key>_day`` etc."""
    end = m.end()
    year = m[f"{key}_year"]
    if year and is_count(ctx.text, m.start(f"{key}_year"), m.end(f"{key}_year"), intro_ok=False):
        # "On July 16, 2000 protesters marched": the number counts protesters.
        year, end = None, m.end(f"{key}_days")
    # Only "July 11-August 2" names the month twice.
    month2 = m[f"{key}_month2"] if f"{key}_month2" in m.re.groupindex else None
    day2 = m[f"{key}_day2"]
    return _explicit_day(
        ctx,
        m.start(),
        end,
        month=month_number(m[f"{key}_month"]),
        day=int(m[f"{key}_day"]),
        year=int(year) if year else None,
        weekday=weekday_number(m[f"{key}_wd"]),
        end_month=month_number(month2) if month2 else None,
        end_day=int(day2) if day2 else None,
    )


def mid_month(m: re.Match[str], ctx: Context) -> Outcome:
    month = month_number(m["mm_month"])
    if m["mm_year"]:
        return found(m, f"{m['mm_year']}-{month:02d}", "month")
    # "mid-July" is one word naming a part of a month: explicit, its year from the tense.
    if ctx.published is None:
        return Refusal("a month without a year needs the publication date")
    year = month_year(ctx.published, month, month_tense(ctx, m.start(), m.end()), modifier=None)
    return found(m, f"{year}-{month:02d}", "month")


def month_tense(ctx: Context, start: int, end: int) -> Tense:
    """The tense of a month named without its year: the clause's, unless the month
    dates a happening that is looked ahead to ("ahead of a summit in July") or talked
    of ("said the summit in July …"), which the verb around it does not date."""
    tense = ctx.tense(start, end)
    if tense == "future":
        return tense
    governor = event_governor(ctx.text, start, link="in", reporting=True)
    return "future" if governor == "ahead" else None if governor == "talk" else tense


def month_and_year(m: re.Match[str], ctx: Context) -> Outcome:
    month = month_number(m["my_month"])
    if month == 5 and may_is_a_name(ctx.text, m.start("my_month")):
        return Refusal("May is a name here")
    return found(m, f"{m['my_year']}-{month:02d}", "month")


def _explicit_day(
    ctx: Context,
    start: int,
    end: int,
    *,
    month: int,
    day: int,
    year: int | None,
    weekday: int | None,
    end_month: int | None,
    end_day: int | None,
) -> Outcome:
    if year is not None:
        first = make_date(year, month, day)
    elif ctx.published is None:
        return Refusal("a day without a year needs the publication date")
    else:
        tense = ctx.tense(start, end)
        governor = None if tense == "future" else event_governor(ctx.text, start, reporting=True)
        if governor == "ahead":
            # "preparations for the meeting in Helsinki on July 16": what is prepared
            # for lies ahead, or at most a day or two back, as news tells it.
            first = _month_day_date(ctx.published - _JUST_GONE, month, day, weekday, "future")
        else:
            # A named day talked of ("said the summit on July 16 …") is the happening's
            # own: the nearest such day, whatever the tense of the talk.
            tense = None if governor == "talk" else tense
            first = _month_day_date(ctx.published, month, day, weekday, tense)
    if first is None:
        return Refusal("no such day")
    last = None
    if end_day is not None:
        last_month = end_month or month
        # "December 30-January 2" runs into the next year.
        last = make_date(first.year + (last_month < month), last_month, end_day)
        if last is not None and last <= first:
            last = None  # not a range we can read; the first day stands alone
    return Found(start, end, first.isoformat(), "day", last.isoformat() if last else None)


def _month_day_date(
    published: dt.date, month: int, day: int, weekday: int | None, tense: Tense
) -> dt.date | None:
    """The year for a month and day written without one.

    A weekday written with it ("Monday, July 16") picks the year where it fits; else
    the tense does (past: the latest on or before publication; future: the first on or
    after it); else the nearest to publication, the past on a tie.
    """
    candidates = [
        d
        for y in (published.year - 1, published.year, published.year + 1)
        if (d := make_date(y, month, day))
    ]
    if weekday is not None:
        fitting = [d for d in candidates if d.weekday() == weekday]
        if len(fitting) == 1:
            return fitting[0]
    past = [d for d in candidates if d <= published]
    future = [d for d in candidates if d >= published]
    if tense == "past" and past:
        return past[-1]
    if tense == "future" and future:
        return future[0]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - published).days), d > published))


def month_year(published: dt.date, month: int, tense: Tense, *, modifier: str | None) -> int:
    """The year of a month written without one ("in March", "last March")."""
    year = published.year
    if modifier == "this":
        return year
    if modifier == "last":
        return year if month < published.month else year - 1  # strictly before this month
    if modifier == "next":
        return year if month > published.month else year + 1
    if tense == "past":
        return year if month <= published.month else year - 1
    if tense == "future":
        return year if month >= published.month else year + 1
    # No tense: the nearest such month, the past one on a tie.
    back = (published.month - month) % 12
    return year - (month > published.month) if back <= 6 else year + (month < published.month)
