"""The demo corpus shows every real quote under the person who really said it.

``demo/corpus/README.md`` lists, in its table "Quotes by real people", every quote a real
person says in the corpus, who said it, when, and in which files. Each file goes through
parse, mentions, dates and quotes (the steps before quotes are the real ones, so this also
guards what the site shows), and every listed quote must come out, found by its first
words, with that speaker. A wrong real person under a real quote is the worst mistake the
site can make, so a quote may also never come out under another named person, nor with a
date other than the one it was said on. The same README names quote marks that are not
speech (online personas, a coined term); they must not come out as quotes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extraction.dates import find_dates
from extraction.mentions import find_entities
from extraction.parse import parse_document
from extraction.quotes import find_quotes
from extraction.register import Register
from extraction.results import Quote

CORPUS = Path(__file__).resolve().parents[2] / "demo" / "corpus"
README = CORPUS / "README.md"
# How many words of a quote identify it: enough to tell two quotes of one file apart.
FIRST_WORDS = 5


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _first_words(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", _normalise(text).lower())[:FIRST_WORDS])


def _real_quotes() -> list[tuple[str, str, str, str]]:
    """(file prefix, speaker, date said, quote) for every row and file of the README table."""
    if not README.is_file():
        return []
    section = README.read_text("utf-8").split("## Quotes by real people", 1)[-1]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("speaker", "") or set(cells[0]) <= {"-", " "}:
            continue
        speaker, said, _, quote, files = cells
        for prefix in re.findall(r"\d\d", files):
            rows.append((prefix, speaker, said, quote.strip('"')))
    return rows


def _not_speech() -> list[str]:
    """The quoted names and terms the README says are not speech."""
    if not README.is_file():
        return []
    text = README.read_text("utf-8")
    paragraph = text.split("Quote marks that are not speech", 1)[-1].split("\n\n", 1)[0]
    # "DCLeaks" or 'Finlandisation' (an apostrophe inside a word does not close it).
    return [double or single for double, single in _QUOTED.findall(paragraph)]


_QUOTED = re.compile(r"\"([^\"]+)\"|'(\w[\w' .-]*?\w)'(?!\w)")
_cache: dict[str, tuple[Quote, ...]] = {}


def _quotes_of(prefix: str) -> tuple[Quote, ...]:
    if prefix not in _cache:
        (path,) = CORPUS.glob(f"{prefix}_*")
        document = parse_document(path.read_bytes(), filename=path.name)
        published = document.published.date() if document.published else None
        body = document.body
        entities = find_entities(body, register=Register.default())
        dates = find_dates(body, published=published)
        _cache[prefix] = find_quotes(body, entities=entities, dates=dates)[0]
    return _cache[prefix]


REAL_QUOTES = _real_quotes()
needs_corpus = pytest.mark.skipif(not REAL_QUOTES, reason=f"no table of real quotes in {README}")


@needs_corpus
def test_the_readme_table_lists_real_quotes():
    # A table the parser cannot read would make every test below vacuous.
    assert len(REAL_QUOTES) >= 10


@needs_corpus
@pytest.mark.parametrize(
    "prefix, speaker, said, quote",
    REAL_QUOTES,
    ids=[f"{p}-{s.split()[-1]}-{_first_words(q)[:24]}" for p, s, _, q in REAL_QUOTES],
)
def test_every_real_quote_comes_out_under_the_person_who_said_it(prefix, speaker, said, quote):
    wanted = _first_words(quote)
    hits = [q for q in _quotes_of(prefix) if _first_words(q.text).startswith(wanted)]
    assert hits, f"{quote[:50]!r} not found in {prefix}"
    assert {q.speaker for q in hits} == {speaker}
    # A date, when one is given, is the day it was said (or that day's month or year).
    assert all(q.date is None or said.startswith(q.date) for q in hits), hits


NOT_SPEECH = _not_speech()


@needs_corpus
def test_names_and_terms_in_quote_marks_are_not_speech():
    assert NOT_SPEECH, "the README lists no quote marks that are not speech"
    texts = {
        _normalise(q.text).strip(" .,")
        for path in sorted(CORPUS.glob("[0-9][0-9]_*"))
        for q in _quotes_of(path.name[:2])
    }
    assert not texts & {_normalise(name) for name in NOT_SPEECH}
