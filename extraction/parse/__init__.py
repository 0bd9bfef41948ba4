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

import datetime as dt
from typing import Any

from extraction.formats import Format, detect_format, format_from_filename
from extraction.parse.datetimes import _first_datetime, _iso_datetime
from extraction.parse.decode import MAX_BYTES, DocumentError, _clean_text, _decode, _load_json
from extraction.parse.html_page import _parse_html, _plain
from extraction.parse.plain import _parse_text
from extraction.results import Document

__all__ = [
    "MAX_BYTES",
    "DocumentError",
    "Format",
    "decode_document",
    "parse_document",
    "parse_record",
]

_RECORD_FIELDS = ("text", "html", "headline", "url", "outlet", "byline")


def parse_document(raw: bytes | str, *, filename: str | None = None) -> Document:
    """Parse a .txt, .html or .json article; the format comes from ``filename`` or the content.

    >>> parse_document(b"Talks Set for July\\n\\n16 July 2018\\n\\nThe two sides agreed to meet.")
    ... # doctest: +NORMALIZE_WHITESPACE
    Document(body='The two sides agreed to meet.', headline='Talks Set for July',
             published=datetime.datetime(2018, 7, 16, 0, 0, tzinfo=datetime.timezone.utc),
             outlet=None, byline=None, url=None)
    """
    text = _decode(raw, html_hint=format_from_filename(filename) == "html")
    fmt = detect_format(text, filename=filename)
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


def decode_document(raw: bytes | str, *, filename: str | None = None) -> str:
    """The text of ``raw`` exactly as ``parse_document`` decodes it (a BOM, else UTF-8, else
    an HTML page's declared charset), line endings normalised: what the Django side stores
    as the article's raw text. Raises ``DocumentError`` like ``parse_document``.

    >>> decode_document(b"<meta charset='windows-1251'><p>\\xcc\\xee\\xf1\\xea\\xe2\\xe0</p>")
    "<meta charset='windows-1251'><p>Москва</p>"
    """
    return _decode(raw, html_hint=format_from_filename(filename) == "html")


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
