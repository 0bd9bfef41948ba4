"""Where quotes open and close: pairing the quote marks of each paragraph.

A quote is the text between a pair of marks: curly or straight double marks, or single
marks when an article uses them as its main marks (British style). Marks of the other
kind inside a quote are part of its text. A quote left open at the end of a paragraph
is a piece continued into the next one when that paragraph opens with a mark of the same
kind. A paragraph whose double marks do not pair up is refused (``UNBALANCED``).

The marks are those of the text model (``Text.marks``) and the sentences its sentences,
joined where a sentence end stands inside a quote: inside a quote only ``.”`` ends the
sentence (after ``!”`` or ``?”`` the attribution usually follows: ``…Election!” Lindqvist
tweeted``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from extraction import lexicon
from extraction.results import Skipped
from extraction.text import Span, Text

UNBALANCED = "unbalanced quote marks"

_OPEN_D, _CLOSE_D, _EITHER_D, _OPEN_S, _CLOSE_S, _EITHER_S = range(1, 7)
_MARK_KINDS = {
    char: kind
    for key, kind in (
        ("opening_double", _OPEN_D),
        ("closing_double", _CLOSE_D),
        ("either_double", _EITHER_D),
        ("opening_single", _OPEN_S),
        ("closing_single", _CLOSE_S),
        ("either_single", _EITHER_S),
    )
    for char in lexicon.load("text")[key]
}
# Readings of one paragraph's marks before it is refused (see _paragraph_pairs).
_MAX_REREADINGS = 64
# What may stand before an opening mark: nothing, a space, a bracket, a dash, another mark.
_BEFORE_OPENING = frozenset(" \t\n\r([{—–-/") | frozenset(_MARK_KINDS)
# Elisions written with an opening single mark: ’90s, ’em, ’til, ’tis, rock ’n’ roll.
_ELISION = re.compile(
    r"(?:\d\d|" + lexicon.alternation(lexicon.words("quotes", "elisions")) + r"\b|n[’'\s])",
    re.IGNORECASE,
)
# What closes a sentence after its end punctuation: marks and brackets.
_CLOSERS = frozenset(")]") | frozenset(_MARK_KINDS)


@dataclass(slots=True)
class Raw:
    """One top-level quote: ``body[open]`` is its opening mark."""

    open: int
    close: int  # the closing mark, or the paragraph end for a piece continued over paragraphs
    paragraph: int
    continued: bool = False
    chain_prev: int | None = None  # the piece this one continues, from the paragraph before
    sentence: Span = (0, 0)  # the sentence that holds the quote
    before_lo: int = 0  # where the clause leading to the opening mark starts
    after_hi: int = 0  # where the clause after the closing mark ends


def quote_spans(text: Text) -> tuple[list[Raw], list[Skipped], list[tuple[int, int]]]:
    """The top-level quotes, the refused paragraphs, and (start, paragraph) of every sentence.

    Sentences here are the text model's, joined where one ends inside a quote.
    """
    body = text.body
    paragraphs = text.paragraphs
    raws: list[Raw] = []
    skipped: list[Skipped] = []
    sentences: list[tuple[int, int]] = []
    for number, (lo, hi) in enumerate(paragraphs):
        marks = text.marks_in(lo, hi)
        pairs: list[tuple[int, int]] | None = []
        if marks:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            next_opener = _opening_kind(body, *following) if following else ""
            pairs = _paragraph_pairs(body, lo, hi, marks, next_opener)
        if pairs is None:
            skipped.append(Skipped(UNBALANCED, lo, hi))
            pairs = []
        first = len(raws)
        raws.extend(Raw(open_, close, number, continued=close == hi) for open_, close in pairs)
        previous = raws[first - 1] if first else None
        # A paragraph opening with a mark continues the quote left open in the one before.
        continues = previous is not None and previous.continued and previous.paragraph == number - 1
        if continues and len(raws) > first and raws[first].open == lo:
            raws[first].chain_prev = first - 1
        starts = _mark_sentences(text, lo, hi, raws[first:])
        sentences.extend((start, number) for start in starts)
    return raws, skipped, sentences


def _opening_kind(body: str, lo: int, hi: int) -> str:
    """``"d"`` or ``"s"`` when the paragraph opens with a double or single opening mark."""
    kind = _classify(body, lo, lo, hi) if body[lo] in _MARK_KINDS else None
    if kind in (_OPEN_D, _EITHER_D):
        return "d"
    return "s" if kind == _OPEN_S else ""


def _paragraph_pairs(
    body: str, lo: int, hi: int, marks: tuple[int, ...], next_opener: str
) -> list[tuple[int, int]] | None:
    """(opening mark, closing mark) of each top-level quote; None when the marks do not pair.

    A quote left open at the paragraph end is a piece continued over paragraphs when the
    next paragraph opens with a mark of the same kind; its end is the paragraph end.
    """
    ignored: set[int] = set()
    tokens = [(i, kind) for i in marks if (kind := _classify(body, i, lo, hi))]
    # Each reading sets aside one lone single mark; a paragraph that needs more readings
    # than this is refused (unbalanced) rather than read in quadratic time.
    for _ in range(_MAX_REREADINGS):
        pairs, unclosed = _pair_marks(body, [t for t in tokens if t[0] not in ignored])
        if pairs is None:
            return None
        if unclosed is None:
            return pairs
        kind, position = unclosed
        if kind == next_opener:
            return [*pairs, (position, hi)]
        if kind == "d":
            return None
        # A lone single mark is an apostrophe we could not tell apart: read on without it.
        ignored.add(position)
    return None


def _classify(body: str, i: int, lo: int, hi: int) -> int | None:
    """What the mark at ``i`` can be; None for an apostrophe (don’t, Russia’s, the ’90s)."""
    kind = _MARK_KINDS[body[i]]
    if kind in (_OPEN_D, _CLOSE_D, _EITHER_D):
        return kind
    before = body[i - 1] if i > lo else " "
    after = body[i + 1] if i + 1 < hi else " "
    opens = before in _BEFORE_OPENING and not after.isspace() and not _ELISION.match(body, i + 1)
    closes = not before.isspace() and not after.isalnum()
    if kind == _OPEN_S:
        return _OPEN_S if opens else None
    if kind == _CLOSE_S:
        return _CLOSE_S if closes else None
    return _OPEN_S if opens else _CLOSE_S if closes else None


def _pair_marks(
    body: str, tokens: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]] | None, tuple[str, int] | None]:
    """Pair marks with a stack; returns (pairs or None when broken, the open outer mark)."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    double_open = False  # at most one double quote is open: nested quotes use single marks
    next_single = _next_single_kinds(tokens)
    for n, (i, kind) in enumerate(tokens):
        if kind == _EITHER_D:
            kind = _CLOSE_D if double_open else _OPEN_D
        if kind == _OPEN_D:
            if double_open:
                return None, None
            stack.append(("d", i))
            double_open = True
        elif kind == _CLOSE_D:
            if not double_open:
                return None, None
            while stack[-1][0] != "d":
                stack.pop()  # a single mark left open inside a double quote was an apostrophe
            opened = stack.pop()[1]
            double_open = False
            if not stack:
                pairs.append((opened, i))
        elif kind == _OPEN_S:
            stack.append(("s", i))
        elif stack and stack[-1][0] == "s" and not _plural_possessive(body, tokens, n, next_single):
            opened = stack.pop()[1]
            if not stack:
                pairs.append((opened, i))
    return pairs, (stack[0] if stack else None)


def _plural_possessive(
    body: str, tokens: list[tuple[int, int]], n: int, next_single: list[int | None]
) -> bool:
    """``‘the leaders’ talks went well,’``: the first ’ is a possessive, another closes later."""
    i = tokens[n][0]
    if body[i - 1] not in "sS" or body[i + 1 : i + 2] != " " or not body[i + 2 : i + 3].islower():
        return False
    return next_single[n] == _CLOSE_S


def _next_single_kinds(tokens: list[tuple[int, int]]) -> list[int | None]:
    """For each token, the kind of the first single mark after it (one pass from the end)."""
    following: list[int | None] = [None] * len(tokens)
    seen: int | None = None
    for n in range(len(tokens) - 1, -1, -1):
        following[n] = seen
        if tokens[n][1] in (_OPEN_S, _CLOSE_S):
            seen = tokens[n][1]
    return following


def _mark_sentences(text: Text, lo: int, hi: int, raws: list[Raw]) -> list[int]:
    """Give each quote its sentence and the clauses around it; returns the sentence starts.

    The text model's sentences of the paragraph, joined where one ends inside a quote
    (but for a ``.”`` that closes it).
    """
    body = text.body
    # Quotes of one paragraph do not overlap: the one holding a stop is the last to open
    # before it (a bisection, not a scan: a paragraph of thousands of marks stays linear).
    opens = [raw.open for raw in raws]
    starts = [lo]
    spans = text.sentences_in(lo, hi)
    for (_start, end), (next_start, _end) in pairwise(spans):
        marks_at = end
        while marks_at > lo and body[marks_at - 1] in _CLOSERS:
            marks_at -= 1
        stop = marks_at
        while stop > lo and body[stop - 1] in ".!?":
            stop -= 1
        k = bisect_left(opens, stop) - 1
        holder = raws[k] if k >= 0 and raws[k].open < stop < raws[k].close else None
        if holder is not None:
            closes_here = marks_at <= holder.close < end
            if not (closes_here and body[marks_at - 1] == "."):
                continue
        starts.append(next_start)
    bounds = [*starts, hi]
    for k, raw in enumerate(raws):
        s = bisect_left(bounds, raw.open + 1) - 1
        raw.sentence = (bounds[s], bounds[s + 1] if s + 1 < len(bounds) else hi)
        previous_close = raws[k - 1].close + 1 if k else lo
        raw.before_lo = max(raw.sentence[0], previous_close)
        next_open = raws[k + 1].open if k + 1 < len(raws) else hi
        raw.after_hi = min(raw.sentence[1], next_open)
    return starts
