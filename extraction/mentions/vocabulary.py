"""The words of the mentions step, read once from the data files and derived into tables.

``data/lexicon/people.toml`` holds the lists (honorifics, role nouns, titles, kin and
rank words, organisation heads, nationalities, words that are never names...);
``data/given_names.json`` and ``data/not_people.json`` the names; the speech verbs that
make a name a person come from ``data/lexicon/speech_verbs.toml`` through
``extraction.lexicon``. Nothing here is a word list kept in code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from extraction import lexicon

_DATA = Path(__file__).resolve().parent.parent / "data"


def _people(key: str) -> frozenset[str]:
    return lexicon.words("people", key)


def _word_list(filename: str, *only: str) -> frozenset[str]:
    groups = json.loads((_DATA / filename).read_text(encoding="utf-8"))["names"]
    return frozenset(
        name for group, names in groups.items() if not only or group in only for name in names
    )


GIVEN_NAMES = _word_list("given_names.json")  # lower-case
# Only names of one sex everywhere: "Mrs. Trump" is not Donald Trump.
MALE_NAMES = _word_list("given_names.json", "english_male")
FEMALE_NAMES = _word_list("given_names.json", "english_female")
NOT_PEOPLE = _word_list("not_people.json")  # as written

HONORIFICS = _people("honorifics")
ROLE_NOUNS = _people("role_nouns")
ROLE_VOCAB = ROLE_NOUNS | _people("role_words")
ROYAL_TITLES = _people("royal_titles")
REIGNING = _people("reigning_titles")
KIN_WORDS = _people("kin_words")
PLACE_PREPOSITIONS = _people("place_prepositions")
RANK_WORDS = _people("rank_words")
TITLE_WORDS = HONORIFICS | ROLE_NOUNS | _people("title_words")
DAYS_AND_MONTHS = _people("days_and_months")
MONTH_SURNAMES = _people("month_surnames")
NATIONALITIES = _people("nationalities")
ORG_HEADS = _people("organisation_heads")
NOT_NAME = _people("not_names") | DAYS_AND_MONTHS | NATIONALITIES | ORG_HEADS
PARTICLES = _people("particles")
NICKNAMES = frozenset(frozenset(pair.split("/")) for pair in _people("nicknames"))
TIME_WORDS = _people("time_words")
POSSESSIVE_TIME_WORDS = _people("possessive_time_words")
BASE_ROLES = ROLE_NOUNS | _people("compound_roles")
ROLE_PREPOSITIONS = _people("role_prepositions")
MEDIA_NOUNS = _people("media_nouns")


def not_name(word: str) -> bool:
    """Whether a capitalised word is never part of a name: one of ``NOT_NAME``, or a
    compound of them ("Secretary-General", "Vice-President")."""
    return word in NOT_NAME or ("-" in word and all(p in NOT_NAME for p in word.split("-")))


def is_title(key: str) -> bool:
    """Whether a lower-case word is a title before a name ("senator", "secretary-general")."""
    if key in TITLE_WORDS:
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in TITLE_WORDS or p in ROLE_VOCAB for p in parts)


def is_role_word(key: str) -> bool:
    """Whether a lower-case word may be part of a role phrase ("secretary-general")."""
    if key in ROLE_VOCAB:
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in ROLE_VOCAB for p in parts)


# Speech verbs: a name next to one is a person's ("…, Lindqvist argued"); some stand
# right before the speaker's name ("…,” said Lindqvist"), fewer before a lone surname.
_SPOKEN = ("past", "present")
CUE_VERBS = lexicon.speech_forms("person", tenses=_SPOKEN)
CUES_BEFORE = lexicon.speech_forms("before")  # "quoting Lindqvist", "telling Berg"
CUES_BEFORE_SINGLE = lexicon.speech_forms("single", tenses=_SPOKEN)


def alternation(key: str) -> str:
    """A regex for any entry of a ``people.toml`` list; words of an entry are split by
    white space ("has also" matches "has  also")."""
    entries = load_list(key)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, e.split())) for e in entries) + ")"


def load_list(key: str) -> list[str]:
    """A list of ``people.toml`` in its written order."""
    return list(lexicon.load("people")[key])
