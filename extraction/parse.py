"""Step 2 of the pipeline: a raw .txt, .html or .json article in, a ``Document`` out.

    >>> doc = parse_document(
    ...     "World NewsPoliticsBusinessOpinion\\n\\n"
    ...     "Envoys Agree to Meet at a Lakeside Villa\\n\\n"
    ...     "By Marta Lindqvist | Northern Ledger\\n\\n"
    ...     "July 2, 2018, 9:15 AM UTC\\n\\n"
    ...     "Two envoys agreed on Monday to hold talks at a lakeside villa later this month.\\n"
    ... )
    >>> doc.headline, doc.byline, doc.outlet, doc.published.isoformat()
    ('Envoys Agree to Meet at a Lakeside Villa', 'Marta Lindqvist', 'Northern Ledger', \
'2018-07-02T09:15:00+00:00')
    >>> doc.body
    'Two envoys agreed on Monday to hold talks at a lakeside villa later this month.'

Plain text is read with general rules about how pasted web articles look (navigation, then
a headline, a dateline and a byline, then the body, then a footer). HTML goes through
trafilatura. A JSON record carries its own metadata, which wins over what the text says.
Bad input of any kind raises ``DocumentError`` with a sentence a person understands.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import lxml.html
import trafilatura
from lxml import etree

from extraction.results import Document

log = logging.getLogger(__name__)

Format = Literal["text", "html", "json"]
_Kind = Literal["nav", "boilerplate", "dateline", "byline", "credit", "paragraph", "title", "other"]

# A news article is a few tens of KB; anything far bigger is a wrong file, and refusing it
# keeps a worker from spending minutes on it.
MAX_BYTES = 10_000_000


class DocumentError(ValueError):
    """A message a person understands: 'The file is empty.', 'The file is not UTF-8 text ...'"""


# --------------------------------------------------------------------------- public API


def parse_document(raw: bytes | str, *, filename: str | None = None) -> Document:
    """Parse a .txt, .html or .json article; the format comes from ``filename`` or the content.

    >>> parse_document(b"Talks Set for July\\n\\n16 July 2018\\n\\nThe two sides agreed to meet.")
    ... # doctest: +NORMALIZE_WHITESPACE
    Document(body='The two sides agreed to meet.', headline='Talks Set for July',
             published=datetime.datetime(2018, 7, 16, 0, 0, tzinfo=datetime.timezone.utc),
             outlet=None, byline=None, url=None)
    """
    hinted = _format_from_filename(filename)
    text = _decode(raw, html_hint=hinted == "html")
    fmt = hinted or _format_from_content(text)
    if fmt == "json":
        return parse_record(_load_json(text))
    if fmt == "html":
        return _parse_html(text)
    return _parse_text(text)


def parse_record(record: dict) -> Document:
    """Parse a JSON record ``{"text"|"html", "headline", "url", "outlet", "published", "byline"}``.

    The record's own fields win over what is found in the text.

    >>> doc = parse_record({"text": "Envoys Meet in Turku\\n\\nThe envoys met in Turku on Monday.",
    ...                     "published": "2018-07-02", "outlet": "Northern Ledger"})
    >>> doc.headline, doc.outlet, doc.published.isoformat()
    ('Envoys Meet in Turku', 'Northern Ledger', '2018-07-02T00:00:00+00:00')
    """
    if not isinstance(record, dict):
        raise DocumentError('The JSON record must be an object with a "text" or "html" field.')
    fields = {name: _record_string(record, name) for name in _RECORD_FIELDS}
    if fields["text"] and fields["text"].strip():
        found = _parse_text(_clean_text(fields["text"]))
    elif fields["html"] and fields["html"].strip():
        found = _parse_html(_clean_text(fields["html"]))
    else:
        raise DocumentError('The JSON record has neither a "text" nor an "html" field with text.')
    published = _record_published(record.get("published"))
    return Document(
        body=found.body,
        headline=_plain(fields["headline"]) or found.headline,
        published=published or found.published,
        outlet=_plain(fields["outlet"]) or found.outlet,
        byline=_plain(fields["byline"]) or found.byline,
        url=(fields["url"] or "").strip() or found.url,
    )


# --------------------------------------------------------------------------- format and decoding

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
}
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|h1)\b",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# C0 control characters other than tab, newline, form feed and carriage return: text
# editors do not write them, binary formats are full of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_RECORD_FIELDS = ("text", "html", "headline", "url", "outlet", "byline")


def _format_from_filename(filename: str | None) -> Format | None:
    if not filename:
        return None
    return _EXTENSIONS.get(PurePath(filename).suffix.lower())


def _format_from_content(text: str) -> Format:
    head = text.lstrip()
    if head.startswith("{") or (head.startswith("[") and head.rstrip().endswith("]")):
        return "json"
    if _HTML_START.match(text[:4000]):
        return "html"
    return "text"


def _decode(raw: bytes | str, *, html_hint: bool) -> str:
    """Bytes to text: a BOM decides, else UTF-8, else an HTML page's declared charset."""
    if isinstance(raw, str):
        if len(raw) > MAX_BYTES:
            raise DocumentError("The file is too large for a news article (over 10 MB).")
        return _clean_text(raw)
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise DocumentError("The document must be bytes or text.")
    raw = bytes(raw)
    if len(raw) > MAX_BYTES:
        raise DocumentError("The file is too large for a news article (over 10 MB).")
    if raw.startswith(codecs.BOM_UTF8):
        return _clean_text(_decode_as(raw[len(codecs.BOM_UTF8) :], "utf-8"))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _clean_text(_decode_as(raw, "utf-16"))
    if b"\x00" in raw:
        raise DocumentError("The file looks binary, not text: it contains NUL bytes.")
    try:
        return _clean_text(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        looks_html = html_hint or _HTML_START.match(raw[:4000].decode("latin-1"))
        declared = _declared_charset(raw) if looks_html else None
        if declared:
            return _clean_text(_decode_as(raw, declared))
        raise DocumentError(
            f"The file is not UTF-8 text: byte 0x{raw[err.start]:02x} at position {err.start} "
            "cannot be read."
        ) from None


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:8192])
    if not match:
        return None
    try:
        return codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None


def _decode_as(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise DocumentError(
            f"The file is not valid {encoding} text: byte 0x{raw[err.start]:02x} at position "
            f"{err.start} cannot be read."
        ) from None


def _clean_text(text: str) -> str:
    """Drop a BOM, refuse binary, and normalise every line ending to a single ``\\n``."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise DocumentError("The file looks binary, not text: it contains NUL bytes.")
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise DocumentError("The file looks binary, not text: it is full of control characters.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
    if not text.strip():
        raise DocumentError("The file is empty.")
    return text


def _load_json(text: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DocumentError(
            f"The file is not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}."
        ) from None
    except RecursionError:
        raise DocumentError("The file is not valid JSON: it is nested too deeply.") from None
    if not isinstance(data, dict):
        raise DocumentError('The JSON file must hold one object with a "text" or "html" field.')
    return data


def _record_string(record: dict, name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise DocumentError(f'The JSON record\'s "{name}" must be text, not {type(value).__name__}.')


def _record_published(value: Any) -> dt.datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        found = _iso_datetime(value.strip()) or _first_datetime(value)
        if found:
            return found
    raise DocumentError(f'The JSON record\'s "published" is not a date: {str(value)[:40]!r}.')


# --------------------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
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
# Fixed offsets of the zone names news sites print; the US "ET"/"PT" names change with
# daylight saving time, so they go through the tz database.
_ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "EDT": -4, "EST": -5, "CDT": -5, "CST": -6,
    "MDT": -6, "MST": -7, "PDT": -7, "PST": -8,
}  # fmt: skip
_ZONE_REGIONS = {"ET": "America/New_York", "CT": "America/Chicago",
                 "MT": "America/Denver", "PT": "America/Los_Angeles"}  # fmt: skip


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
    month = _MONTHS.get((match["m1"] or match["m2"]).lower().rstrip("."))
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
    if name in _ZONE_HOURS:
        return dt.timezone(dt.timedelta(hours=_ZONE_HOURS[name]) + offset)
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


# --------------------------------------------------------------------------- plain text

_WORD = re.compile(r"\S+")
_HAS_WORD = re.compile(r"[^\W_]")
_LINE = re.compile(r"[^\n]+")
# A run-together menu: several words glued lowercase-to-capital ("ResignationDiversity").
_GLUED = re.compile(r"[a-z]{3}[A-Z]")
_MENU_SEPARATORS = re.compile(r"\s[|•·›»>/]\s|\s[|•·›»]|[|•·›»]\s")
_BOILERPLATE = re.compile(
    r"^\W*(?:share(?:\s+(?:this|on|via|the|article|story|page)\b.*)?|tweet|email|print|save"
    r"|subscribe\b.*|sign\s+(?:in|up)\b.*|log\s*in\b.*|register\b.*|newsletters?\b.*"
    r"|advertisement|sponsored(?:\s+content)?|skip\s+to\b.*|menu|search|close|home"
    r"|listen(?:\s+to\s+(?:this\s+)?(?:article|story))?\b.*|\d+\s+min(?:ute)?s?\s+read"
    r"|gift\s+(?:this\s+)?article|follow\s+us\b.*|open\s+in\s+app|accept(?:\s+all)?\s+cookies?"
    r"|(?:photo(?:grapher)?|photograph|image|picture|illustration|video|credit)s?\s*:.*"
    r".*\bgetty\s+images\b.*|.*\(ap\s+photo\b.*|comments?|\d+\s+comments?"
    r"|read\s+more\b.*|more\s+from\b.*|most\s+(?:read|popular)\b.*|trending\b.*"
    r"|related(?:\s+(?:articles?|stories|coverage|content|news))?\s*:?)\W*$",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^\W*(?:read\s+(?:more|next)\b|more\s+(?:from|on)\b|related\s*(?::|(?:articles?|stories|"
    r"coverage)\b)|most\s+(?:read|popular)\b|recommended\b|subscribe\b|sign\s+(?:in|up)\b"
    r"|log\s*in\b|follow\s+(?:us|\S+(?:\s+\S+)?\s+on)\b|share\s+(?:this|on|via)\b"
    r"|©|\(c\)\s|copyright\b|all\s+rights\s+reserved|(?:additional\s+)?reporting\s+by\b"
    r"|editing\s+by\b|writing\s+by\b|compiled\s+by\b|with\s+assistance\s+from\b|to\s+contact\b"
    r"|contact\s+the\s+(?:reporter|author|editor)|write\s+to\b|have\s+a\s+(?:confidential\s+)?tip"
    r"|advertisement\b|this\s+(?:article|story)\s+(?:was|has\s+been|first|originally)\b"
    r"|our\s+standards\b|click\s+here\b|tags?\s*:|topics?\s*:|filed\s+under\b|newsletters?\b"
    r"|don'?t\s+miss\b|watch\s*:|video\s*:)"
    r"|.*\bcontributed\s+(?:to\s+)?(?:this\s+|the\s+)?(?:report|story|article|reporting)\b"
    r"|.*(?:©|\ball\s+rights\s+reserved\b)",
    re.IGNORECASE,
)
# Notes and credits that only close a story, never stand inside one: "Update: This story
# was updated to add…", "Correction: An earlier version…", "Nordic Morning is written by
# Jane Doe and John Roe." Read only at the end (see _is_footer): a live blog's "Update:
# Trump has landed" between its entries is body.
_CLOSING_NOTE = re.compile(
    r"\W*(?i:updates?|updated|corrections?|clarifications?|editor['’]?s\s+note)\s*:"
    r"|[A-Z][\w’'&.\- ]{0,60}?\s+(?:is|are)\s+(?:written|edited|compiled|produced|curated)"
    r"\s+by\s+[A-Z]"
)
# Words a dateline may hold beside the date itself ("Updated on ... at ...", "2 hours ago").
_DATELINE_FILLER = frozenset(
    re.findall(
        r"\w+",
        """updated published posted first last modified edited on at am pm a m p utc gmt et
        pt ct mt z hours hour minutes minute mins min ago read days day by and mon tue tues wed
        thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday""",
    )
) | {name.lower() for name in _ZONE_HOURS}
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)
_NAME = r"[A-Z][\w'’.\-]*"
_NAME_PARTICLES = frozenset(
    re.findall(r"\w+", "de da di van von der den la le al bin dos del du ter")
)
_JOB_WORDS = frozenset(
    re.findall(
        r"\w+",
        """writer correspondent editor reporter contributor columnist analyst staff chief bureau
        producer journalist author senior deputy associate special contributing""",
    )
)
_LEAD_CREDIT = re.compile(
    r"^(?:[A-Z][\w .,'’\-]{0,60}?\s*)?\((?P<outlet>[A-Z][\w .&'’\-]{1,40})\)\s*[-–—]"
)
_SLASH_CREDIT = re.compile(r"^[A-Z][\w .,'’\-]{0,60}?\.\s*/(?P<outlet>[A-Z][\w .&'’\-]{1,30})/\.?")
_BY_LEAD = re.compile(
    r"(?i:(?:live\s+)?(?:updates?|coverage|reporting|words|text|analysis|story)\s+by\s+)(?=[A-Z])"
)
_PERSON_NAME = r"[A-Z][a-z’'\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'\-]+){1,2}?"
# "Jane Doe Political correspondent": a name, then a role that ends with a job word.
_NAME_THEN_ROLE = re.compile(
    rf"(?P<names>{_PERSON_NAME})\s+(?:[A-Za-z]+\s+){{0,3}}"
    r"(?i:writer|correspondent|editor|reporter|columnist|analyst|producer|journalist)"
)
# Two or more names and nothing else: "Jane Doe, John Roe", "Jane Doe and John Roe".
_NAMES_ONLY = re.compile(rf"{_PERSON_NAME}(?:(?:\s*,\s*|\s+and\s+){_PERSON_NAME})+")
# Names each followed by where the reporter filed from, British style:
# "Jane Doe in Moscow and John Roe in Washington".
_PLACE = r"[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+)?"
_NAME_IN_PLACE = rf"(?P<name>{_PERSON_NAME})\s+in\s+{_PLACE}"
_NAMES_IN_PLACES = re.compile(
    rf"{_NAME_IN_PLACE}(?:(?:\s*,\s*|\s+and\s+){_NAME_IN_PLACE.replace('?P<name>', '')})+"
)
_BIO_VERB = re.compile(r"(?:is|was|writes|covers|reports|teaches|has\s+been)\b")
_SECTION_LABEL = re.compile(
    r"(?i:opinion|analysis|comment|editorial|explainer|exclusive|live|perspective|review)"
    r"\s*[|:]\s+"
)
_COPYRIGHT = re.compile(
    r"^\W*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_CORPORATE = re.compile(
    r"(?:[\s,]+(?:L\.?P\.?|Inc\.?|Ltd\.?|LLC|Co\.|Corp\.?|plc|GmbH))+\s*$", re.IGNORECASE
)
_CLOSERS = "\"'”’)]»"
_MARKERS = ("dateline", "byline")
_HEADER_LINES = 60  # the header of a pasted article is never longer than this
_LOOKAHEAD = 5  # a standfirst is followed by its byline or dateline within a few lines
_FOOTER_LINES = 15


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str
    kind: _Kind


def _parse_text(text: str) -> Document:
    lines = _header_lines(text)
    start = _body_start(lines)
    header = lines[:start] if start is not None else []
    body_from = lines[start].start if start is not None else _first_content(text)
    body_to, footer = _body_end(text, body_from)
    body = text[body_from:body_to]
    if not _HAS_WORD.search(body):
        raise DocumentError("The file has no article text.")
    byline, outlet = _byline(header)
    cut = _cut_author_bio(text, body_from, body_to, byline)
    if cut != body_to:  # credits above the bio are footer too
        body_to, more = _body_end(text[:cut], body_from)
        footer += more
    body = text[body_from:body_to]
    return Document(
        body=body,
        headline=_section_label_dropped(_headline(header)),
        published=_published(header),
        outlet=outlet or _lead_outlet(body) or _copyright_outlet(footer),
        byline=byline,
    )


def _cut_author_bio(text: str, body_from: int, body_to: int, byline: str | None) -> int:
    """Where the body ends without a closing author bio: "Jane Doe is a senior fellow…".

    Only a last paragraph that opens with a name of the byline and a verb of description
    is cut; a story that happens to end on its author is rare, a bio is common.
    """
    if not byline:
        return body_to
    last = text.rfind("\n", body_from, body_to) + 1
    if last <= body_from:
        return body_to
    paragraph = text[last:body_to].lstrip("—–-* ")
    for name in re.split(r",\s*|\s+and\s+", byline):
        if name and paragraph.startswith(name + " ") and _BIO_VERB.match(paragraph, len(name) + 1):
            return _trim_end(text, last)
    return body_to


def _section_label_dropped(headline: str | None) -> str | None:
    """ "Opinion | The reset that never ends" -> "The reset that never ends"."""
    if headline is None:
        return None
    match = _SECTION_LABEL.match(headline)
    return headline[match.end() :] if match and match.end() < len(headline) else headline


def _first_content(text: str) -> int:
    return len(text) - len(text.lstrip())


def _header_lines(text: str) -> list[_Line]:
    """The first lines, each with its kind; a credit line is one right after a byline."""
    lines: list[_Line] = []
    previous: _Kind | None = None
    first_paragraph: int | None = None
    for start, end in _units(text):
        stripped = text[start:end]
        kind = _line_kind(" ".join(stripped.split()) if "\n" in stripped else stripped)
        if previous == "byline" and kind in ("title", "other") and _is_outlet_name(stripped):
            kind = "credit"
        lines.append(_Line(start, end, stripped, kind))
        previous = kind
        if kind == "paragraph" and first_paragraph is None:
            first_paragraph = len(lines) - 1
        # _body_start looks a few lines past the first paragraph, then for the next paragraph.
        past_lookahead = first_paragraph is not None and len(lines) > first_paragraph + _LOOKAHEAD
        if past_lookahead and kind == "paragraph":
            break
    return lines


def _units(text: str) -> list[tuple[int, int]]:
    """The first non-empty lines as spans; the lines of a hard-wrapped paragraph are one unit.

    A text wrapped at a fixed width (no line longer than 100 characters, several lines that
    fill the width and run on into the next) has paragraphs spread over lines; a line that
    fills the width continues on the next one.
    """
    spans: list[tuple[int, int]] = []
    followed: list[bool] = []  # is the next line non-empty?
    for match in _LINE.finditer(text):
        if len(spans) >= _HEADER_LINES:
            break
        stripped = match[0].strip()
        if not stripped:
            continue
        start = match.start() + match[0].index(stripped[0])
        if spans:
            followed[-1] = text.count("\n", spans[-1][1], start) == 1
        spans.append((start, start + len(stripped)))
        followed.append(False)
    width = max((end - start for start, end in spans), default=0)
    full = [
        end - start >= 0.75 * width and not _ends_sentence_at(text, end) for start, end in spans
    ]
    runs_on = sum(1 for f, n in zip(full, followed, strict=True) if f and n)
    if width > 100 or runs_on < 3:
        return spans
    units: list[tuple[int, int]] = []
    joining = False
    for (start, end), fills, next_follows in zip(spans, full, followed, strict=True):
        if joining:
            units[-1] = (units[-1][0], end)
        else:
            units.append((start, end))
        joining = fills and next_follows
    return units


def _ends_sentence_at(text: str, end: int) -> bool:
    return _ends_sentence(text[max(0, end - 40) : end])


def _body_start(lines: list[_Line]) -> int | None:
    """The first paragraph after the header; a dek above the dateline does not start the body.

    Datelines and bylines a few lines below the first paragraph-like line show that line was
    a standfirst, so the body starts at the first paragraph after them.
    """
    first = next((i for i, line in enumerate(lines) if line.kind == "paragraph"), None)
    if first is None:
        return None
    if first and _is_list_intro(lines[first - 1].text):
        first -= 1  # "Here is where things stand:" above a list belongs to the body
    window = lines[first + 1 : first + _LOOKAHEAD]
    markers = [first + 1 + i for i, line in enumerate(window) if line.kind in _MARKERS]
    if markers:
        later = next(
            (i for i in range(markers[-1] + 1, len(lines)) if lines[i].kind == "paragraph"), None
        )
        if later is not None:
            return later
    return first


def _is_list_intro(line: str) -> bool:
    return line.endswith(":") and len(_WORD.findall(line)) >= 6 and not _parse_byline(line)


def _body_end(text: str, body_from: int) -> tuple[int, list[str]]:
    """Where the body ends once a trailing footer (read more, copyright, credits) is cut."""
    end = _trim_end(text, len(text))
    footer: list[str] = []
    for _ in range(_FOOTER_LINES):
        line_start = text.rfind("\n", body_from, end) + 1
        if line_start <= body_from:
            break
        line = text[line_start:end].strip()
        if not _is_footer(line):
            break
        footer.append(line)
        end = _trim_end(text, line_start)
    return end, footer


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _is_footer(line: str) -> bool:
    if not line:
        return True
    words = len(_WORD.findall(line[:400]))
    if words <= 40 and (_FOOTER.match(line[:400]) or _CLOSING_NOTE.match(line[:400])):
        return True
    # Tags, link labels and signatures: a few words that do not end a sentence.
    return words <= 6 and not _ends_sentence(line)


def _line_kind(line: str) -> _Kind:
    if len(line) > 400:
        return "paragraph"
    words = _WORD.findall(line)
    if _parse_byline(line):
        return "byline"
    if _is_dateline(line):
        return "dateline"
    if _BOILERPLATE.match(line):
        return "boilerplate"
    if _is_menu(line, words):
        return "nav"
    if _is_paragraph(line, words):
        return "paragraph"
    if _is_title(line, words):
        return "title"
    return "other"


def _is_menu(line: str, words: list[str]) -> bool:
    if _ends_sentence(line):
        return False
    glued = len(_GLUED.findall(line))
    if glued >= 3 or (glued >= 2 and 2 * glued >= len(words)):
        return True
    return len(_MENU_SEPARATORS.findall(line)) >= 2


def _ends_sentence(line: str) -> bool:
    tail = line.rstrip(_CLOSERS)
    if not tail or tail[-1] not in ".!?…":
        return False
    # "U.S." or "Jr." at the end of a headline is an abbreviation, not a sentence end.
    last = tail[-12:].rsplit(None, 1)[-1].lstrip("\"'“‘(")
    if tail[-1] != "." or len(last) < 2:
        return True
    return not (last.count(".") > 1 or (len(last) <= 4 and last[0].isupper()))


def _is_paragraph(line: str, words: list[str]) -> bool:
    tail = line.rstrip(_CLOSERS)
    if len(words) >= 30:
        return True
    if tail.endswith((".", "…")) and _ends_sentence(line):
        return len(words) >= 6
    return tail.endswith(("?", "!")) and len(words) >= 15


def _is_title(line: str, words: list[str]) -> bool:
    if not 3 <= len(words) <= 30 or len(line) > 200:
        return False
    first = line.lstrip("\"'“‘")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    return not line.endswith((":", ",", ";")) and not _ends_sentence(line)


def _is_dateline(line: str) -> bool:
    if len(line) > 120:
        return False
    found = _find_datetime(line)
    if not found:
        return False
    rest = line[: found[1].start()] + " " + line[found[1].end() :]
    rest = _TIME.sub(" ", rest)
    extra = [w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() not in _DATELINE_FILLER]
    return len(extra) <= 2


def _published(header: list[_Line]) -> dt.datetime | None:
    """The first dateline that is not an update, else the first update."""
    updated: dt.datetime | None = None
    for line in header:
        if line.kind not in ("dateline", "byline"):
            continue
        found = _find_datetime(line.text)
        if not found:
            continue
        if _UPDATED.search(line.text[: found[1].start()]):
            updated = updated or found[0]
            continue
        return found[0]
    return updated


def _headline(header: list[_Line]) -> str | None:
    """The first title-like line of the run right above the dateline, else the first one."""
    dateline = next((i for i, line in enumerate(header) if line.kind == "dateline"), None)
    if dateline is not None:
        run: list[int] = []
        for i in range(dateline - 1, -1, -1):
            kind = header[i].kind
            if kind == "title":
                run.append(i)
            elif kind not in ("byline", "credit", "dateline"):
                break
        if run:
            return header[run[-1]].text
    return next((line.text for line in header if line.kind == "title"), None)


# --------------------------------------------------------------------------- bylines and outlets


@dataclass(frozen=True, slots=True)
class _Byline:
    names: str
    outlet: str | None


def _byline(header: list[_Line]) -> tuple[str | None, str | None]:
    for i, line in enumerate(header):
        if line.kind != "byline":
            continue
        found = _parse_byline(line.text)
        if found is None:
            continue
        outlet = found.outlet
        if outlet is None and i + 1 < len(header) and header[i + 1].kind == "credit":
            outlet = header[i + 1].text
        return found.names, outlet
    return None, None


def _parse_byline(line: str) -> _Byline | None:
    """A credit line: "By Jane Doe and John Roe", "Jane Doe | Reuters", "By JANE DOE, CNN".

    >>> _parse_byline("By Marta Lindqvist and Pekka Virtanen | Northern Ledger")
    _Byline(names='Marta Lindqvist and Pekka Virtanen', outlet='Northern Ledger')
    >>> _parse_byline("Marta Lindqvist in Helsinki and Pekka Virtanen in Moscow")
    _Byline(names='Marta Lindqvist and Pekka Virtanen', outlet=None)
    """
    if len(line) > 160:
        return None
    lead = _BY_LEAD.match(line)
    if lead:  # "Live updates by Jane Doe": the same credit as "By Jane Doe"
        line = "By " + line[lead.end() :]
    has_by = line[:3].lower() == "by " and line[3:4].isupper()
    if not has_by:
        role = _NAME_THEN_ROLE.fullmatch(line)
        if role:  # "Jane Doe Political correspondent"
            names = _names(role["names"], allow_single=False)
            return _Byline(names, None) if names else None
        if _NAMES_IN_PLACES.fullmatch(line):  # "Jane Doe in Moscow and John Roe in Rome"
            names = re.findall(rf"({_PERSON_NAME})\s+in\s+{_PLACE}", line)
            joined = _names(", ".join(names[:-1]) + " and " + names[-1], allow_single=False)
            return _Byline(joined, None) if joined else None
        if _NAMES_ONLY.fullmatch(line):  # "Jane Doe, John Roe" under the headline
            names = _names(line, allow_single=False)
            return _Byline(names, None) if names else None
    dated = _DATE.search(line)
    if dated:  # "By Jane Doe, June 28, 2018": the date is not part of the names
        line = line[: dated.start()].rstrip(" ,|/·•–—-")
    segments = [s.strip() for s in re.split(r"\s+[|/·•–—-]\s+|\s*\|\s*", line) if s.strip()]
    if not has_by and (len(segments) < 2 or "|" not in line):
        return None
    names_part = segments[0][3:].strip() if has_by else segments[0]
    tail = segments[1:]
    parts = [p.strip() for p in names_part.split(",") if p.strip()]
    if len(parts) >= 2 and " and " not in parts[-1] and (len(parts) == 2 or " and " in parts[-2]):
        tail.insert(0, parts.pop())  # "By Jane Doe, CNN": the last comma part is the credit
    names_part = re.split(r"\s+(?:in|at|for)\s+", ", ".join(parts), maxsplit=1)[0]
    names = _names(names_part, allow_single=has_by)
    if names is None:
        return None
    outlet = next((t for t in tail if _is_outlet_name(t)), None)
    return _Byline(names, outlet)


def _names(text: str, *, allow_single: bool) -> str | None:
    tokens = text.replace("&", " and ").split()
    if not tokens or len(tokens) > 14:
        return None
    people = [t for t in tokens if t.lower() not in _NAME_PARTICLES and t not in ("and", ",")]
    if not people or not all(re.fullmatch(_NAME + ",?", t) for t in people):
        return None
    if len(people) < 2 and not allow_single:
        return None
    if any(t.lower().strip(",") in _JOB_WORDS for t in people):
        return None
    # AP prints names in capitals ("By JANE DOE"); the register spells them "Jane Doe".
    return " ".join(t.title() if t.isupper() and len(t) > 2 else t for t in tokens)


def _is_outlet_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or any(c.isdigit() for c in text) or _ends_sentence(text):
        return False
    if any(w.lower() in _JOB_WORDS for w in words) or _BOILERPLATE.match(text):
        return False
    return all(w[:1].isupper() or w.lower() in ("of", "the", "and", "&") for w in words)


def _lead_outlet(body: str) -> str | None:
    """ "HELSINKI (Reuters) -" or "MOSCOW, July 17. /TASS/." at the start of the first
    paragraph names the outlet."""
    match = _LEAD_CREDIT.match(body[:200]) or _SLASH_CREDIT.match(body[:200])
    return match["outlet"].strip() if match and _is_outlet_name(match["outlet"]) else None


def _copyright_outlet(footer: list[str]) -> str | None:
    for line in footer:
        match = _COPYRIGHT.match(line)
        if not match:
            continue
        rest = re.split(r"\s*All rights reserved", match["rest"], flags=re.IGNORECASE)[0]
        rest = _CORPORATE.sub("", rest.strip(" ,")).strip(" .,")
        if _is_outlet_name(rest):
            return rest
    return None


# --------------------------------------------------------------------------- HTML

_TAG = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)|</?[A-Za-z][^<>]*>", re.I | re.S)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_LINE_BREAK = "\u2028"  # a stand-in for <lb/> while a block's text is put together
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe")
_BLOCKS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "article",
    "section", "header", "footer", "blockquote", "pre", "dt", "dd",
)  # fmt: skip
# The page's own machine-readable publication time; htmldate keeps only the day of it.
_PUBLISHED_XPATH = etree.XPath(
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @itemprop='datePublished' or @name='pubdate' or @name='publishdate'"
    " or @property='og:published_time' or @name='date']/@content"
    " | //*[@itemprop='datePublished']/@datetime | //time[@pubdate]/@datetime"
)
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_DATE_PARAMS = {
    # Dates the page declares (meta tags, <time>, JSON-LD, the URL), not a date guessed
    # from the running text, and the first publication rather than the last edit.
    "extensive_search": False,
    "original_date": True,
}


def _parse_html(html: str) -> Document:
    tree = _html_tree(html)
    _quote_inline_q(tree)
    metadata = _extract_with_trafilatura(tree)
    tree_out = getattr(metadata, "body", None)
    paragraphs = _xml_paragraphs(tree_out) if tree_out is not None else []
    if not paragraphs:
        paragraphs = _visible_paragraphs(tree)
        metadata = metadata or _metadata_only(tree)
    headline = _plain(getattr(metadata, "title", None))
    paragraphs = _drop_html_header(paragraphs, headline)
    # "Read more: …", "Related: …", "Sign up …" blocks the CMS put between paragraphs.
    inside = [p for p in paragraphs[1:] if not _is_inline_boilerplate(p)]
    body = "\n\n".join(paragraphs[:1] + inside)
    end, _footer = _body_end(body, 0)
    body = body[:end]
    if not _HAS_WORD.search(body):
        raise DocumentError("The page has no article text.")
    return Document(
        body=body,
        headline=headline,
        published=_html_published(tree, getattr(metadata, "date", None)),
        outlet=_html_outlet(getattr(metadata, "sitename", None)),
        byline=_html_byline(getattr(metadata, "author", None)),
        url=getattr(metadata, "url", None) or None,
    )


def _html_tree(html: str) -> lxml.html.HtmlElement:
    # lxml refuses a str that still carries an XML encoding declaration; the text is decoded.
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        raise DocumentError("The page has no article text.") from None
    # Scripts are code, never article text, and would leak into a headline read from
    # an <h1>; JSON-LD blocks stay because they carry the page's metadata.
    for element in list(tree.iter("script", "style", "noscript", "template")):
        if "json" not in (element.get("type") or "").lower() and element.getparent() is not None:
            element.drop_tree()
    return tree


def _quote_inline_q(tree: lxml.html.HtmlElement) -> None:
    """Write out the marks a browser draws around ``<q>``, which trafilatura would drop."""
    for element in list(tree.iter("q")):
        nested = sum(1 for a in element.iterancestors("q"))
        opening, closing = ("“", "”") if nested % 2 == 0 else ("‘", "’")
        element.text = opening + (element.text or "")
        if len(element):
            element[-1].tail = (element[-1].tail or "") + closing
        else:
            element.text += closing
    for element in list(tree.iter("q")):
        element.drop_tag()


def _extract_with_trafilatura(tree: lxml.html.HtmlElement) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_tables=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception:
        # Trafilatura's heuristics have raised on odd markup before; the visible-text
        # fallback still gives the editor a document, and the log keeps the error.
        log.warning("trafilatura failed; using the visible text of the page", exc_info=True)
        return None


def _metadata_only(tree: lxml.html.HtmlElement) -> Any:
    try:
        return trafilatura.extract_metadata(tree, date_config=dict(_DATE_PARAMS))
    except Exception:  # see _extract_with_trafilatura
        log.warning("trafilatura metadata failed", exc_info=True)
        return None


def _xml_paragraphs(body: etree._Element) -> list[str]:
    """One paragraph per block of trafilatura's output tree (a list gives one per item)."""
    paragraphs: list[str] = []
    for block in body:
        if block.tag == "list":
            for item in block.findall("item"):
                paragraphs.extend(_block_paragraphs(item))
        elif block.tag == "table":
            for row in block.iter("row"):
                cells = (" ".join(_block_paragraphs(cell)) for cell in row)
                paragraphs.append(" | ".join(cell for cell in cells if cell))
        else:
            paragraphs.extend(_block_paragraphs(block))
    return [p for p in paragraphs if p]


def _block_paragraphs(element: etree._Element) -> list[str]:
    """The text of one output block; ``<lb/>`` stays a line break inside the paragraph.

    A raw newline inside a block comes from trafilatura's fallback extractors, which join
    the page's blocks with newlines, so it separates paragraphs.
    """
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(_LINE_BREAK if node.tag == "lb" else node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    paragraphs = []
    for chunk in "".join(parts).split("\n"):
        lines = (" ".join(line.split()) for line in chunk.split(_LINE_BREAK))
        paragraphs.append("\n".join(line for line in lines if line))
    return [p for p in paragraphs if p]


def _visible_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's visible text, blocks kept apart, when trafilatura finds no article."""
    root = tree.find("body")
    root = copy.deepcopy(root if root is not None else tree)  # the caller keeps its tree
    for element in list(root.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return [block for block in blocks if block]


def _drop_html_header(paragraphs: list[str], headline: str | None) -> list[str]:
    """Leading repeats of the headline, datelines, bylines and share buttons are not the body."""
    index = 0
    while index < len(paragraphs) - 1:
        paragraph = paragraphs[index]
        kind = _line_kind(paragraph)
        # A standfirst: a title-like line over the first sentence of the story.
        dek = kind == "title" and _ends_sentence(paragraphs[index + 1].rstrip())
        if paragraph != headline and not dek and kind not in _HTML_HEADER_KINDS:
            break
        index += 1
    return paragraphs[index:]


def _is_inline_boilerplate(paragraph: str) -> bool:
    return len(paragraph) < 200 and bool(_FOOTER.match(paragraph) or _BOILERPLATE.match(paragraph))


_HTML_HEADER_KINDS = ("dateline", "byline", "boilerplate", "nav")


def _html_published(tree: lxml.html.HtmlElement, day: str | None) -> dt.datetime | None:
    if not day:
        return None
    published = _iso_datetime(day)
    if published is None:
        return None
    candidates = [str(value) for value in _PUBLISHED_XPATH(tree)]
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            candidates.extend(_LD_PUBLISHED.findall(script.text))
    for candidate in candidates:
        timed = _iso_datetime(candidate.strip())
        if timed and timed.date() == published.date():
            return timed
    return published


def _html_outlet(sitename: str | None) -> str | None:
    name = _plain(sitename)
    # Trafilatura falls back to the domain name ("ledger.example"); that is a guess.
    if not name or (" " not in name and "." in name):
        return None
    return name


def _html_byline(author: str | None) -> str | None:
    names = [n for n in (_plain(part) for part in (author or "").split(";")) if n]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _plain(text: str | None) -> str | None:
    """Text with tags (and whole scripts) removed and white space collapsed.

    >>> _plain("Talks in Turku <script>alert(1)</script><b>today</b>")
    'Talks in Turku today'
    """
    if not text:
        return None
    cleaned = " ".join(_TAG.sub("", text).split())
    return cleaned or None


def decode_document(raw: bytes | str, *, filename: str | None = None) -> str:
    """The text of ``raw`` exactly as ``parse_document`` decodes it (a BOM, else UTF-8, else
    an HTML page's declared charset), line endings normalised: what the Django side stores
    as the article's raw text. Raises ``DocumentError`` like ``parse_document``.

    >>> decode_document(b"<meta charset='windows-1251'><p>\\xcc\\xee\\xf1\\xea\\xe2\\xe0</p>")
    "<meta charset='windows-1251'><p>Москва</p>"
    """
    return _decode(raw, html_hint=_format_from_filename(filename) == "html")
