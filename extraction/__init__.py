"""Summit KB extraction: the text of a news article in, structured and sourced facts out.

Pure Python: nothing here imports Django, reads a clock or touches the network.
The Celery workers call ``extract``; ``python -m extraction PATH`` prints the same
result as JSON.

The flow, one module a step (each takes what the steps before it found)::

    parse.parse_document   raw .txt / .html / .json  -> Document (headline, published, body...)
    mentions.find_entities body + register           -> Entity (known and unknown)
    dates.find_dates       body + publication date   -> DateMention
    quotes.find_quotes     body + entities + dates   -> Quote (+ Skipped)
    events.find_events     body + all of the above   -> Event
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extraction.register import Alias, Register, RegisterEntry
from extraction.results import (
    DateMention,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Quote,
    Skipped,
)

if TYPE_CHECKING:
    from extraction.parse import DocumentError, parse_document
    from extraction.pipeline import extract, extract_document

__all__ = [
    "Alias",
    "DateMention",
    "Document",
    "DocumentError",
    "Entity",
    "Event",
    "Evidence",
    "Extraction",
    "Quote",
    "Register",
    "RegisterEntry",
    "Skipped",
    "extract",
    "extract_document",
    "parse_document",
]

# The pipeline is imported on first use, not here: importing one step
# (``extraction.dates``) must not pull in every other step with it.
_LAZY = {
    "extract": "extraction.pipeline",
    "extract_document": "extraction.pipeline",
    "parse_document": "extraction.parse",
    "DocumentError": "extraction.parse",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'extraction' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LAZY[name]), name)
