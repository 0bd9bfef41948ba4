"""Plain text as pasted from a web page: navigation, headline, dateline, byline, body, footer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from extraction import lexicon
from extraction.parse.bylines import (
    _byline,
    _copyright_outlet,
    _is_outlet_name,
    _lead_outlet,
    _parse_byline,
)
from extraction.parse.datetimes import _TIME, ZONE_HOURS, _find_datetime
from extraction.parse.decode import DocumentError
from extraction.parse.lines import (
    _BOILERPLATE,
    _HAS_WORD,
    _LINE,
    _WORD,
    _body_end,
    _ends_sentence,
    _is_menu,
    _is_paragraph,
    _is_title,
    _trim_end,
)
from extraction.results import Document

_Kind = Literal["nav", "boilerplate", "dateline", "byline", "credit", "paragraph", "title", "other"]

_DATELINE_FILLER = lexicon.words("parse", "dateline_filler") | {name.lower() for name in ZONE_HOURS}
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)
_BIO_VERB = re.compile(r"(?:is|was|writes|covers|reports|teaches|has\s+been)\b")
_SECTION_LABEL = re.compile(
    r"(?i:opinion|analysis|comment|editorial|explainer|exclusive|live|perspective|review)"
    r"\s*[|:]\s+"
)
_MARKERS = ("dateline", "byline")
_HEADER_LINES = 60  # the header of a pasted article is never longer than this
_LOOKAHEAD = 5  # a standfirst is followed by its byline or dateline within a few lines


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
