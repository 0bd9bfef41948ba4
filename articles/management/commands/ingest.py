"""manage.py ingest PATH... — add articles from files and folders (.txt .html .json .jsonl)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.ingest_files import IngestSummary, articles_wait, submission_ingest, submissions_from
from articles.models import Article, ArticleStatus


class Command(BaseCommand):
    help = "Add articles from files and folders; they are processed by the workers."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--wait", action="store_true", help="Wait until the workers have processed them."
        )
        parser.add_argument("--timeout", type=float, default=600, help="Seconds --wait waits.")

    def handle(self, *args, paths: list[Path], wait: bool, timeout: float, **options) -> None:
        submissions, problems = submissions_from(paths)
        summary = IngestSummary(failed=list(problems))
        for submission in tqdm(
            submissions, desc="ingest", unit="article", file=self.stderr._out, disable=None
        ):
            submission_ingest(submission, summary)
        if wait and summary.new:
            waiting = articles_wait(summary.new, timeout=timeout)
            if waiting:
                summary.failed += [(f"article {pk}", "still waiting at timeout") for pk in waiting]
            failed = Article.objects.filter(pk__in=summary.new, status=ArticleStatus.FAILED)
            summary.failed += [(f"article {a.pk}", a.last_error) for a in failed]
        for source, reason in summary.failed:
            self.stderr.write(f"failed: {source}: {reason}")
        self.stdout.write(summary.line())
        if summary.failed and not summary.new and not summary.duplicates:
            raise CommandError("nothing was ingested")
