"""The development set: whole articles written for the project, scored section by section.

Each article in ``devset/`` (.txt, .html or .json) has a hand-written
``NAME.expected.json``: its people, quotes (speaker, cue), dates (precision) and dated
events (kind, date, precision and a phrase of the evidence sentence). The quotes in the
articles are by fictional people, except a few that were really said on the record
(Trump at the Helsinki news conference of 16 July 2018; Trump's "captive to Russia" at
the NATO breakfast of 11 July 2018). Articles 08-15 imitate other outlets' house styles
(wire, AP, British broadsheet, live blog, a CMS page, opinion, TASS, a transcript); each
expectation file says in its "note" what an annotator decided for that style. Articles
16-23 do the same for Bloomberg, New York Times, Washington Post, Politico, Guardian, CNN,
Financial Times and Kremlin-readout styles; their notes name the quotes that were really
said. "quotes with cue" also checks the cue verb and the addressee (None when the
expectation names none).

The articles were written by the author of the event rules, so the scores flatter the
extractor; the real test is the held-out set of other outlets' articles.

Precision and recall per section over the whole set are printed in the terminal summary
(and with ``-s``); the floors asserted below are what the extractor meets today, so a
change that makes it worse fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from extraction import extract
from extraction.results import Extraction

DEVSET = Path(__file__).resolve().parent / "devset"
ARTICLES = sorted(
    path
    for path in DEVSET.iterdir()
    if path.suffix in (".txt", ".html", ".json") and not path.name.endswith(".expected.json")
)

# Floors: (section, "precision" | "recall") -> the lowest acceptable score. Measured on
# 7 articles: persons 1.00/1.00, quotes with speaker 1.00/1.00, dates 0.95/0.95, events
# 0.94/0.92 (precision/recall); the floors leave room for a miss or two per section.
# On 15 articles (eight in other outlets' styles): persons 1.00/1.00, quotes with speaker
# 1.00/1.00, dates 1.00/0.99, events 0.99/0.82.
# On 23 articles (16-23 imitate Bloomberg, NYT, Washington Post, Politico, Guardian, CNN,
# FT and Kremlin-readout styles, written before the rules that read them): persons
# 1.00/0.99, quotes with speaker 1.00/0.99, quotes with cue and addressee 0.99/0.98,
# dates 0.99/0.97, events 0.98/0.81. With "put it …:" and "named … as" cues, closing notes
# cut and "Today" as nowadays: quotes with speaker 1.00/1.00, quotes with cue and addressee
# 1.00/1.00, dates 0.99/0.97 (one wrong date fewer); the rest unchanged.
# On 29 articles (24-29 imitate AFP, BBC, Axios, The Moscow Times, Deutsche Welle and a
# long history feature, their expectations written before the extractor read them):
# events went from 0.97/0.68 to 0.99/0.80 with speaking bodies without a register name,
# "on Twitter", "called" + quote, announced charges, summits as settings, sanctions verbs,
# "Monday's summit" as the nearer Monday, "H.W." initials and "15.07.2018" datelines.
FLOORS = {
    ("persons", "recall"): 0.9,
    ("persons", "precision"): 0.9,
    ("quotes with speaker", "recall"): 0.85,
    ("quotes with speaker", "precision"): 0.85,
    ("quotes with cue", "recall"): 0.85,
    ("quotes with cue", "precision"): 0.85,
    ("dates", "recall"): 0.85,
    ("dates", "precision"): 0.85,
    ("events", "recall"): 0.8,
    ("events", "precision"): 0.95,
}


@dataclass
class _Score:
    found: int = 0  # what the extractor returned
    correct: int = 0  # of those, how many are right
    expected: int = 0  # what the expectation lists
    recalled: int = 0  # of those, how many were found
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 1.0


def _expected(article: Path) -> dict:
    return json.loads((DEVSET / f"{article.stem}.expected.json").read_text(encoding="utf-8"))


def _same_text(a: str, b: str) -> bool:
    return a.rstrip(",.") == b.rstrip(",.")


def _same_person(found: str, wanted: str) -> bool:
    return found == wanted or found.split()[-1] == wanted.split()[-1]


def _same_expression(found: str, wanted: str) -> bool:
    found, wanted = found.lower(), wanted.lower()
    return wanted in found or found in wanted


def _score_article(name: str, ex: Extraction, expected: dict, scores: dict[str, _Score]) -> None:
    people = [e.name for e in ex.entities if e.kind == "person"]
    s = scores["persons"]
    s.found += len(people)
    s.correct += sum(any(_same_person(p, w) for w in expected["persons"]) for p in people)
    s.expected += len(expected["persons"])
    for wanted in expected["persons"]:
        if any(_same_person(p, wanted) for p in people):
            s.recalled += 1
        else:
            s.misses.append(f"{name}: person {wanted}")

    for section, level in (("quotes", 0), ("quotes with speaker", 1), ("quotes with cue", 2)):
        s = scores[section]

        def right(quote, wanted, level=level) -> bool:
            # "with cue" also wants the cue verb and the addressee (None when the
            # expectation names none: "told reporters" has no addressee entity).
            return (
                _same_text(quote.text, wanted["text"])
                and (level < 1 or quote.speaker == wanted["speaker"])
                and (
                    level < 2
                    or (quote.cue, quote.addressee) == (wanted["cue"], wanted.get("addressee"))
                )
            )

        s.found += len(ex.quotes)
        s.correct += sum(any(right(q, w) for w in expected["quotes"]) for q in ex.quotes)
        s.expected += len(expected["quotes"])
        for wanted in expected["quotes"]:
            if any(right(q, wanted) for q in ex.quotes):
                s.recalled += 1
            else:
                got = [
                    (q.speaker, q.cue, q.addressee)
                    for q in ex.quotes
                    if _same_text(q.text, wanted["text"])
                ]
                s.misses.append(f"{name}: {section} {wanted['text'][:40]!r} got {got}")

    s = scores["dates"]

    def same_date(date, wanted) -> bool:
        return _same_expression(date.expression, wanted["expression"]) and (
            date.date,
            date.precision,
        ) == (wanted["date"], wanted["precision"])

    s.found += len(ex.dates)
    s.correct += sum(any(same_date(d, w) for w in expected["dates"]) for d in ex.dates)
    s.expected += len(expected["dates"])
    for wanted in expected["dates"]:
        if any(same_date(d, wanted) for d in ex.dates):
            s.recalled += 1
        else:
            s.misses.append(f"{name}: date {wanted}")
    for date in ex.dates:
        if not any(same_date(date, w) for w in expected["dates"]):
            s.misses.append(f"{name}: extra date {date.expression!r} -> {date.date}")

    for section, with_kind in (("events", False), ("events with kind", True)):
        s = scores[section]

        def hit(event, wanted, with_kind=with_kind) -> bool:
            return (
                (event.date, event.precision) == (wanted["date"], wanted["precision"])
                and wanted["evidence"] in event.evidence.text
                and (not with_kind or event.kind == wanted["kind"])
            )

        s.found += len(ex.events)
        s.correct += sum(any(hit(e, w) for w in expected["events"]) for e in ex.events)
        s.expected += len(expected["events"])
        for wanted in expected["events"]:
            if not any(hit(e, wanted) for e in ex.events):
                s.misses.append(
                    f"{name}: {section} {wanted['kind']} {wanted['date']} {wanted['evidence']!r}"
                )
            else:
                s.recalled += 1
        if not with_kind:
            for event in ex.events:
                if not any(hit(event, w) for w in expected["events"]):
                    s.misses.append(f"{name}: extra event {event.title!r} {event.date}")


@pytest.fixture(scope="module")
def scores(request) -> dict[str, _Score]:
    table = {
        section: _Score()
        for section in (
            "persons",
            "quotes",
            "quotes with speaker",
            "quotes with cue",
            "dates",
            "events",
            "events with kind",
        )
    }
    for article in ARTICLES:
        expected = _expected(article)
        ex = extract(article.read_bytes(), filename=article.name)
        _score_article(article.name, ex, expected, table)
    report = _report(table)
    print("\n" + report)
    request.config.pluginmanager.register(_Summary(report), "devset-summary")
    return table


class _Summary:
    """Puts the score table in pytest's terminal summary, where it is seen without -s."""

    def __init__(self, report: str) -> None:
        self.report = report

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.section("extraction dev set")
        for line in self.report.splitlines():
            terminalreporter.write_line(line)


def _report(table: dict[str, _Score]) -> str:
    lines = [f"dev set: {len(ARTICLES)} articles", f"{'section':<22}{'precision':>10}{'recall':>8}"]
    for section, s in table.items():
        lines.append(
            f"{section:<22}{s.precision:>10.2f}{s.recall:>8.2f}"
            f"   ({s.correct}/{s.found} right, {s.recalled}/{s.expected} found)"
        )
    return "\n".join(lines)


def test_the_dev_set_has_at_least_five_articles_with_expectations():
    assert len(ARTICLES) >= 5
    for article in ARTICLES:
        assert (DEVSET / f"{article.stem}.expected.json").is_file(), article.name
    assert {a.suffix for a in ARTICLES} >= {".txt", ".html", ".json"}


def test_every_article_reads_its_publication_date():
    wrong = []
    for article in ARTICLES:
        published = extract(article.read_bytes(), filename=article.name).document.published
        wanted = _expected(article)["published"]
        if published is None or published.date().isoformat() != wanted:
            wrong.append(f"{article.name}: {published} (expected {wanted})")
    assert not wrong, wrong


@pytest.mark.parametrize(("section", "measure"), sorted(FLOORS))
def test_the_extractor_meets_its_floor_on_the_dev_set(scores, section, measure):
    s = scores[section]
    value = s.precision if measure == "precision" else s.recall
    floor = FLOORS[(section, measure)]
    assert value >= floor, f"{section} {measure} {value:.2f} < {floor}\n" + "\n".join(s.misses)
