"""Shared text machinery: paragraphs and sentences as offset spans into the body.

Spans are half-open ``(start, end)`` pairs with surrounding white space trimmed,
so ``body[start:end]`` is the paragraph or sentence itself.
"""

from __future__ import annotations

import re
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

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")
# A sentence ends at . ! or ? (with closing quotes/brackets after it), then white space,
# then something that can start a sentence: an opening quote, a capital or a digit.
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")


def paragraph_spans(body: str) -> list[Span]:
    """Paragraphs split at blank lines; a text with single newlines only splits at those.

    >>> paragraph_spans("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    breaker = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(body) else re.compile(r"\n")
    spans: list[Span] = []
    start = 0
    for match in breaker.finditer(body):
        _append_trimmed(body, start, match.start(), spans)
        start = match.end()
    _append_trimmed(body, start, len(body), spans)
    return spans


def sentence_spans(body: str) -> list[Span]:
    """Sentences of every paragraph, in order. Cached: several extractors ask for the same body.

    >>> sentence_spans("Bolton met Putin in Moscow. The U.S. side was pleased.")
    [(0, 27), (28, 54)]
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
    # A lone initial ("John R. Bolton") does not end a sentence.
    return len(word) == 1 and word.isalpha()


def _append_trimmed(body: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
