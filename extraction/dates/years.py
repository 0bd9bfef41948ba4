"""The "month" and "year" strategies: a month without its day, a year, a season.

"in March", "a March phone call", "early March", "March this year"; "2014", "last
year", "2017-18", "this spring". A month without a year takes the year the clause's
tense implies; a season of this year is three months that no single month stands
for, so it resolves to the publication year at year precision, true if coarse.
"This winter" runs from December into the next year: refused rather than given
either year. "The fall of Aleppo", "this fall in prices" are no seasons.
"""

from __future__ import annotations

import re

from extraction.dates.explicit import month_tense, month_year
from extraction.dates.resolve import (
    Found,
    Outcome,
    Refusal,
    count,
    found,
    is_count,
    may_is_a_month,
    month_is_a_name,
    month_number,
    relative_refusal,
    shift_of,
)
from extraction.dates.tense import Context, present_verb_before

_YEAR_SHIFTS = {"last": -1, "next": 1}


def month(m: re.Match[str], ctx: Context) -> Outcome:
    name_start, name_end = m.span("mo_name")
    number = month_number(m["mo_name"])
    modifier = (m["mo_mod"] or "").lower()
    if not modifier:
        if number == 5 and not may_is_a_month(ctx.text, name_start):
            return Refusal("May without a date word around it is a verb or a name")
        if month_is_a_name(ctx.text, name_start, name_end):
            return Refusal("a month name inside a name")
    if ctx.published is None:
        return Refusal("a month without a year needs the publication date")
    if m["mo_year"]:  # "in March this year", "in July last year": the year is given
        year = ctx.published.year + _YEAR_SHIFTS.get(m["mo_year"].lower(), 0)
        return found(m, f"{year}-{number:02d}", "month")
    tense = None if modifier in ("last", "next", "this") else month_tense(ctx, m.start(), m.end())
    if (
        tense != "future"
        and not modifier
        and ctx.clause_tense(m.start(), m.end()) is None
        and present_verb_before(ctx.text, m.start())
    ):
        # "Roe faces a vote in November", "Roe, who faces a vote in November, said …":
        # a present said of a month in its own clause is of the coming one.
        tense = "future"
    year = month_year(ctx.published, number, tense, modifier=modifier or None)
    return found(m, f"{year}-{number:02d}", "month")


def relative_year(m: re.Match[str], ctx: Context) -> Outcome:
    if refusal := relative_refusal(m, ctx):
        return refusal
    assert ctx.published is not None
    return found(m, str(ctx.published.year + shift_of(m.group())), "year")


def season(m: re.Match[str], ctx: Context) -> Outcome:
    """ "this spring" -> the publication year, at year precision (see the module doc).

    >>> import datetime as dt
    >>> from extraction.dates import find_dates
    >>> [(d.date, d.precision) for d in find_dates("Talks resume this autumn.",
    ...     published=dt.date(2018, 7, 14))]
    [('2018', 'year')]
    """
    if refusal := relative_refusal(m, ctx):
        return refusal
    assert ctx.published is not None
    if m["se_name"].lower() == "winter":
        return Refusal("this winter runs into the next year: no single year holds it")
    return found(m, str(ctx.published.year), "year")


def years_ago(m: re.Match[str], ctx: Context) -> Outcome:
    if refusal := relative_refusal(m, ctx):
        return refusal
    assert ctx.published is not None
    return found(m, str(ctx.published.year - count(m["ya_n"])), "year")


def year(m: re.Match[str], ctx: Context) -> Outcome:
    first_start, first_end = m.span("yr_start")
    modified = first_start != m.start()  # "early 2018", "mid-2017"
    if not modified and is_count(ctx.text, first_start, first_end, intro_ok=True):
        return Refusal("a count, a measure or a label, not a year")
    first = int(m["yr_start"])
    if not m["yr_end"]:
        return found(m, str(first), "year")
    tail = m["yr_end"]
    last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    if last <= first:
        # "2018-07" is not a range of years; keep the year alone.
        return Found(m.start(), first_end, str(first), "year")
    return found(m, str(first), "year", str(last))
