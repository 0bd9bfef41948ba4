"""The "weekday" strategy: "on Wednesday", "next Tuesday", "Monday's summit".

News names a weekday for the days around publication; which one the tense says, and
for a happening that is talked of ("discussed the president's meeting with Putin on
Monday", "ahead of the summit on Monday") the happening, not the verb of talk before
it (see ``event_governor``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from extraction.dates import vocabulary as v
from extraction.dates.reading import blank_before, is_possessive, word_after, word_before
from extraction.dates.resolve import Outcome, Refusal, found, weekday_number
from extraction.dates.tense import Context, Words
from extraction.lexicon import alternation
from extraction.text import Text

Governor = Literal["talk", "ahead"] | None

_EVENT_REACH = 160  # characters before the weekday
_EVENT_NOUN_REACH = 8  # words between the event noun and "on"
_GOVERNOR_REACH = 5  # words between the determiner and the verb of talk
_EVENT_NOUN = re.compile(alternation(v.WORDS["event_nouns"]))
# The last of the words that look ahead ("ahead of", "preparing for").
_LOOKING_AHEAD_LAST = frozenset({"for"} | {pair[1] for pair in v.LOOKING_AHEAD})


def weekday(m: re.Match[str], ctx: Context) -> Outcome:
    text = ctx.text
    previous = word_before(text, m.start()).lower()
    if m["wd_mod"] is None:  # the match starts with the name
        if (
            previous in v.WORDS["weekday_name_before"]
            or word_after(text, m.end("wd_name")).lower() in v.WORDS["weekday_name_after"]
        ):
            return Refusal("a weekday inside a name")
        if previous in v.WORDS["any_day"]:
            return Refusal("any such weekday, not one day")
    if ctx.published is None:
        return Refusal("a weekday needs the publication date")
    day = weekday_number(m["wd_name"])
    assert day is not None
    modifier = " ".join((m["wd_mod"] or "").lower().split())
    published = ctx.published
    back = (published.weekday() - day) % 7  # days back to the latest such day, 0 = today
    ahead = (day - published.weekday()) % 7  # days ahead to the next such day, 0 = today
    possessive = is_possessive(ctx.body[m.start() : m.end() + 2])
    if modifier == "last":
        # News says "on Friday" or "yesterday" for the day just gone: "last Friday" in
        # Saturday's paper is the Friday of the week before. So the latest such day at
        # least two days back: from a Wednesday "last Monday" is two days ago.
        offset = -(back if back >= 2 else back + 7)
    elif modifier == "next":
        # The same the other way: "next Monday" in Saturday's paper is two days ahead,
        # in Sunday's (when tomorrow would say "on Monday") the Monday after.
        offset = ahead if ahead >= 2 else ahead + 7
    elif modifier in ("this past", "past"):
        offset = -(back or 7)  # strictly before publication
    elif modifier in ("this coming", "coming"):
        offset = ahead or 7  # strictly after publication
    elif previous == "for" and not possessive:
        # "marches announced for Sunday", "a vote called for Friday": the day something
        # is set for lies ahead, whatever the tense of the setting.
        offset = ahead
    elif ctx.tense(m.start(), m.end()) == "future":
        offset = ahead  # "will meet on Monday": the Monday after
    elif governor := event_governor(text, m.start()):
        # "discussed the president's meeting with Putin on Monday": the verb dates the
        # talk, not the meeting, which is as likely to come as gone; news names a
        # weekday for the days around publication, so take the nearer one. After
        # "ahead of" the event comes after what the clause tells, which news reports
        # within a day or two: the first such day at most two days back.
        if governor == "talk":
            offset = ahead if ahead < back else -back
        else:
            offset = -back if back <= 2 else ahead
    elif possessive:
        # "cancel Monday's summit", "bracing for Monday's summit": a happening named by its
        # day; the verb around it dates the talk about it, not the happening, so the
        # nearer such day (the one gone on a tie).
        offset = ahead if ahead < back else -back
    else:
        # Past tense, or no tense at all: news copy names a weekday for the days just
        # gone, so the nearest such day that is not after publication (the day itself
        # included: "announced on Thursday" in Thursday's paper).
        offset = -back
    return found(m, (published + dt.timedelta(days=offset)).isoformat(), "day")


def event_governor(text: Text, start: int) -> Governor:
    """What governs the event noun that "on <weekday>" at ``start`` belongs to: a verb of
    talk ("discussed the president's meeting … on Monday"), a word that looks ahead
    ("ahead of the summit on Monday", "preparing for his visit … on Friday"), or None.

    A verb of talk must have the weekday shown to belong to the noun: by a possessive
    ("Trump's visit on Monday") or words after the noun ("the meeting with Putin in
    Helsinki on Monday"). Without either, "discussed the summit on Monday" is the day
    of the talk, as usual; a date after "ahead of the summit" has nothing else to date.

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
    if last != "on":
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
    # The governor, maybe across a first object: "discussed Russia and the president's…".
    for back in range(index - 1, max(-1, index - 1 - _GOVERNOR_REACH), -1):
        word = lower[back]
        previous = lower[back - 1] if back else ""
        if _looks_ahead(previous, word):
            return "ahead"
        if word in v.TALK_VERBS or (
            word in v.WORDS["talk_particles"] and previous in v.TALK_ABOUT_VERBS
        ):
            return "talk" if possessive or after_noun else None
        if word in v.GOVERNOR_STOPS or marks[back + 1][:1] in (".", "!", "?", ";", ":"):
            return None
    return None


def _looks_ahead(previous: str, word: str) -> bool:
    return (previous, word) in v.LOOKING_AHEAD or (word == "for" and previous in v.WORDS["prepare"])
