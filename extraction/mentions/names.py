"""What a word of a person's name looks like, and when two given names are one person's.

The patterns here encode the shape of a name (capitals, apostrophes, hyphens, initials),
not words: the words come from ``vocabulary``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extraction.mentions.vocabulary import NICKNAMES, NOT_NAME, NOT_PEOPLE, PARTICLES

Span = tuple[int, int]


def _letters(upper: bool) -> str:
    chars = (chr(code) for code in range(0x41, 0x530))
    return "".join(c for c in chars if c.isalpha() and c.isupper() == upper) + (
        "" if upper else "\u0300-\u036f"  # combining accents of decomposed text
    )


UP = _letters(upper=True)
LO = _letters(upper=False)
# One word of a name: Lindqvist, O'Brien, McCain, DeVos, Jean-Claude, al-Assad, Niinistö.
# A capital may come back after at most two small letters (Mc, De, O'), which keeps
# run-together menu words ("ResignationDiversity") and acronyms ("CEO") out.
_WORD_TAIL = rf"(?:[{LO}]{{0,2}}['’]?[{UP}])?[{LO}]+(?:-[{UP}][{LO}]+)*(?!\w)"
WORD = rf"(?:(?:al|el)-)?[{UP}]{_WORD_TAIL}"
INITIAL = rf"[{UP}]\.(?:[{UP}]\.)?(?!\w)"  # "R.", "T.S."
GAP = r"[ \u00a0]+"  # names never run over a line break
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES)) + ")"
# The sequence starts with a character class, so the engine skips straight to capitals;
# the look-behind after it keeps a sequence from starting inside a word.
NAME_SEQUENCE = re.compile(
    rf"[{UP}](?<![\w\-’'].)(?:{_WORD_TAIL}|\.(?!\w))"
    rf"(?:{GAP}(?:{_PARTICLE}{GAP})*(?:{WORD}|{INITIAL}))*"
)
NAME_WORD = re.compile(WORD)
INITIAL_WORD = re.compile(INITIAL)
NAME_AFTER = re.compile(rf"{GAP}(?:{WORD}|{INITIAL})")
SENTENCE_OPENERS = "\"'“‘([—–-"


def is_name_word(word: str) -> bool:
    if word in NOT_NAME or word in NOT_PEOPLE:
        return False
    return bool(NAME_WORD.fullmatch(word) or INITIAL_WORD.fullmatch(word))


def name_key(word: str) -> str:
    """A given name folded so transliterations compare equal: Yuriy, Yury -> iuri."""
    key = word.lower().rstrip(".").replace("ks", "x").replace("iy", "i").replace("y", "i")
    return key.replace("ii", "i")


def compatible(first: str, other: str) -> bool:
    """Whether two folded given names can be one person's: equal, an initial, a nickname
    or a shortening ("Alex", "Alexander")."""
    if not first or not other:
        return True
    if len(first) == 1 or len(other) == 1:
        return first[0] == other[0]
    if first == other or frozenset((first, other)) in NICKNAMES:
        return True
    shorter, longer = sorted((first, other), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)


def clean(word: str) -> str:
    """A word as a lower-case key: no possessive, no edge punctuation ("Kremlin's" -> kremlin)."""
    word = word.strip(SENTENCE_OPENERS + ',;:!?”’"').lower()
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    return word.rstrip(".") if word.count(".") == 1 else word


class Hit(NamedTuple):
    """One mention found: its span, whom it names and which strategy found it."""

    start: int
    end: int
    key: int  # a register entry index, or len(entries) + the index of an unknown person
    strategy: str
