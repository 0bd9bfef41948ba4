"""``python -m extraction PATH [--published YYYY-MM-DD]``: one article in, one JSON object out.

The printed object is the command-line contract other tools rely on; ``extraction_to_json``
builds it and is what the Django side reuses. Every offset indexes the printed ``body``.
A file that cannot be read or decoded gives one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from extraction.parse import DocumentError
from extraction.pipeline import extract
from extraction.results import Extraction

EXIT_UNREADABLE = 2


def extraction_to_json(ex: Extraction) -> dict[str, Any]:
    """The JSON-ready dict of the command-line contract.

    >>> from extraction.results import Document
    >>> extraction_to_json(Extraction(Document(body="Hi.")))["body"]
    'Hi.'
    """
    document = ex.document
    return {
        "headline": document.headline,
        "published": document.published.date().isoformat() if document.published else None,
        "outlet": document.outlet,
        "byline": document.byline,
        "body": document.body,
        "entities": [
            {
                "name": entity.name,
                "kind": entity.kind,
                "slug": entity.slug,
                "known": entity.known,
                "mentions": [[start, end] for start, end in entity.mentions],
                "strategy": entity.strategy,
            }
            for entity in ex.entities
        ],
        "quotes": [
            {
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "speaker": quote.speaker,
                "cue": quote.cue,
                "addressee": quote.addressee,
                "date": quote.date,
                "precision": quote.precision,
                "strategy": quote.strategy,
            }
            for quote in ex.quotes
        ],
        "dates": [
            {
                "expression": date.expression,
                "start": date.start,
                "end": date.end,
                "date": date.date,
                "precision": date.precision,
                "strategy": date.strategy,
            }
            for date in ex.dates
        ],
        "events": [
            {
                "title": event.title,
                "kind": event.kind,
                "date": event.date,
                "precision": event.precision,
                "end_date": event.end_date,
                "participants": list(event.participants),
                "place": event.place,
                "evidence": {
                    "start": event.evidence.start,
                    "end": event.evidence.end,
                    "text": event.evidence.text,
                    "expression": event.evidence.expression,
                },
                "strategy": event.strategy,
            }
            for event in ex.events
        ],
    }


def main(argv: list[str] | None = None) -> int:
    args = _arguments().parse_args(argv)
    path: Path = args.path
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _fail(f"cannot read {path}: {error.strerror or error}")
    try:
        ex = extract(raw, published=args.published, filename=path.name)
    except DocumentError as error:
        return _fail(f"cannot read {path}: {error}")
    json.dump(extraction_to_json(ex), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extraction",
        description="Extract people, quotes, dates and events from one news article.",
    )
    parser.add_argument("path", type=Path, help="a .txt, .html or .json article")
    parser.add_argument(
        "--published",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the publication date (overrides a date found in the file)",
    )
    return parser


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def _fail(message: str) -> int:
    # One line, whatever the underlying message held.
    print("error: " + " ".join(message.split()), file=sys.stderr)
    return EXIT_UNREADABLE


if __name__ == "__main__":
    # UTF-8 whatever the terminal's locale, so names like "Kortunov’s" print as written.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
