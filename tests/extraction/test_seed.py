"""Acceptance: everything ../shared/seed_expected.json lists is found in the seed article.

The seed (a real Bloomberg article of 28 June 2018) and its expectations live beside the
checkout in ``shared/``; their text is read from there, never copied into the project.
One test per section, each failing with the list of what is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction import extract
from extraction.results import Extraction

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_FILE = SHARED / "seeds" / "000_cca8f738e82c71f8.txt"
EXPECTED_FILE = SHARED / "seed_expected.json"

pytestmark = pytest.mark.skipif(
    not (SEED_FILE.is_file() and EXPECTED_FILE.is_file()),
    reason=f"the seed article is not in {SHARED}",
)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    # What `python -m extraction SEED_FILE` does: the raw bytes, the file name for sniffing.
    return extract(SEED_FILE.read_bytes(), filename=SEED_FILE.name)


def _same_quote_text(found: str, wanted: str) -> bool:
    # The expectations allow a trailing comma or full stop either way.
    return found.rstrip(",.") == wanted.rstrip(",.")


def test_it_reads_the_headline_and_publication_date(extraction, expected):
    document = extraction.document
    assert document.headline == expected["headline"]
    assert document.published is not None
    assert document.published.date().isoformat() == expected["published"]


def test_it_finds_every_person(extraction, expected):
    people = {e.name for e in extraction.entities if e.kind == "person"}
    missing = [name for name in expected["persons"] if name not in people]
    assert not missing, f"persons missing: {missing}; found: {sorted(people)}"


def test_it_finds_every_quote_with_its_speaker_cue_and_addressee(extraction, expected):
    problems = []
    for wanted in expected["quotes"]:
        matches = [q for q in extraction.quotes if _same_quote_text(q.text, wanted["text"])]
        if not matches:
            problems.append(f"not found: {wanted['text']!r}")
            continue
        quote = matches[0]
        for field in ("speaker", "cue", "addressee"):
            if field in wanted and getattr(quote, field) != wanted[field]:
                problems.append(
                    f"{wanted['text'][:40]!r}: {field} is {getattr(quote, field)!r}, "
                    f"expected {wanted[field]!r}"
                )
    assert not problems, "\n".join(problems)


def test_headings_and_scare_quotes_are_not_quotes(extraction, expected):
    found = [q.text for q in extraction.quotes]
    wrong = [
        text for text in expected["not_quotes"] if any(_same_quote_text(f, text) for f in found)
    ]
    assert not wrong, f"these are not quotes: {wrong}"


def test_it_resolves_every_date_expression(extraction, expected):
    found = {(d.expression, d.date, d.precision) for d in extraction.dates}
    missing = []
    for wanted in expected["dates"]:
        key = (wanted["expression"], wanted["date"], wanted["precision"])
        # The expression may be written with its preposition ("on July 16").
        if key not in found and not any(
            wanted["expression"] in expression and (date, precision) == key[1:]
            for expression, date, precision in found
        ):
            missing.append(key)
    assert not missing, f"dates missing: {missing}; found: {sorted(found)}"


def test_it_finds_every_dated_event_with_its_evidence(extraction, expected):
    missing = []
    for wanted in expected["events"]:
        hits = [
            e
            for e in extraction.events
            if (e.date, e.precision) == (wanted["date"], wanted["precision"])
            and wanted["evidence"] in e.evidence.text
        ]
        if not hits:
            missing.append(f"{wanted['what']} ({wanted['date']}, {wanted['precision']})")
    found = [f"{e.title} ({e.date}, {e.precision})" for e in extraction.events]
    assert not missing, f"events missing: {missing}\nfound: {found}"


def test_every_offset_indexes_the_body(extraction):
    body = extraction.document.body
    wrong = [q.text for q in extraction.quotes if body[q.start : q.end] != q.text]
    wrong += [d.expression for d in extraction.dates if body[d.start : d.end] != d.expression]
    wrong += [
        e.name
        for e in extraction.entities
        for start, end in e.mentions
        if not body[start:end] or start < 0 or end > len(body)
    ]
    for event in extraction.events:
        evidence = event.evidence
        if body[evidence.start : evidence.end] != evidence.text:
            wrong.append(event.title)
        if evidence.expression not in evidence.text:
            wrong.append(f"{event.title}: {evidence.expression!r}")
    assert not wrong, f"offsets that do not index the body: {wrong}"
