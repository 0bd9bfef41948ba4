"""The words the dates step reads, from ``data/lexicon/dates.toml`` and ``tense.toml``.

Only derived tables are built here (the sets a hot loop tests against, the names the
scanner's patterns are made of); every word is in the data files.

>>> MONTHS[6], WEEKDAYS[0], NUMBER_WORDS["twelve"]
('July', 'Monday', 12)
>>> "discussed" in TALK_VERBS, "talked" in TALK_ABOUT_VERBS, "talked" in TALK_VERBS
(True, True, False)
"""

from __future__ import annotations

from extraction import lexicon
from extraction.lexicon import SpeechFlag

_DATES = lexicon.load("dates")
_TENSE = lexicon.load("tense")


def _speech(flag: SpeechFlag) -> frozenset[str]:
    """Every form of the speech verbs with ``flag``, the lemma too ("discuss")."""
    verbs = lexicon.speech_verbs().values()
    return frozenset(
        form for verb in verbs if flag in verb.flags for form in (verb.lemma, *verb.forms)
    )


# --- the calendar ---------------------------------------------------------------------------

WEEKDAYS: tuple[str, ...] = tuple(_DATES["weekdays"])
MONTHS: tuple[str, ...] = tuple(_DATES["months"])
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(_DATES["month_abbreviations"])
MONTH_PREFIXES = tuple(month[:3].lower() for month in MONTHS)
NUMBER_WORDS: dict[str, int] = dict(_DATES["number_words"])
DAY_OFFSETS: dict[str, int] = dict(_DATES["day_offsets"])
PARTS_OF_DAY: tuple[str, ...] = tuple(_DATES["words"]["parts_of_day"])
WITH_PART_OF_DAY: tuple[str, ...] = tuple(_DATES["words"]["with_part_of_day"])
SEASONS: tuple[str, ...] = tuple(_DATES["words"]["seasons"])

# --- where the scanner runs (see scanner.candidates) -----------------------------------------

ANCHOR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(MONTH_ABBREVIATIONS)
ANCHOR_WORDS |= frozenset(_DATES["words"]["capital_anchors"])
LOWER_ANCHORS = tuple(sorted(_DATES["words"]["lower_anchors"]))
# The words an alternative of the scanner can start with, lower-cased.
STARTERS = (
    frozenset(name.lower() for name in (*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS))
    | {str(n) for n in range(32)}
    | {f"{n:02d}" for n in range(10)}
    | frozenset(NUMBER_WORDS)
    | frozenset(_DATES["words"]["starters"])
)

# --- word lists, by their names in the files ------------------------------------------------

# dates.toml [words]: "labels" ("Flight 2017"), "event_nouns" ("the summit on Monday")...
WORDS: dict[str, frozenset[str]] = {key: frozenset(words) for key, words in _DATES["words"].items()}
# tense.toml: "future" ("will"), "irregular_past" ("met"), "clause_words" ("and")...
TENSE: dict[str, frozenset[str]] = {key: frozenset(words) for key, words in _TENSE.items()}

# --- tables derived from them --------------------------------------------------------------

TALK_VERBS = _speech("talk_of")
TALK_ABOUT_VERBS = TALK_VERBS | _speech("talk_about")
LOOKING_AHEAD = frozenset(tuple(pair.split()) for pair in WORDS["looking_ahead"])
THEN_VERBS = TENSE["schedule"] | TENSE["then_schedule"]
# Verbs that report what was said: their tense is of the report, not of what it names
# ("a spokesman said Tuesday the July 16 summit …").
REPORTING = _speech("statement") | _speech("cue") | TALK_VERBS
# Every word tense.word_tense can call a marker, apart from -ed forms and "'ll": a cheap
# test that spares looking at the neighbours of all the other words.
MARKER_WORDS = THEN_VERBS.union(
    *(
        TENSE[key]
        for key in (
            "future",
            "past",
            "irregular_past",
            "perfect_participles",
            "present_be",
            "intent",
            "set_for",
            "plural_schedule",
            "expected",
        )
    )
)
# Words that cannot be an adjective before an event noun ("had discussed meeting").
NOT_ADJECTIVES = MARKER_WORDS | TENSE["clause_words"]
# A new clause ends the search for the verb that governs an event noun; "and" joins objects.
GOVERNOR_STOPS = TENSE["clause_words"] - {"and"}
