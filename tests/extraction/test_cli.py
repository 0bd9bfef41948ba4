"""The command-line contract: ``python -m extraction PATH [--published YYYY-MM-DD]``.

Other tools parse this output, so these tests run the real command in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

ARTICLE = """Envoys Prepare for Helsinki Meeting

By Marta Lindqvist | Northern Ledger

June 28, 2018

Donald Trump and Vladimir Putin will meet in Helsinki on July 16, the two governments said.

John Bolton met Putin in Moscow on Wednesday. “The door is open,” said Oskar Varga, a retired \
diplomat who follows the talks.
"""

TOP_LEVEL = {
    "headline",
    "published",
    "outlet",
    "byline",
    "body",
    "entities",
    "quotes",
    "dates",
    "events",
}
# The contract, plus the strategy that found each result (issue 9: why it is there).
ENTITY_KEYS = {"name", "kind", "slug", "known", "mentions", "strategy"}
QUOTE_KEYS = {
    "text",
    "start",
    "end",
    "speaker",
    "cue",
    "addressee",
    "date",
    "precision",
    "strategy",
}
DATE_KEYS = {"expression", "start", "end", "date", "precision", "strategy"}
EVENT_KEYS = {
    "title",
    "kind",
    "date",
    "precision",
    "end_date",
    "participants",
    "place",
    "evidence",
    "strategy",
}
EVIDENCE_KEYS = {"start", "end", "text", "expression"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extraction", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_it_prints_one_json_object_with_every_field_of_the_contract(tmp_path):
    result = _run(str(_write(tmp_path, "article.txt", ARTICLE)))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == TOP_LEVEL
    assert out["headline"] == "Envoys Prepare for Helsinki Meeting"
    assert out["published"] == "2018-06-28"
    body = out["body"]
    for entity in out["entities"]:
        assert set(entity) == ENTITY_KEYS
        assert entity["kind"] in ("person", "organisation", "place")
        assert all(0 <= start < end <= len(body) for start, end in entity["mentions"])
    for quote in out["quotes"]:
        assert set(quote) == QUOTE_KEYS
        assert body[quote["start"] : quote["end"]] == quote["text"]
    for date in out["dates"]:
        assert set(date) == DATE_KEYS
        assert body[date["start"] : date["end"]] == date["expression"]
    assert out["events"], "the article has dated events"
    for event in out["events"]:
        assert set(event) == EVENT_KEYS
        assert set(event["evidence"]) == EVIDENCE_KEYS
        evidence = event["evidence"]
        assert body[evidence["start"] : evidence["end"]] == evidence["text"]
    assert {"2018-07-16", "2018-06-27"} <= {e["date"] for e in out["events"]}


def test_it_writes_utf8_without_escaping(tmp_path):
    result = _run(str(_write(tmp_path, "article.txt", ARTICLE)))
    assert "“The door is open,”" in result.stdout or "The door is open" in result.stdout
    assert "\\u201c" not in result.stdout


def test_published_on_the_command_line_overrides_the_file(tmp_path):
    result = _run(str(_write(tmp_path, "article.txt", ARTICLE)), "--published", "2018-07-05")
    out = json.loads(result.stdout)
    assert out["published"] == "2018-07-05"
    # "on Wednesday" now resolves against Thursday 5 July.
    assert "2018-07-04" in {d["date"] for d in out["dates"]}


def test_without_any_publication_date_relative_dates_stay_unresolved(tmp_path):
    text = "Talks Resume\n\nJohn Bolton met Vladimir Putin in Moscow on Wednesday.\n"
    out = json.loads(_run(str(_write(tmp_path, "undated.txt", text))).stdout)
    assert out["published"] is None
    assert all(d["expression"] != "Wednesday" for d in out["dates"])
    assert all("Wednesday" not in e["evidence"]["expression"] for e in out["events"])


def test_it_reads_a_json_record(tmp_path):
    record = {
        "headline": "Summit Date Set",
        "outlet": "Baltic Courier",
        "published": "2018-06-28",
        "text": "Donald Trump and Vladimir Putin will meet in Helsinki on July 16.",
    }
    result = _run(str(_write(tmp_path, "article.json", json.dumps(record))))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["headline"], out["outlet"], out["published"]) == (
        "Summit Date Set",
        "Baltic Courier",
        "2018-06-28",
    )


def test_it_reads_an_html_page(tmp_path):
    html = (
        "<html><head><title>Summit Date Set</title></head><body><article>"
        "<h1>Summit Date Set</h1>"
        "<p>Donald Trump and Vladimir Putin will meet in Helsinki on July 16, officials in both "
        "capitals said on Thursday after weeks of quiet preparation by their aides.</p>"
        "<p>John Bolton met Putin in Moscow on Wednesday to settle the details of the visit, "
        "which both sides described as the start of a long process.</p>"
        "</article></body></html>"
    )
    result = _run(str(_write(tmp_path, "page.html", html)), "--published", "2018-06-28")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert "Helsinki" in out["body"]
    assert "2018-07-16" in {d["date"] for d in out["dates"]}


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.txt", b""),
        ("latin1.txt", "Café talks in Helsinki on July 16".encode("latin-1")),
        ("binary.txt", b"\x00\x01\x02\x03 not text \x00"),
        ("broken.json", b'{"text": "unfinished'),
    ],
)
def test_an_unreadable_file_gives_one_line_on_stderr_and_exit_status_2(tmp_path, name, content):
    result = _run(str(_write(tmp_path, name, content)))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_file_or_a_directory_gives_exit_status_2(tmp_path):
    for path in (tmp_path / "nowhere.txt", tmp_path):
        result = _run(str(path))
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_published_value_is_a_usage_error(tmp_path):
    result = _run(str(_write(tmp_path, "article.txt", ARTICLE)), "--published", "28/06/2018")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr
