"""Events on the demo corpus: general properties that must hold on every article.

The demo corpus (``demo/corpus/``, written by the project) is what ``make demo`` loads, so
its events are what a journalist sees first. These tests do not list the expected events
(the dev set does that); they check what must be true of any event on any article, and
print every article's events in the terminal summary so that they can be read:

    .venv/bin/pytest tests/extraction/test_demo_corpus.py -p no:django -q
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction import extract
from extraction.events import EVENT_KINDS
from extraction.results import Extraction
from extraction.text import sentence_spans

CORPUS = Path(__file__).resolve().parents[2] / "demo" / "corpus"
ARTICLES = sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".html", ".json"))
SUMMIT_DAY = "2018-07-16"
# What a title may not be on its own: a kind, or the words a kind is written with.
_BARE = {kind.replace("_", " ") for kind in EVENT_KINDS} | {
    "news conference",
    "phone call",
    "talks",
    "indictment",
    "election",
}
_MEETING_KINDS = ("summit", "meeting", "talks", "press_conference")


@pytest.fixture(scope="module")
def extractions(request) -> dict[str, Extraction]:
    found = {a.name: extract(a.read_bytes(), filename=a.name) for a in ARTICLES}
    report = _report(found)
    print("\n" + report)
    request.config.pluginmanager.register(_Summary(report), "demo-corpus-events")
    return found


class _Summary:
    """Puts every article's events in pytest's terminal summary, where they are read."""

    def __init__(self, report: str) -> None:
        self.report = report

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.section("demo corpus events")
        for line in self.report.splitlines():
            terminalreporter.write_line(line)


def _report(found: dict[str, Extraction]) -> str:
    lines = []
    for name, ex in found.items():
        published = ex.document.published.date() if ex.document.published else None
        lines.append(f"{name} (published {published}): {len(ex.events)} events")
        for e in ex.events:
            who = ", ".join(e.participants) or "-"
            lines.append(
                f"  {e.date:<10} {e.kind:<16} {e.title}  [{who}]"
                f"{' @' + e.place if e.place else ''}  «{e.evidence.expression}»"
            )
    return "\n".join(lines)


def test_the_corpus_is_there():
    assert len(ARTICLES) >= 10


def test_every_event_has_its_date_expression_in_its_evidence_sentence(extractions):
    wrong = []
    for name, ex in extractions.items():
        body = ex.document.body
        for e in ex.events:
            evidence = e.evidence
            if body[evidence.start : evidence.end] != evidence.text:
                wrong.append(f"{name}: {e.title}: evidence offsets")
            if evidence.expression not in evidence.text:
                wrong.append(f"{name}: {e.title}: {evidence.expression!r} not in its sentence")
            if not any(
                d.expression in evidence.expression and evidence.start <= d.start < evidence.end
                for d in ex.dates
            ):
                wrong.append(f"{name}: {e.title}: no date of the sentence is its expression")
    assert not wrong, wrong


def test_titles_are_short_and_never_a_bare_kind(extractions):
    wrong = [
        f"{name}: {e.title!r}"
        for name, ex in extractions.items()
        for e in ex.events
        if not e.title
        or len(e.title.split()) > 8
        or e.title.lower() in _BARE
        or e.title.lower().rstrip("s") in _BARE
        or e.title[-1] in ".,;:"
    ]
    assert not wrong, wrong


def test_participants_are_people_or_organisations_and_the_place_is_a_place(extractions):
    wrong = []
    for name, ex in extractions.items():
        kinds = {entity.name: entity.kind for entity in ex.entities}
        for e in ex.events:
            wrong += [
                f"{name}: {e.title}: {p} ({kinds.get(p)})"
                for p in e.participants
                if kinds.get(p) not in ("person", "organisation")
            ]
            if e.place is not None and kinds.get(e.place) != "place":
                wrong.append(f"{name}: {e.title}: place {e.place}")
            if len(set(e.participants)) != len(e.participants):
                wrong.append(f"{name}: {e.title}: a participant twice")
    assert not wrong, wrong


def test_one_happening_is_one_event_within_an_article(extractions):
    wrong = []
    for name, ex in extractions.items():
        seen: dict[tuple[str, str], str] = {}
        for e in ex.events:
            key = (e.title, e.date)
            if key in seen:
                wrong.append(f"{name}: {e.title} ({e.date}) twice")
            seen[key] = e.kind
    assert not wrong, wrong


def test_the_summit_day_is_found_wherever_a_summit_sentence_resolves_it(extractions):
    """An article with a sentence that names the summit (or the leaders' meeting) and a date
    resolved to the summit day has a meeting-like event on that day."""
    missing = []
    for name, ex in extractions.items():
        body = ex.document.body
        reports = any(
            d.date == SUMMIT_DAY
            and any(
                word in _sentence_around(body, d.start).lower()
                for word in ("summit", "meet", "news conference", "press conference", "talks")
            )
            for d in ex.dates
        )
        if reports and not any(
            e.date == SUMMIT_DAY and e.kind in _MEETING_KINDS for e in ex.events
        ):
            missing.append(name)
    assert not missing, missing


def _sentence_around(body: str, offset: int) -> str:
    for start, end in sentence_spans(body):
        if start <= offset < end:
            return body[start:end]
    return ""
