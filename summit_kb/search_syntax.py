"""The one search syntax of the site, read once and written out for each database.

Readers type what web search engines taught them: ``"witch hunt"`` for a phrase, ``Putin OR
Bolton`` for either, ``-Bolton`` to leave a word out and ``negotiat*`` for any word that
starts so. PostgreSQL's ``websearch_to_tsquery`` knows the first three but no prefix, and
SQLite's FTS5 has a different grammar altogether, so the query is parsed here, in one place,
and compiled to a ``tsquery`` for PostgreSQL and to an FTS5 ``MATCH`` expression for SQLite:
the same query means the same thing on both.

>>> parsed = search_parse('“witch hunt” Putin OR Bolton -Pence summ*')
>>> [[t.text for t in group] for group in parsed.groups]
[['witch hunt'], ['Putin', 'Bolton'], ['summ']]
>>> fts5_match(parsed)
'"witch hunt" AND ("Putin" OR "Bolton") AND "summ"* NOT "Pence"'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Straight and typographic double quotes all open and close a phrase: the page's own example
# is typed with curly quotes, and phones insert them.
_QUOTE_MARKS = '"“”„«»'
# A word is anything between spaces and quote marks; punctuation around it is dropped.
_TOKEN = re.compile(r"(-?)([%s])([^%s]*)([%s]?)|([^\s%s]+)" % ((re.escape(_QUOTE_MARKS),) * 4))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EDGE_PUNCTUATION = "\"'‘’.,;:!?()[]{}<>“”„«»"
_HAS_WORD = re.compile(r"\w")
MAX_TERMS = 16  # a longer query is a paste, not a search; the rest is ignored


@dataclass(frozen=True)
class Term:
    """A word (``phrase=False``) or a phrase of words, as the reader typed it."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """Every group must match; a group matches when any of its terms does. A match must
    contain none of ``excluded``. Empty when nothing searchable was typed."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)


def search_parse(q: str) -> ParsedQuery:
    """Read a query in the site's syntax. Never fails: a lone quote mark opens a phrase that
    runs to the end, a NUL or control character is a space, and a query of exclusions alone
    finds nothing (it would otherwise list the whole corpus)."""
    q = _CONTROL.sub(" ", q)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False  # the previous token was OR
    count = 0
    for match in _TOKEN.finditer(q):
        if count >= MAX_TERMS:
            break
        negated, _, phrase_text, _, word = match.groups()
        if word is not None:
            if word.upper() == "OR":
                join_next = bool(groups)
                continue
            negated = "-" if word.startswith("-") and len(word) > 1 else ""
            word = word[1:] if negated else word
            prefix = word.rstrip(_EDGE_PUNCTUATION).endswith("*")
            text = word.strip(_EDGE_PUNCTUATION + "*")
            term = Term(text=text, prefix=prefix)
        else:
            text = " ".join(phrase_text.split())
            term = Term(text=text, phrase=True)
        if not _HAS_WORD.search(term.text):
            continue
        count += 1
        if negated:
            excluded.append(term)
            join_next = False
        elif join_next and groups:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    return ParsedQuery(groups=tuple(tuple(g) for g in groups), excluded=tuple(excluded))


def words_of(parsed: ParsedQuery) -> list[str]:
    """The words a reader looked for, for highlighting where the database does not."""
    return [word for group in parsed.groups for term in group for word in term.text.split()]


# --- SQLite FTS5 ----------------------------------------------------------------------------


def _fts5_term(term: Term) -> str:
    # Inside an FTS5 string every character is literal except the doubled quote mark.
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def fts5_match(parsed: ParsedQuery) -> str:
    """The FTS5 ``MATCH`` expression for ``parsed`` (fully bracketed, so FTS5's own operator
    precedence, which differs from web search's, never decides)."""
    parts = []
    for group in parsed.groups:
        terms = [_fts5_term(term) for term in group]
        parts.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    expression = " AND ".join(parts)
    for term in parsed.excluded:
        expression += " NOT " + _fts5_term(term)
    return expression


# --- PostgreSQL -----------------------------------------------------------------------------


def pg_search_query(parsed: ParsedQuery, *, config: str = "english"):
    """A Django ``SearchQuery`` for ``parsed``: words through ``to_tsquery`` (quoted, so no
    character typed can be an operator), phrases through ``phraseto_tsquery``, combined with
    the ``tsquery`` operators. The text goes to the database as parameters."""
    from django.contrib.postgres.search import SearchQuery

    def one(term: Term) -> SearchQuery:
        if term.phrase:
            return SearchQuery(term.text, search_type="phrase", config=config)
        quoted = "'" + term.text.replace("\\", "\\\\").replace("'", "''") + "'"
        return SearchQuery(quoted + (":*" if term.prefix else ""), search_type="raw", config=config)

    query = None
    for group in parsed.groups:
        either = one(group[0])
        for term in group[1:]:
            either = either | one(term)
        query = either if query is None else query & either
    for term in parsed.excluded:
        query = query & ~one(term)
    return query
