"""Small text helpers shared by the apps."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun in the right number.

    >>> counted(1, "article"), counted(3, "entity", "entities")
    ('1 article', '3 entities')
    """
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def normalise_name(text: str) -> str:
    """The form aliases are matched by: accents folded, lower case, punctuation as one space.

    >>> normalise_name("  Yuri  Ushakov’s ")
    'yuri ushakov s'
    >>> normalise_name("Andréy KORTUNOV")
    'andrey kortunov'
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", folded.casefold()).strip()
