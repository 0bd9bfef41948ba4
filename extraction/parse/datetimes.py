"""Publication dates and times as datelines print them: "June 28, 2018, 12:30 PM UTC"."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from extraction import lexicon

_VOCABULARY = lexicon.load("parse")
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_VOCABULARY["months"], start=1) for name in names
}
# Fixed offsets of the zone names news sites print; the US "ET"/"PT" names change with
# daylight saving time, so they go through the tz database.
ZONE_HOURS: dict[str, int] = dict(_VOCABULARY["zone_hours"])
_ZONE_REGIONS: dict[str, str] = dict(_VOCABULARY["zone_regions"])
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
# Five spellings of a full date (a dateline always has the year): "June 28, 2018",
# "28 June 2018", numeric "07/17/2018" (US order; read day first only when the first
# number cannot be a month), dotted "15.07.2018" (European order, always day first) and
# ISO "2018-06-28T12:30:00Z".
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>{_YEAR})\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b"
    rf"|(?<![\d/.])(?P<n1>\d{{1,2}})/(?P<n2>\d{{1,2}})/(?P<y3>{_YEAR})\b"
    rf"|(?<![\d/.])(?P<e1>\d{{1,2}})\.(?P<e2>\d{{1,2}})\.(?P<y4>{_YEAR})\b"
    rf"|\b(?P<iso>{_YEAR}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?"
    r"(?:Z|[+-]\d\d:?\d\d)?)?)(?![\d:])",
    re.IGNORECASE,
)
# "12:30 PM", "5:02 a.m.", "09.30", "5 pm", then an optional zone name and/or offset.
_TIME = re.compile(
    r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?(?::(?P<s>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
    r"(?:\s*(?P<zone>UTC|GMT|Z|[ECMP][SD]T|[ECMP]T|BST|CES?T|EES?T|MSK|WES?T)\b)?"
    r"(?:\s*(?P<off>[+-]\d{1,2}(?::?\d\d)?))?",
    re.IGNORECASE,
)


def _region(name: str) -> dt.tzinfo | None:
    try:
        return ZoneInfo(_ZONE_REGIONS[name])
    except (ZoneInfoNotFoundError, KeyError):
        return None


_REGIONS = {name: _region(name) for name in _ZONE_REGIONS}


def _find_datetime(text: str) -> tuple[dt.datetime, re.Match[str]] | None:
    """The first full date in ``text`` with the time and zone written next to it.

    No time gives midnight UTC; a time without a zone is read as UTC, which keeps the day.

    >>> _find_datetime("Updated on July 16, 2018 at 5:02 AM EDT")[0].isoformat()
    '2018-07-16T05:02:00-04:00'
    """
    for match in _DATE.finditer(text):
        if match["iso"]:
            found = _iso_datetime(match["iso"])
            if found:
                return found, match
            continue
        try:
            day = _match_date(match)
        except ValueError:
            continue
        following = _DATE.search(text, match.end())
        after = text[match.end() : following.start() if following else len(text)]
        time = _find_time(after) or _find_time(text[: match.start()])
        return _combine(day, time), match
    return None


def _match_date(match: re.Match[str]) -> dt.date:
    """The day a non-ISO ``_DATE`` match names; ValueError when there is no such day.

    >>> us, european = _DATE.search("07/17/2018 06:59 AM EDT"), _DATE.search("17/07/2018")
    >>> _match_date(us), _match_date(european)
    (datetime.date(2018, 7, 17), datetime.date(2018, 7, 17))
    >>> _match_date(_DATE.search("Date 05.07.2018"))
    datetime.date(2018, 7, 5)
    """
    if match["y4"]:
        return dt.date(int(match["y4"]), int(match["e2"]), int(match["e1"]))
    if match["y3"]:
        first, second = int(match["n1"]), int(match["n2"])
        month, day_of_month = (second, first) if first > 12 else (first, second)
        return dt.date(int(match["y3"]), month, day_of_month)
    month = MONTHS.get((match["m1"] or match["m2"]).lower().rstrip("."))
    year, day_of_month = int(match["y1"] or match["y2"]), int(match["d1"] or match["d2"])
    return dt.date(year, month or 0, day_of_month)


def _find_time(text: str) -> tuple[int, int, int, dt.tzinfo | None] | None:
    for match in _TIME.finditer(text):
        if match["mi"] is None and match["ampm"] is None:
            continue  # a bare number ("16") is not a time
        hour = int(match["h"])
        if match["ampm"]:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
        return hour, int(match["mi"] or 0), int(match["s"] or 0), _zone(match)
    return None


def _zone(match: re.Match[str]) -> dt.tzinfo | None:
    offset = dt.timedelta()
    if match["off"]:
        sign = -1 if match["off"][0] == "-" else 1
        digits = match["off"][1:].replace(":", "")
        hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        offset = sign * dt.timedelta(hours=int(hours), minutes=int(minutes))
    name = (match["zone"] or "").upper()
    if name in _REGIONS:
        return _REGIONS[name]
    if name in ZONE_HOURS:
        return dt.timezone(dt.timedelta(hours=ZONE_HOURS[name]) + offset)
    return dt.timezone(offset) if match["off"] else None


def _combine(day: dt.date, time: tuple[int, int, int, dt.tzinfo | None] | None) -> dt.datetime:
    if time is None:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    hour, minute, second, zone = time
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone or dt.UTC)


def _first_datetime(text: str) -> dt.datetime | None:
    found = _find_datetime(text)
    return found[0] if found else None


def _iso_datetime(value: str) -> dt.datetime | None:
    """An ISO 8601 date or date-time, made time-zone aware (UTC when it names no zone)."""
    try:
        parsed = dt.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
