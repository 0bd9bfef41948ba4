"""What a word of a person's name looks like, and when two given names are one person's.

The patterns here encode the shape of a name (capitals, apostrophes, hyphens, initials),
not words: the words come from ``vocabulary``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from extraction.mentions.vocabulary import NICKNAMES, NOT_PEOPLE, PARTICLES, not_name

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
# A short phrase in quote marks on one line: a slogan or a title when its words are
# capitalised ("“We Love Trump”", "“Make Helsinki Great”").
_SHORT_QUOTE = re.compile(r"“([^“”\n]{3,80})”|\"([^\"“”\n]{3,80})\"")
_LETTER_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def is_name_word(word: str) -> bool:
    if not_name(word) or word in NOT_PEOPLE:
        return False
    return bool(NAME_WORD.fullmatch(word) or INITIAL_WORD.fullmatch(word))


def name_key(word: str) -> str:
    """A given name folded so transliterations compare equal: Yuriy, Yury -> iuri."""
    key = word.lower().rstrip(".").replace("ks", "x").replace("iy", "i").replace("y", "i")
    return key.replace("ii", "i")


def compatible(first: str, other: str) -> bool:
    """Whether two folded given names can be one person's: equal, an initial, a nickname,
    a shortening ("Alex", "Alexander") or a long name misspelt by one letter."""
    if not first or not other:
        return True
    if len(first) == 1 or len(other) == 1:
        return first[0] == other[0]
    if first == other or frozenset((first, other)) in NICKNAMES:
        return True
    shorter, longer = sorted((first, other), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return True
    # A long name misspelt by one letter is still the name ("Vladmir" for Vladimir).
    return len(shorter) >= _TYPO_LENGTH and _one_edit(shorter, longer)


_TYPO_LENGTH = 6


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, dropped, changed or two swapped."""
    if abs(len(a) - len(b)) > 1:
        return False
    lo = 0
    while lo < min(len(a), len(b)) and a[lo] == b[lo]:
        lo += 1
    if len(a) == len(b):
        rest_a, rest_b = a[lo + 1 :], b[lo + 1 :]
        swapped = a[lo : lo + 2] == b[lo : lo + 2][::-1] and a[lo + 2 :] == b[lo + 2 :]
        return rest_a == rest_b or swapped
    shorter, longer = sorted((a, b), key=len)
    return shorter[lo:] == longer[lo + 1 :]


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
    alias: str = ""  # the kind of register alias matched: "surname", "full_name"...


def title_quotes(body: str) -> list[Span]:
    """Short quoted phrases whose every long word is capitalised: slogans and titles, where
    capitals do not tell names (two such words at least)."""
    spans = []
    for match in _SHORT_QUOTE.finditer(body):
        inner = match.group(1) or match.group(2)
        words = [word for word in _LETTER_WORD.findall(inner) if len(word) >= 4]
        if len(words) < 2 or not all(word[0].isupper() for word in words):
            continue
        # A quoted name ("“Sarah Sanders”") is a name: a slogan has other words too.
        if NAME_SEQUENCE.fullmatch(inner) and not any(map(not_name, inner.split())):
            continue
        spans.append(match.span())
    return spans


def in_spans(spans: list[Span], offset: int) -> bool:
    """Whether ``offset`` lies in one of ``spans`` (sorted, not overlapping)."""
    index = bisect_left(spans, (offset + 1,)) - 1
    return index >= 0 and offset < spans[index][1]
