"""The one text model of an article: paragraphs, sentences, tokens, quote marks, dateline.

``Text.of(body)`` is built once per article by the pipeline and read by every step, so
a fix to sentence splitting or tokenising reaches all of them. This module holds the
only sentence splitter, the only tokenizer and (through the lexicon) the only list of
abbreviations of the package.

Spans are half-open ``(start, end)`` pairs with surrounding white space trimmed,
so ``body[start:end]`` is the paragraph, sentence or token itself.

>>> text = Text.of("MOSCOW — Bolton met Putin. The U.S. side was “pleased.”")
>>> [text.body[s:e] for s, e in text.sentences]
['MOSCOW — Bolton met Putin.', 'The U.S. side was “pleased.”']
>>> text.words(0, 19)
['MOSCOW', 'Bolton', 'met']
>>> text.marks
(45, 54)
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from extraction import lexicon

Span = tuple[int, int]

_ABBREVIATIONS = lexicon.words("text", "abbreviations")
_MARK_CHARS = "".join(
    char
    for key in (
        "opening_double",
        "closing_double",
        "either_double",
        "opening_single",
        "closing_single",
        "either_single",
    )
    for char in lexicon.load("text")[key]
)
_MARK = re.compile("[" + re.escape(_MARK_CHARS) + "]")
# A word: letters and digits, with apostrophes, full stops and hyphens inside it
# ("Putin’s", "U.S", "al-Assad", "9.30"); anything else that is not white space is a
# token of one character.
TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*|[^\w\s]")
# A short paragraph of nothing but a date, a time and words like "Updated" near the
# top: "June 28, 2018, 12:30 PM UTC".
_DATELINE_NOISE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon|tue|wed|thu|fri|sat|sun"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|updated|published|posted|am|pm"
    r"|utc|gmt|bst|cet|cest|eet|eest|msk|est|edt|cst|cdt|pst|pdt)\b",
    re.IGNORECASE,
)


class Text:
    """One article body, read once: every step asks it instead of splitting on its own.

    ``lower`` is the body lower-cased with the same length (offsets hold in both).
    Tokens are kept as two arrays of offsets, not objects: a 5 MB body has a million.
    """

    __slots__ = (
        "_paragraph_starts",
        "_sentence_starts",
        "_token_ends",
        "_token_starts",
        "body",
        "dateline",
        "lower",
        "marks",
        "paragraphs",
        "sentences",
    )

    def __init__(self, body: str) -> None:
        self.body = body
        self.lower = _same_length_lower(body)
        self.paragraphs: tuple[Span, ...] = tuple(paragraph_spans(body))
        self.sentences: tuple[Span, ...] = _sentence_spans(body, self.paragraphs)
        self.marks: tuple[int, ...] = tuple(m.start() for m in _MARK.finditer(body))
        self.dateline: Span | None = _dateline(body, self.paragraphs)
        self._token_starts = array("l")
        self._token_ends = array("l")
        for match in TOKEN.finditer(body):
            self._token_starts.append(match.start())
            self._token_ends.append(match.end())
        self._sentence_starts = [start for start, _end in self.sentences]
        self._paragraph_starts = [start for start, _end in self.paragraphs]

    @classmethod
    def of(cls, body: str | Text) -> Text:
        """The text model of ``body`` (a ``Text`` is returned as it is)."""
        return body if isinstance(body, Text) else cls(body)

    def __len__(self) -> int:
        return len(self.body)

    def __repr__(self) -> str:
        return f"Text({self.body[:40]!r}…, {len(self.sentences)} sentences)"

    # --- where an offset stands ----------------------------------------------------------

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding ``offset`` (the nearest one before it when between two)."""
        index = bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[index] if index >= 0 else (0, len(self.body))

    def sentence_index(self, offset: int) -> int:
        """The index in ``sentences`` of ``sentence_at(offset)`` (-1 before the first)."""
        return bisect_right(self._sentence_starts, offset) - 1

    def paragraph_at(self, offset: int) -> Span:
        """The paragraph holding ``offset`` (the nearest one before it when between two)."""
        index = bisect_right(self._paragraph_starts, offset) - 1
        return self.paragraphs[index] if index >= 0 else (0, len(self.body))

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self._paragraph_starts, offset) - 1

    def sentences_in(self, start: int, end: int) -> tuple[Span, ...]:
        """The sentences that start in ``[start, end)``."""
        lo = bisect_left(self._sentence_starts, start)
        hi = bisect_left(self._sentence_starts, end)
        return self.sentences[lo:hi]

    def marks_in(self, start: int, end: int) -> tuple[int, ...]:
        """Offsets of the quote marks in ``[start, end)``."""
        return self.marks[bisect_left(self.marks, start) : bisect_left(self.marks, end)]

    # --- tokens --------------------------------------------------------------------------

    def tokens(self, start: int = 0, end: int | None = None) -> list[Span]:
        """The tokens wholly inside ``[start, end)``, as spans."""
        end = len(self.body) if end is None else end
        lo = bisect_left(self._token_starts, start)
        hi = bisect_left(self._token_starts, end)
        ends = self._token_ends
        return [
            (s, ends[lo + i])
            for i, s in enumerate(self._token_starts[lo:hi])
            if ends[lo + i] <= end
        ]

    def words(self, start: int = 0, end: int | None = None) -> list[str]:
        """The word tokens (no punctuation) inside ``[start, end)``, as written."""
        body = self.body
        return [body[s:e] for s, e in self.tokens(start, end) if _is_word(body[s])]

    def token_at(self, offset: int) -> Span | None:
        """The token holding ``offset``, or None on white space."""
        index = bisect_right(self._token_starts, offset) - 1
        if index >= 0 and offset < self._token_ends[index]:
            return self._token_starts[index], self._token_ends[index]
        return None

    def tokens_before(self, offset: int, count: int) -> list[Span]:
        """Up to ``count`` tokens ending at or before ``offset``, nearest last."""
        hi = bisect_right(self._token_ends, offset)
        lo = max(0, hi - count)
        return list(zip(self._token_starts[lo:hi], self._token_ends[lo:hi], strict=True))

    def tokens_after(self, offset: int, count: int) -> list[Span]:
        """Up to ``count`` tokens starting at or after ``offset``, nearest first."""
        lo = bisect_left(self._token_starts, offset)
        hi = lo + count
        return list(zip(self._token_starts[lo:hi], self._token_ends[lo:hi], strict=True))

    def word_before(self, offset: int) -> str:
        """The lower-cased word token right before ``offset`` ("" when none)."""
        for s, e in reversed(self.tokens_before(offset, 2)):
            if _is_word(self.body[s]):
                return self.lower[s:e]
        return ""

    def word_after(self, offset: int) -> str:
        """The lower-cased word token right after ``offset`` ("" when none)."""
        for s, e in self.tokens_after(offset, 2):
            if _is_word(self.body[s]):
                return self.lower[s:e]
        return ""

    # --- added for the mentions step: words as white space delimits them ----------------

    def spaced_words(self, start: int, end: int) -> list[Span]:
        """The white-space-delimited words inside ``[start, end)``, cut at its edges:
        tokens that touch make one word ("Mr.", "Putin’s,", "T.S.")."""
        lo = max(0, bisect_right(self._token_starts, start) - 1)
        hi = bisect_left(self._token_starts, end)
        words: list[Span] = []
        for s, e in zip(self._token_starts[lo:hi], self._token_ends[lo:hi], strict=True):
            if e <= start:
                continue
            if words and words[-1][1] == s:
                words[-1] = (words[-1][0], min(e, end))
            else:
                words.append((max(s, start), min(e, end)))
        return words

    def spaced_words_before(self, offset: int, count: int, reach: int) -> list[Span]:
        """Up to ``count`` white-space-delimited words before ``offset`` on its line and
        within ``reach`` characters of it (a word across that limit is cut there), nearest
        last."""
        limit = max(0, offset - reach)
        limit = max(limit, self.body.rfind("\n", limit, offset) + 1)
        starts, ends = self._token_starts, self._token_ends
        index = bisect_right(ends, offset) - 1
        words: list[Span] = []
        while index >= 0 and ends[index] > limit and len(words) < count:
            end, start = ends[index], starts[index]
            while index > 0 and ends[index - 1] == start and start > limit:
                index -= 1
                start = starts[index]
            words.append((max(start, limit), end))
            index -= 1
        words.reverse()
        return words

    # --- added for the quote step (extraction/quotes/) -----------------------------------

    def iter_tokens(self, start: int, end: int) -> Iterator[Span]:
        """The tokens wholly inside ``[start, end)``, lazily and in order.

        Reading the first words of a long sentence costs those words, not the sentence:
        a step that asks this once per quote stays linear on a body of one huge sentence.
        """
        starts, ends = self._token_starts, self._token_ends
        for k in range(bisect_left(starts, start), len(starts)):
            if starts[k] >= end:
                return
            if ends[k] <= end:
                yield starts[k], ends[k]


def _is_word(first_char: str) -> bool:
    return first_char.isalnum() or first_char == "_"


def _same_length_lower(body: str) -> str:
    lower = body.lower()
    if len(lower) == len(body):
        return lower
    # A few characters lower-case to two ("İ" -> "i̇"): keep those as written so that
    # every offset means the same in both views.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in body)


def _dateline(body: str, paragraphs: tuple[Span, ...]) -> Span | None:
    """The publication-date line near the top of the body, if it has one.

    A short paragraph made of nothing but a date, a time and words like "Updated":
    "June 28, 2018, 12:30 PM UTC". A short lead with words in it is not a dateline.
    """
    for start, end in paragraphs[:3]:
        if end - start <= 60 and any(ch.isdigit() for ch in body[start:end]):
            words = _DATELINE_NOISE.sub(" ", body[start:end])
            if sum(ch.isalpha() for ch in words) < 4:
                return start, end
    return None


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
    """Sentences of every paragraph, in order (``Text.of(body).sentences`` as a list).

    >>> sentence_spans("Bolton met Putin in Moscow. The U.S. side was pleased.")
    [(0, 27), (28, 54)]
    >>> len(sentence_spans("In 1990 George H.W. Bush met Gorbachev in Helsinki."))
    1
    """
    return list(_sentence_spans(body, tuple(paragraph_spans(body))))


def _sentence_spans(body: str, paragraphs: tuple[Span, ...]) -> tuple[Span, ...]:
    spans: list[Span] = []
    for p_start, p_end in paragraphs:
        start = p_start
        for match in _SENTENCE_END.finditer(body, p_start, p_end):
            if _ends_with_abbreviation(body, start, match.start()):
                continue
            _append_trimmed(body, start, match.end(), spans)
            start = match.end()
        _append_trimmed(body, start, p_end, spans)
    return tuple(spans)


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
