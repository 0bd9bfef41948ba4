"""Speakers named by a description: "the senator", "the Arizona Republican", "a Putin aide".

A description in a cue's subject slot stands for a person the text names elsewhere: a
definite one ("the senator") for the last speaker or the most recent person it fits, an
indefinite one ("another senator", "a Putin aide") for a person named after it. A person
fits a description when the words of his titles and appositives in the text hold its
head noun ("Sen. Bob Corker" fits "the senator"); he contradicts it when they hold
another head of the same table (a president is not "the senator"), and he is unknown to
it otherwise (a senator may be "the Arizona Republican"). The tables are in
``quotes.toml`` under ``descriptions``.
"""

from __future__ import annotations

import re
from typing import Literal

from extraction import lexicon
from extraction.quotes.index import Index
from extraction.quotes.vocabulary import CUE_FORMS, DETERMINERS, NOT_TITLE

Fit = Literal["yes", "no", "unknown"]

_TABLES = lexicon.load("quotes")["descriptions"]
# head noun -> (its table, the title words that fit it)
_HEADS = {
    head: (table, frozenset(words))
    for table, heads in _TABLES.items()
    for head, words in heads.items()
}
_TABLE_WORDS = {
    table: frozenset(word for words in heads.values() for word in words)
    for table, heads in _TABLES.items()
}
_DESCRIPTION = re.compile(
    r"(?<![\w’'-])(?P<det>(?i:the|an?|another))\s+(?P<mods>(?:[\w’'.-]+\s+){0,4}?)"
    r"(?P<head>(?i:" + lexicon.alternation(_HEADS) + r"))$"
)
_NOT_IN_TITLE = NOT_TITLE | DETERMINERS
_REACH = 80  # characters a description may span before its verb
_TITLE_TOKENS = 5  # tokens before a mention read as its title
_APPOSITIVE_TOKENS = 12  # tokens after a mention read as its appositive


def description_before(index: Index, end: int, lo: int) -> tuple[bool, str, int] | None:
    """The description ending at ``end``: (definite, head noun, where it starts), or None.

    ``the Arizona Republican``, ``another top Republican senator``, ``a Putin aide``.
    """
    match = _DESCRIPTION.search(index.body, max(lo, end - _REACH), end)
    if match is None:
        return None
    for word in match["mods"].split():
        if word.lower() in NOT_TITLE or word in CUE_FORMS:
            return None  # "the ministry thanked the senator": a clause, not a description
    return match["det"].lower() == "the", match["head"].lower(), match.start()


def roles_of(index: Index, name: str) -> frozenset[str]:
    """The lower-case words of a person's mentions, titles and appositives in the text."""
    key = ("roles", name)
    if key in index.memo:
        return index.memo[key]
    text, body = index.text, index.body
    words: set[str] = set()
    for entity in index.entities:
        if entity.name != name:
            continue
        for start, end in entity.mentions:
            spans = text.tokens(start, end)
            for span in reversed(text.tokens_before(start, _TITLE_TOKENS)):
                token = index.text.lower[span[0] : span[1]]
                if not (token[0].isalnum() or token == ".") or token in _NOT_IN_TITLE:
                    break  # "breakfast with NATO Secretary General X": the title ends at "with"
                spans.append(span)
            if body.startswith((",", " of "), end):
                commas = 0
                for span in text.tokens_after(end, _APPOSITIVE_TOKENS):
                    commas += body[span[0]] == ","
                    if commas == 2 or body[span[0]] in ".;:":
                        break
                    spans.append(span)
            for s, e in spans:
                words.update(part.strip(".") for part in index.text.lower[s:e].split("-"))
    found = frozenset(words)
    index.memo[key] = found
    return found


def fits(head: str, roles: frozenset[str]) -> Fit:
    """Whether a person with these title words fits a description with this head noun."""
    table, words = _HEADS[head]
    if roles & words:
        return "yes"
    return "no" if roles & _TABLE_WORDS[table] else "unknown"
