"""Shared text machinery: paragraphs and sentences as offset spans into the body.

Spans are half-open ``(start, end)`` pairs with surrounding white space trimmed,
so ``body[start:end]`` is the paragraph or sentence itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

Span = tuple[int, int]

# Words that end in a full stop without ending the sentence. Lower-cased, without the stop.
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj"),
        *("sgt", "capt", "adm", "cmdr", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp"),
        *("co", "ltd", "dept", "gov't", "a.m", "p.m"),
        *("u.s", "u.k", "u.n", "e.u", "d.c", "u.s.a"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)

_INITIALS = re.compile(r"[^\W\d_](?:\.[^\W\d_])*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")
# Inside a blank-line paragraph a single newline still breaks it before a bullet ("• ...",
# "- ...") and after a short line that ends no sentence: a live blog's "Updated 15:12 BST"
# or "Summary" stands on its own line above the entry it labels. A hard-wrapped line
# fills the width, so it is never that short.
_BULLET = re.compile(r"[ \t]*(?:[•▪●◦‣]|[-*][ \t])")
_LABEL = re.compile(r"[^\n.!?;,]{0,29}[^\n.!?;,:]")
_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! or ? (with closing quotes/brackets after it), then white space,
# then something that can start a sentence: an opening quote, a capital or a digit.
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")


def paragraph_spans(body: str) -> list[Span]:
    """Paragraphs split at blank lines; a text with single newlines only splits at those.

    Inside a blank-line paragraph a single newline still breaks it before a bullet ("• ...",
    "- ...") and around a short line that ends no sentence: a live blog's "Updated 15:12
    BST" or "Summary" stands on its own line above the entry it labels. A hard-wrapped line
    fills the width, so it is never that short.

    >>> paragraph_spans("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    >>> body = "Updated 15:12 BST\\nTrump spoke.\\n• One point.\\n• Another.\\n\\nNext."
    >>> [body[s:e] for s, e in paragraph_spans(body)]
    ['Updated 15:12 BST', 'Trump spoke.', '• One point.', '• Another.', 'Next.']
    """
    if not _PARAGRAPH_BREAK.search(body):
        return _split(body, re.finditer(r"\n", body))
    spans: list[Span] = []
    for lo, hi in _split(body, _PARAGRAPH_BREAK.finditer(body)):
        if body.find("\n", lo, hi) < 0:
            spans.append((lo, hi))
            continue
        units: list[list[int]] = []
        after_label = False
        for line in _LINE.finditer(body, lo, hi):
            start, end = line.span()
            if not line.group().strip():
                continue
            label = _LABEL.fullmatch(line.group().strip()) is not None
            if not units or after_label or label or _BULLET.match(line.group()):
                units.append([start, end])
            else:
                units[-1][1] = end
            after_label = label
        for start, end in units:
            _append_trimmed(body, start, end, spans)
    return spans


def _split(body: str, breaks: Iterator[re.Match[str]]) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in breaks:
        _append_trimmed(body, start, match.start(), spans)
        start = match.end()
    _append_trimmed(body, start, len(body), spans)
    return spans


def sentence_spans(body: str) -> list[Span]:
    """Sentences of every paragraph, in order. Cached: several extractors ask for the same body.

    >>> sentence_spans("Bolton met Putin in Moscow. The U.S. side was pleased.")
    [(0, 27), (28, 54)]
    >>> len(sentence_spans("In 1990 George H.W. Bush met Gorbachev in Helsinki."))
    1
    """
    return list(_sentence_spans(body))


# Bounded: a worker processes articles for days, and an unbounded cache would keep every
# body it ever saw. The steps of one article ask for the same body a few times in a row.
@lru_cache(maxsize=32)
def _sentence_spans(body: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    for p_start, p_end in paragraph_spans(body):
        start = p_start
        for match in _SENTENCE_END.finditer(body, p_start, p_end):
            if _ends_with_abbreviation(body, start, match.start()):
                continue
            _append_trimmed(body, start, match.end(), spans)
            start = match.end()
        _append_trimmed(body, start, p_end, spans)
    return tuple(spans)


def sentence_at(body: str, offset: int) -> Span:
    """The sentence that holds ``offset`` (the nearest one before it when between sentences)."""
    best: Span = (0, len(body))
    for span in _sentence_spans(body):
        if span[0] <= offset:
            best = span
        else:
            break
    return best


def _ends_with_abbreviation(body: str, start: int, stop_at: int) -> bool:
    if body[stop_at] != ".":
        return False
    word_start = stop_at
    while word_start > start and not body[word_start - 1].isspace():
        word_start -= 1
    word = body[word_start:stop_at].lstrip("\"'“‘(").lower()
    if word in _ABBREVIATIONS:
        return True
    # A lone initial ("John R. Bolton") or a run of them ("George H.W. Bush") does not
    # end a sentence.
    return _INITIALS.fullmatch(word) is not None


def _append_trimmed(body: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
