"""A happening named before a date: "ahead of the summit on Monday", "discussed the
president's meeting with Putin on Monday", "preparations for the meeting on July 16".

Such a date belongs to the happening the noun names, not to the verb of talk or the
clause around it; ``event_governor`` finds what governs that noun.
"""

from __future__ import annotations

import re
from typing import Literal

from extraction.dates import vocabulary as v
from extraction.dates.reading import blank_before, is_possessive, word_before
from extraction.dates.tense import Words
from extraction.lexicon import alternation
from extraction.text import Text

Governor = Literal["talk", "ahead"] | None

_EVENT_REACH = 160  # characters before the weekday
_EVENT_NOUN_REACH = 8  # words between the event noun and "on"
_GOVERNOR_REACH = 5  # words between the determiner and the verb of talk
_EVENT_NOUN = re.compile(alternation(v.WORDS["event_nouns"]))
# The last of the words that look ahead ("ahead of", "preparing for").
_LOOKING_AHEAD_LAST = frozenset({"for"} | {pair[1] for pair in v.LOOKING_AHEAD})


def event_governor(
    text: Text, start: int, *, link: str = "on", reporting: bool = False
) -> Governor:
    """What governs the event noun that "on <weekday>" at ``start`` belongs to: a verb of
    talk ("discussed the president's meeting … on Monday"), a word that looks ahead
    ("ahead of the summit on Monday", "preparing for his visit … on Friday"), or None.

    A verb of talk must have the weekday shown to belong to the noun: by a possessive
    ("Trump's visit on Monday") or words after the noun ("the meeting with Putin in
    Helsinki on Monday"). Without either, "discussed the summit on Monday" is the day
    of the talk, as usual; a date after "ahead of the summit" has nothing else to date.

    A date with its month reads the same ("preparations for the meeting in Helsinki on
    July 16", ``link="in"`` for "ahead of a summit in July"); with ``reporting`` every
    verb that reports counts as talk and a bare noun is enough ("announced the summit
    on July 16"): the day of a report is no reason to move a named day a year away.

    >>> def governor(body):
    ...     return event_governor(Text.of(body), body.index("Monday"))
    >>> governor("They discussed the president's meeting with Putin in Helsinki on Monday.")
    'talk'
    >>> governor("They discussed the summit on Monday.") is None
    True
    >>> governor("Allies met in Brussels ahead of the summit on Monday.")
    'ahead'
    >>> governor("Allies met in Brussels ahead of Monday's summit.")
    'ahead'
    """
    last = word_before(text, start)
    if last != link:
        # "ahead of Monday's summit", "preparing for Friday's vote"
        last_start = blank_before(text.body, start) - len(last)
        if last in _LOOKING_AHEAD_LAST and _looks_ahead(
            word_before(text, last_start).lower(), last
        ):
            return "ahead"
        return None
    lo = max(text.sentence_at(start)[0], start - _EVENT_REACH)
    if not _EVENT_NOUN.search(text.lower, lo, start):
        return None  # no happening named before "on <weekday>": a scan in C spares the walk
    words = Words(text, lo, start)
    lower, written, marks = words.words, words.written(), words.marks
    index = len(lower) - 1
    if index < 2:
        return None
    index -= 1
    # Words after the event noun, led by a preposition: "with Russian President Vladimir
    # Putin in Helsinki", "with the king". A verb among them ("the meeting was held")
    # means the weekday is in a clause of its own.
    after_noun = 0
    while lower[index] not in v.WORDS["event_nouns"] or words.glued(index):
        word = written[index]
        if words.glued(index) or word in v.NOT_ADJECTIVES or word.endswith("ed"):
            return None
        after_noun += 1
        index -= 1
        if index < 1 or after_noun > _EVENT_NOUN_REACH:
            return None
    if after_noun and written[index + 1] not in v.WORDS["noun_phrase_links"]:
        return None  # "the talks Lavrov…" is no noun phrase
    # Before the noun: up to two adjectives, then a determiner ("his first formal meeting").
    for _ in range(3):
        index -= 1
        if index < 0:
            return None
        if words.glued(index) or lower[index] in v.NOT_ADJECTIVES:
            return None
        if lower[index] in v.TENSE["determiners"] or is_possessive(lower[index]):
            break
    else:
        return None
    possessive = is_possessive(lower[index])
    # The possessor's own words: "the president's", "Russian President Vladimir Putin's".
    while (
        possessive
        and index > 0
        and (written[index - 1][:1].isupper() or written[index - 1] == "the")
    ):
        index -= 1
    talk = v.REPORTING if reporting else v.TALK_VERBS
    # The governor, maybe across a first object: "discussed Russia and the president's…".
    for back in range(index - 1, max(-1, index - 1 - _GOVERNOR_REACH), -1):
        word = lower[back]
        previous = lower[back - 1] if back else ""
        if _looks_ahead(previous, word):
            return "ahead"
        if word in talk or (word in v.WORDS["talk_particles"] and previous in v.TALK_ABOUT_VERBS):
            # A verb that reports takes the phrase right after it as what it reports:
            # "announced the summit", not "spoke at an Asia-Pacific summit".
            direct = back == index - 1 or word in v.WORDS["talk_particles"]
            return "talk" if possessive or after_noun or (reporting and direct) else None
        if word in v.GOVERNOR_STOPS or marks[back + 1][:1] in (".", "!", "?", ";", ":"):
            return None
    return None


def _looks_ahead(previous: str, word: str) -> bool:
    return (previous, word) in v.LOOKING_AHEAD or (word == "for" and previous in v.WORDS["prepare"])
