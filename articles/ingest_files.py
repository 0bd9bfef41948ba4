"""Reading articles from files and folders for ``manage.py ingest`` and the demo."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError

from articles.models import Article, ArticleStatus
from articles.services import article_ingest
from summit_kb.errors import ApplicationError

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")


@dataclass(frozen=True)
class Submission:
    """One article to ingest: the raw input and where it came from (for messages)."""

    source: str
    raw: bytes | str
    filename: str


@dataclass
class IngestSummary:
    new: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def line(self) -> str:
        return f"{len(self.new)} new, {len(self.duplicates)} duplicates, {len(self.failed)} failed"


def submissions_from(paths: list[Path]) -> tuple[list[Submission], list[tuple[str, str]]]:
    """Every article under the paths (folders are walked, sorted), and the paths that fail."""
    found: list[Submission] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        if not path.exists():
            problems.append((str(path), "no such file or folder"))
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() not in SUFFIXES:
                if not path.is_dir():
                    problems.append((str(file), f"not one of {', '.join(SUFFIXES)}"))
                continue
            try:
                found.extend(_read(file))
            except OSError as exc:
                problems.append((str(file), f"cannot be read: {exc.strerror or exc}"))
    return found, problems


def _read(file: Path) -> Iterator[Submission]:
    data = file.read_bytes()
    if file.suffix.lower() != ".jsonl":
        yield Submission(source=str(file), raw=data, filename=file.name)
        return
    # One JSON record a line; each line is an article of its own.
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            yield Submission(source=f"{file}:{number}", raw=line, filename=f"{file.stem}.json")


def submission_ingest(submission: Submission, summary: IngestSummary, submitted_by=None) -> None:
    try:
        result = article_ingest(
            raw=submission.raw, filename=submission.filename, submitted_by=submitted_by
        )
    except ApplicationError as exc:
        summary.failed.append((submission.source, exc.message))
        return
    except DatabaseError as exc:
        # A record the checks did not foresee fails alone: the batch goes on, and the
        # summary says what happened to it.
        logger.exception("could not store %s", submission.source)
        summary.failed.append((submission.source, f"could not be stored: {exc}".strip()))
        return
    (summary.new if result.created else summary.duplicates).append(result.article.pk)


def articles_wait(ids: list[int], *, timeout: float, poll: float = 0.25) -> list[int]:
    """Wait until the articles are processed or failed; the ids still waiting at timeout."""
    deadline = time.monotonic() + timeout
    waiting = list(ids)
    while waiting and time.monotonic() < deadline:
        waiting = list(
            Article.objects.filter(
                pk__in=waiting, status__in=[ArticleStatus.QUEUED, ArticleStatus.PROCESSING]
            ).values_list("pk", flat=True)
        )
        if waiting:
            time.sleep(poll)
    return waiting
