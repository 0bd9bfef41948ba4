"""One search syntax on both databases: the same table of queries over the demo corpus.

The suite runs on PostgreSQL. ``test_sqlite_gives_the_same_answers`` runs this module
again in a child pytest on the embedded default (SQLite with its FTS5 index) and compares
what both databases found, query by query.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from articles.selectors import articles_search, quotes_search
from tests.factories import article_make

ROOT = Path(__file__).resolve().parents[2]
ALL = {f"{n:02d}" for n in range(1, 16)}
SUMMIT = {"01", "02", "03", "04", "05", "06", "09", "11", "12", "13", "14", "15"}
BOLTON = {"01", "02", "03", "12", "13"}

# (query, the demo articles it finds: the two-digit prefix of their file names). Written
# from reading the corpus, not from running the search.
SEARCH_TABLE = [
    ('"witch hunt"', {"09"}),  # a phrase
    ("“witch hunt”", {"09"}),  # the same phrase typed with typographic quotes
    ('"Vladimir Putin"', ALL),  # every article names him in full
    ('"Putin Vladimir"', set()),  # a phrase keeps its order
    ("Pence OR Kortunov", {"03", "15"}),  # either word
    ("Pence Kortunov", set()),  # both words: no article has both
    ("summit -Bolton", SUMMIT - BOLTON),  # exclusion
    ("-Bolton", set()),  # exclusions alone find nothing, not everything
    ("Pence OR Kortunov -Bolton", {"15"}),
    ("meddl*", {"03", "09", "10"}),  # prefix: meddling, meddled
    ("summits", SUMMIT),  # stemming: the plural finds the singular
    ("Niinistö", {"02", "09", "14"}),  # accents
    ("NIINISTÖ", {"02", "09", "14"}),  # case
    ("zzyzx", set()),  # no results
    ("Kortunov\x00", {"15"}),  # a NUL byte is a space
    ('"', set()),  # a lone quote mark
    ('"witch hunt', {"09"}),  # an unclosed phrase runs to the end
    ("Kortunov OR", {"15"}),  # a dangling OR
    ("(Kortunov) & | ! :*", {"15"}),  # tsquery and FTS5 operators are plain text
]


def _file_keys(ids_by_file: dict[str, int]) -> dict[int, str]:
    return {pk: name[:2] for name, pk in ids_by_file.items()}


def _answers(ids_by_file: dict[str, int]) -> dict[str, dict]:
    files = _file_keys(ids_by_file)
    answers = {}
    for query, _ in SEARCH_TABLE:
        answers[query] = {
            "articles": sorted(files[hit.obj.pk] for hit in articles_search(q=query)),
            "quotes": sorted(hit.obj.text for hit in quotes_search(q=query)),
        }
    return answers


def test_the_search_table_on_this_database(demo_corpus) -> None:
    answers = _answers(demo_corpus)
    wrong = {
        query: (sorted(expected), answers[query]["articles"])
        for query, expected in SEARCH_TABLE
        if answers[query]["articles"] != sorted(expected)
    }
    assert not wrong, f"{connection.vendor}: query → (expected, found): {wrong}"
    # The quote the tweet is in is found by its phrase, too.
    assert any("Witch Hunt" in text for text in answers['"witch hunt"']["quotes"])
    if os.environ.get("SEARCH_TABLE_ANSWERS"):
        Path(os.environ["SEARCH_TABLE_ANSWERS"]).write_text(json.dumps(answers))


@pytest.mark.skipif(connection.vendor == "sqlite", reason="this is the SQLite run")
def test_sqlite_gives_the_same_answers(demo_corpus, tmp_path) -> None:
    answers_file = tmp_path / "sqlite.json"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        SUMMIT_KB_ALLOW_SQLITE="1",
        SUMMIT_KB_VAR_DIR=str(tmp_path / "var"),
        SEARCH_TABLE_ANSWERS=str(answers_file),
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            f"{Path(__file__).relative_to(ROOT)}",
            "-p",
            "no:cacheprovider",
            "-k",
            "this_database or snippets_on_both",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "summit-kb: database sqlite3" in run.stdout
    assert "3 passed" in run.stdout, run.stdout[-2000:]

    assert json.loads(answers_file.read_text()) == _answers(demo_corpus)


def test_ranking_and_snippets_on_both(client, db) -> None:
    article_make(headline="Weather report", body="Later, pipelines were discussed briefly.")
    article_make(headline="Pipelines divide the allies", body="Ministers argued all day.")

    response = client.get(reverse("search"), {"q": "pipeline"})

    headlines = [hit.obj.headline for hit in response.context["articles"]]
    assert headlines == ["Pipelines divide the allies", "Weather report"]
    assert "<mark>pipelines</mark>" in response.content.decode()


def test_search_index_follows_edits_and_deletes_snippets_on_both(db) -> None:
    article = article_make(headline="Ferry timetable", body="The ferry leaves at noon.")
    assert [hit.obj.pk for hit in articles_search(q="ferry")] == [article.pk]

    article.body = "The hydrofoil leaves at noon."
    article.headline = "Hydrofoil timetable"
    article.save()
    assert articles_search(q="ferry") == []
    (hit,) = articles_search(q="hydrofoil")
    assert ("hydrofoil", True) in hit.pieces

    article.delete()
    assert articles_search(q="hydrofoil") == []
