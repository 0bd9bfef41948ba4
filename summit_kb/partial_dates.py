"""Dates known to a day, a month or a year.

The database stores a partial date as the first day of its period plus a precision
(``2018-06-01`` + ``month`` is "June 2018"), so it sorts and filters like a date;
extraction speaks ISO strings cut to their precision (``"2018-06"``).
"""

from __future__ import annotations

import datetime as dt

from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


def parse_partial_date(value: str) -> tuple[dt.date, Precision]:
    """``"2018-07-16"`` → (2018-07-16, day); ``"2018-06"`` → (2018-06-01, month); ``"2014"`` → year.

    Raises ValueError with a readable message for anything else.
    """
    parts = value.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            return dt.date(*numbers), Precision.DAY
        if len(numbers) == 2:
            return dt.date(numbers[0], numbers[1], 1), Precision.MONTH
        if len(numbers) == 1 and len(parts[0]) == 4:
            return dt.date(numbers[0], 1, 1), Precision.YEAR
    except ValueError:
        pass
    raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.")


def period_end(day: dt.date, precision: str) -> dt.date:
    """The last day of the period: (2018-06-01, month) → 2018-06-30."""
    if precision == Precision.YEAR:
        return dt.date(day.year, 12, 31)
    if precision == Precision.MONTH:
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return day


def period_of(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date covers: "2018-07" → (2018-07-01, 2018-07-31).

    Raises ValueError with a readable message (also for "2018-13-40").
    """
    day, precision = parse_partial_date(value)
    return day, period_end(day, precision)


def format_partial_date(day: dt.date | None, precision: str | None) -> str:
    """Honest display: "16 July 2018", "June 2018", "2014"; never a made-up day."""
    if day is None:
        return ""
    if precision == Precision.YEAR:
        return f"{day.year}"
    if precision == Precision.MONTH:
        return day.strftime("%B %Y")
    return f"{day.day} {day.strftime('%B %Y')}"


def iso_partial_date(day: dt.date | None, precision: str | None) -> str | None:
    """The ISO string cut to the precision: "2018-07-16", "2018-06", "2014"."""
    if day is None:
        return None
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def first_of_period(date_field: str, precision_field: str) -> models.Q:
    """A check-constraint condition: a month date is the 1st, a year date is 1 January."""
    day, month = f"{date_field}__day", f"{date_field}__month"
    return (
        models.Q(**{precision_field: Precision.DAY})
        | models.Q(**{precision_field: Precision.MONTH, day: 1})
        | models.Q(**{precision_field: Precision.YEAR, day: 1, month: 1})
    )
