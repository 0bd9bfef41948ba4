"""The whole extraction of one article: parse, then mentions, dates, quotes and events.

Each step takes what the steps before it found (see the package docstring). Nothing
here reads a clock: a relative date is resolved against the article's own publication
date, or left out when the article has none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from extraction.dates import find_dates
from extraction.events import find_events
from extraction.mentions import find_entities
from extraction.parse import parse_document
from extraction.quotes import find_quotes
from extraction.register import Register
from extraction.results import Document, Extraction
from extraction.text import Text


def extract(
    text: str | bytes,
    *,
    published: dt.date | None = None,
    register: Register | None = None,
    filename: str | None = None,
) -> Extraction:
    """Everything extraction finds in the raw text of one article (.txt, .html or .json).

    Bytes are decoded by the parser (it knows about HTML charsets); a str is used as is.

    ``filename`` only helps to tell HTML and JSON from plain text; ``published`` overrides
    the date the article carries.

    >>> ex = extract("Putin met Bolton in Moscow on Wednesday.", published=dt.date(2018, 6, 28))
    >>> [(e.kind, e.date) for e in ex.events]
    [('meeting', '2018-06-27')]
    """
    document = parse_document(text, filename=filename)
    if published is not None:
        document = dataclasses.replace(document, published=_as_datetime(published))
    return extract_document(document, register=register)


def extract_document(document: Document, *, register: Register | None = None) -> Extraction:
    """Mentions, dates, quotes and events of a parsed document's body."""
    register = register if register is not None else Register.default()
    # The one text model of the body: every step reads its paragraphs, sentences, tokens
    # and quote marks from here instead of splitting the body its own way.
    text = Text.of(document.body)
    published = _as_date(document.published)
    entities = find_entities(text, register=register)
    dates = find_dates(text, published=published)
    quotes, skipped = find_quotes(text, entities=entities, dates=dates)
    events = find_events(text, entities=entities, dates=dates, quotes=quotes)
    return Extraction(
        document=document,
        entities=entities,
        quotes=quotes,
        dates=dates,
        events=events,
        skipped=skipped,
    )


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    # A datetime is a date too: turn it into a plain date, keeping the article's own day
    # (no time-zone conversion: the day printed on the article is the one it means).
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
