"""The words around a date expression, read through the one text model (``Text``).

A handler asks for the word that touches an expression ("Black Friday", "No. 2014",
"the leaders’ summit") or for the words of its sentence on one side; all of it comes
from the tokens of ``Text``, never from a split of the step's own.

>>> text = Text.of("Flight No. 2014 left. The leaders’ July 16 summit")
>>> word_before(text, text.body.index("2014")), word_before(text, text.body.index("July"))
('No', 'leaders’')
>>> word_after(text, text.body.index(" left")), word_after(text, text.body.index(". The"))
('left', '')
"""

from __future__ import annotations

from extraction.text import Span, Text

# Marks that a word may carry without a space: "No." (a label), "leaders’" (a possessive).
_GLUED = ".-’'"
# What, right before a word, makes it open a sentence or a clause of its own.
_OPENERS = ".!?\"“”‘’'(:;—–-"


def is_word(text: Text, span: Span) -> bool:
    first = text.body[span[0]]
    return first.isalnum() or first == "_"


def blank_before(body: str, offset: int) -> int:
    """Where the run of spaces and tabs that ends at ``offset`` starts."""
    while offset > 0 and body[offset - 1] in " \t":
        offset -= 1
    return offset


def word_before(text: Text, offset: int) -> str:
    """The word, as written, that ends right before ``offset`` with only blanks between
    ("" after a punctuation mark or a line break). A full stop or an apostrophe glued
    to it is kept where it makes a label or a possessive: "No", "leaders’"."""
    body = text.body
    end = blank_before(body, offset)
    last = text.token_at(end - 1) if end else None
    if last is None or last[1] != end:
        return ""  # a line break, or the middle of a token ("pre-" of "pre-July")
    first = body[last[0]]
    if first.isalnum() or first == "_":
        return body[last[0] : end]
    if first in _GLUED and last[0] > 0:
        word = text.token_at(last[0] - 1)
        if word is not None and word[1] == last[0] and is_word(text, word):
            return body[word[0] : end].strip(".-")
    return ""


def word_after(text: Text, offset: int) -> str:
    """The word, as written, that starts right after ``offset`` with only blanks between
    ("" before a punctuation mark, a line break, or inside a word)."""
    body = text.body
    start = offset
    while start < len(body) and body[start] in " \t":
        start += 1
    first = text.token_at(start)
    if first is None or first[0] != start:
        return ""
    return body[first[0] : first[1]] if is_word(text, first) else ""


def starts_sentence(text: Text, offset: int) -> bool:
    """Whether nothing but a sentence or clause opening stands before ``offset`` on its line."""
    spans = text.tokens_before(offset, 1)
    if not spans or "\n" in text.body[spans[-1][1] : offset]:
        return True
    return text.body[spans[-1][1] - 1] in _OPENERS


def is_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())
