"""What the quote step knows about one body, sorted for bisect look-ups.

Person mentions, cue words and dates outside the quotes; the sentences as the quote
step reads them (the text model's, joined where one ends inside a quote); and what was
said by whom so far (``Said``, ``Last``). Every look-up is a bisection or reads only
what it returns, so an article of a hundred thousand quotes costs a hundred thousand
small steps, not their square.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from extraction.quotes.marks import Raw
from extraction.quotes.vocabulary import CUE, cue_form
from extraction.results import DateMention, Entity, Precision
from extraction.text import Span, Text

# A short parenthesis after a name is part of it for the subject slot:
# "Mitch McConnell (R-Ky.) said", "Cal Tennant (R-Ohio), a member, told".
NAME_PARENTHESIS = re.compile(r"[ \u00a0]?\([^()\n]{1,24}\)")
_LETTER = re.compile(r"[^\W\d_]")

Person = tuple[int, int, str]  # (start, end, entity name) of one mention


class Index:
    """Person mentions, cue words and dates outside the quotes, sorted for bisect look-ups."""

    __slots__ = (
        "body",
        "closes",
        "cue_cache",
        "date_starts",
        "dates",
        "entities",
        "entity_at",
        "letters",
        "memo",
        "opens",
        "paragraphs",
        "person_at_end",
        "person_at_start",
        "person_end_at_start",
        "person_starts",
        "persons",
        "rank",
        "sentence_para",
        "sentences",
        "text",
    )

    def __init__(
        self,
        text: Text,
        entities: Sequence[Entity],
        dates: Sequence[DateMention],
        raws: list[Raw],
        sentences: list[tuple[int, int]],
    ) -> None:
        body = text.body
        self.text = text
        self.body = body
        self.entities = entities
        self.paragraphs = text.paragraphs
        self.rank = list(range(len(self.paragraphs)))  # paragraph numbers not counting headings
        self.opens = [raw.open for raw in raws]
        self.closes = [raw.close for raw in raws]
        self.cue_cache: dict[Span, list[tuple[int, int, str]]] = {}
        self.letters: dict[int, tuple[int, int]] = {}
        self.memo: dict[Any, Any] = {}
        outside = self.outside
        persons = sorted(
            (start, end, entity.name)
            for entity in entities
            if entity.kind == "person"
            for start, end in entity.mentions
            if outside(start)
        )
        self.persons = persons
        self.person_starts = [p[0] for p in persons]
        self.person_at_end: dict[int, tuple[int, str]] = {}
        for start, end, name in persons:  # the longest mention ending here wins
            tail = NAME_PARENTHESIS.match(body, end)
            for stop in (end, tail.end()) if tail else (end,):
                if stop not in self.person_at_end or start < self.person_at_end[stop][0]:
                    self.person_at_end[stop] = (start, name)
        # The longest mention starting here wins: persons are sorted by (start, end).
        self.person_at_start = {start: name for start, _, name in persons}
        self.person_end_at_start = {start: end for start, end, _ in persons}
        self.entity_at: dict[int, tuple[int, str]] = {}
        for entity in entities:
            for start, end in entity.mentions:
                if start not in self.entity_at or end > self.entity_at[start][0]:
                    self.entity_at[start] = (end, entity.name)
        self.dates = sorted(
            (d for d in dates if d.date and outside(d.start)), key=lambda d: d.start
        )
        self.date_starts = [d.start for d in self.dates]
        self.sentences = [start for start, _ in sentences]
        self.sentence_para = [number for _, number in sentences]

    # --- people ---------------------------------------------------------------------------

    def iter_persons(self, lo: int, hi: int) -> Iterator[Person]:
        """Person mentions starting in ``[lo, hi)``, lazily and in order."""
        persons = self.persons
        for k in range(bisect_left(self.person_starts, lo), len(persons)):
            if persons[k][0] >= hi:
                return
            yield persons[k]

    def persons_in(self, lo: int, hi: int) -> list[Person]:
        return list(self.iter_persons(lo, hi))

    def first_person_in(self, lo: int, hi: int) -> Person | None:
        return next(self.iter_persons(lo, hi), None)

    # --- quotes, cues, dates --------------------------------------------------------------

    def outside(self, position: int) -> bool:
        k = bisect_left(self.opens, position) - 1
        return k < 0 or position > self.closes[k]

    def cues_in(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Cue words between lo and hi, outside quotes: (start, end, base past form).

        Read only around the quotes, where cues matter: scanning every word of the body
        for sixty cue forms is the costliest step here.
        """
        found = self.cue_cache.get((lo, hi))
        if found is None:
            found = [
                (m.start(), m.end(), cue_form(m))
                for m in CUE.finditer(self.body, lo, hi)
                if self.outside(m.start())
            ]
            self.cue_cache[lo, hi] = found
        return found

    def dates_in(self, lo: int, hi: int) -> list[DateMention]:
        k = bisect_left(self.date_starts, lo)
        found = []
        while k < len(self.dates) and self.dates[k].start < hi:
            found.append(self.dates[k])
            k += 1
        return found

    # --- sentences ------------------------------------------------------------------------

    def sentence_of(self, position: int) -> int:
        return bisect_left(self.sentences, position + 1) - 1

    def sentence_end(self, s: int) -> int:
        """Where sentence ``s`` ends: the next one's start, or its paragraph's end."""
        paragraph_end = self.paragraphs[self.sentence_para[s]][1]
        if s + 1 < len(self.sentences):
            return min(self.sentences[s + 1], paragraph_end)
        return paragraph_end

    def letters_around(self, raw: Raw) -> bool:
        """Whether the quote's sentence has a letter before or after it (quotes included).

        The first and last letter of each sentence are found once, so a sentence of
        thousands of short quotes is read once, not once per quote.
        """
        lo, hi = raw.sentence
        found = self.letters.get(lo)
        if found is None:
            first = _LETTER.search(self.body, lo, hi)
            last = -1
            if first is not None:
                last = hi - 1
                while not _LETTER.match(self.body, last):
                    last -= 1
            found = (first.start() if first else hi, last)
            self.letters[lo] = found
        return found[0] < raw.open or found[1] > raw.close

    def letters_before(self, raw: Raw) -> bool:
        """Whether the quote's sentence has a letter before its opening mark."""
        self.letters_around(raw)
        return self.letters[raw.sentence[0]][0] < raw.open

    def words_outside(self, lo: int, hi: int) -> Iterator[Span]:
        """The words and commas between lo and hi that stand outside quotes, lazily."""
        opens, closes, body = self.opens, self.closes, self.body
        k = max(0, bisect_left(opens, lo) - 1)
        for start, end in self.text.iter_tokens(lo, hi):
            first = body[start]
            if not (first.isalnum() or first in "_,"):
                continue
            while k < len(opens) and closes[k] < start:
                k += 1
            if k == len(opens) or not opens[k] < start <= closes[k]:
                yield start, end

    def paragraph_text_outside(self, number: int, raws: list[Raw]) -> str:
        lo, hi = self.paragraphs[number]
        pieces, cursor = [], lo
        for raw in raws:
            pieces.append(self.body[cursor : raw.open])
            cursor = min(raw.close + 1, hi)
        pieces.append(self.body[cursor:hi])
        return "".join(pieces)


@dataclass(frozen=True, slots=True)
class Said:
    """Who said a quote, with what cue, to whom and when, and the strategy that found it."""

    speaker: str | None
    cue: str | None
    addressee: str | None = None
    date: str | None = None
    precision: Precision | None = None
    strategy: str = ""
    cue_end: int = 0  # where the cue word ends in the body


@dataclass(frozen=True, slots=True)
class Last:
    """The last kept quote, for pronouns and for quotes that continue its speech."""

    close: int
    paragraph: int
    said: Said
