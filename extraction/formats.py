"""The one place that decides what kind of input an article is: plain text, HTML or JSON.

The parser, the ingestion service, the ingest command and the admin form all ask here, so
they cannot disagree about a file.

>>> detect_format("<!doctype html><p>Hi</p>"), detect_format('{"text": "Hi"}')
('html', 'json')
>>> detect_format("Talks in Turku", filename="story.HTML"), detect_format("Talks in Turku")
('html', 'text')
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Literal

Format = Literal["text", "html", "json"]

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

SUFFIXES = frozenset(_EXTENSIONS)


def format_from_filename(filename: str | None) -> Format | None:
    """The format a file's suffix names, or None when it names none we read."""
    if not filename:
        return None
    return _EXTENSIONS.get(PurePath(filename).suffix.lower())


def looks_like_html(text: str) -> bool:
    """Whether the start of ``text`` is HTML markup (a doctype or an opening block tag)."""
    return _HTML_START.match(text[:4000]) is not None


def detect_format(text: str, *, filename: str | None = None) -> Format:
    """The format of an article: its file suffix when it names one, else its content."""
    hinted = format_from_filename(filename)
    if hinted:
        return hinted
    head = text.lstrip()
    if head.startswith("{") or (head.startswith("[") and head.rstrip().endswith("]")):
        return "json"
    return "html" if looks_like_html(text) else "text"
