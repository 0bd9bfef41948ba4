"""Trigger words: the nouns and verbs that name a happening ("summit", "met", "said").

The lexicon is data (``events.toml``, see ``words.py``); this module scans a text for it
and drops the words that name no happening where they stand.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from extraction.events import words
from extraction.events.context import Mentions, Trigger, gap
from extraction.results import Quote
from extraction.text import Text

# A noun used as a modifier is no happening: "the summit declaration", "election offices".
_NOUN_MODIFIED = re.compile(r"\s+" + words.alternation("modified_by") + r"\b", re.IGNORECASE)
# How far a speech verb may stand from the quote it cues.
_CUE_REACH = 200


def scan(text: Text) -> list[Trigger]:
    """Every trigger word of the text, in order.

    Scanning the lower-cased view without IGNORECASE is about twice as fast; the full
    lexicon is tried only where a word starts like a trigger word (about four times faster
    than trying it at every word).
    """
    lowered = text.lower  # the body's offsets: a character that lower-cases to two stays
    matches, reached = [], 0
    for candidate in words.TRIGGER_START.finditer(lowered):
        if candidate.start() < reached:
            continue  # inside the last trigger: "imposed sanctions", "joint news ..."
        match = words.TRIGGER_WORD_LOWER.match(lowered, candidate.start())
        if match is not None:
            matches.append(match)
            reached = match.end()
    found = []
    for match in matches:
        assert match.lastgroup is not None  # every alternative is a named group
        entry = words.TRIGGERS[int(match.lastgroup[1:])]
        found.append(Trigger(match.start(), match.end(), entry.kind, entry.verb, entry.speech))
    return found


def keep(body: str, trigger: Trigger, mentions: Mentions) -> bool:
    """Drop trigger words that name no happening here.

    "called" is a call only with a person right after it ("he called Putin in March", not
    "called the meeting a success"); a noun that modifies another noun ("the summit
    declaration", "election offices") is not the happening itself.
    """
    word = body[trigger.start : trigger.end].lower()
    if trigger.verb and not trigger.speech and word in words.PERSON_AFTER:
        after = mentions.between(trigger.end, trigger.end + 3)
        return bool(after) and after[0][2].kind == "person"
    return not (not trigger.verb and _NOUN_MODIFIED.match(body, trigger.end))


def naming_as_speech(body: str, trigger: Trigger, cues: QuoteCues) -> Trigger:
    """ "called the talks 'better than super' on Monday": "called" that cues a quote is a
    speech verb (a statement), not a phone call; without a quote it stays a call word."""
    if (
        trigger.kind == "call"
        and trigger.verb
        and body[trigger.start : trigger.end].lower() == "called"
        and cues.cued_by(trigger) is not None
    ):
        return Trigger(trigger.start, trigger.end, "statement", True, True)
    return trigger


class QuoteCues:
    """The quotes of the article by the cue word that introduced them.

    A speech verb looks up only the quotes of its own word near it, so many short quotes
    cost no more per verb than a few (issue 15).
    """

    def __init__(self, text: Text, quotes: Sequence[Quote]) -> None:
        self._text = text
        # Quotes do not overlap, so in order of their starts their ends are in order too.
        self._by_cue: dict[str, tuple[list[int], list[Quote]]] = {}
        for quote in sorted(quotes, key=lambda q: q.start):
            if quote.cue:
                ends, items = self._by_cue.setdefault(quote.cue.lower(), ([], []))
                ends.append(quote.end)
                items.append(quote)

    def cued_by(self, trigger: Trigger) -> Quote | None:
        """The quote whose cue this speech verb is: same word, within the quote's sentence."""
        text = self._text
        found = self._by_cue.get(text.lower[trigger.start : trigger.end])
        if found is None:
            return None
        ends, items = found
        for index in range(bisect.bisect_right(ends, trigger.start - _CUE_REACH), len(items)):
            quote = items[index]
            if quote.start >= trigger.end + _CUE_REACH:
                break
            if gap(quote.start, quote.end, trigger.start, trigger.end) < _CUE_REACH and (
                _same_sentence(text, quote, trigger)
            ):
                return quote
        return None


def _same_sentence(text: Text, quote: Quote, trigger: Trigger) -> bool:
    """No sentence ends between the quote's nearer mark and the verb."""
    mark = quote.end if quote.end <= trigger.start else quote.start - 1
    return text.sentence_index(mark) == text.sentence_index(trigger.start)
