"""Prepare the embedded demo: the register, the demo corpus through the real pipeline, and
an editor account with a random password, printed once."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.ingest_files import IngestSummary, submission_ingest, submissions_from
from articles.models import Article, ArticleStatus
from entities.services import register_sync
from summit_kb.accounts import editor_create

DEMO_CORPUS = Path(settings.BASE_DIR) / "demo" / "corpus"
# The in-process tasks log two lines per article; fifteen articles would bury the password.
QUIET_LOGGERS = ("articles.tasks", "celery.app.trace", "celery", "timeline", "entities")


@contextmanager
def _quiet_workers() -> Iterator[None]:
    """Only warnings and errors from the in-process tasks while the corpus loads."""
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Load the register and the demo corpus; create the demo editor (new password each run)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="editor")
        parser.add_argument("--no-corpus", action="store_true", help="Skip the demo articles.")

    def handle(self, *args, username: str, no_corpus: bool, **options) -> None:
        entries = register_sync()
        self.stdout.write(f"Register: {entries} entities of the story are loaded.")
        if not no_corpus:
            submissions, problems = submissions_from([DEMO_CORPUS])
            summary = IngestSummary(failed=list(problems))
            with _quiet_workers():
                for submission in submissions:
                    # With the embedded default the task runs in-process when it commits.
                    submission_ingest(submission, summary)
            processed = Article.objects.filter(status=ArticleStatus.PROCESSED).count()
            self.stdout.write(
                f"Demo corpus: {summary.line()}; {processed} articles processed in all."
            )
            for source, reason in summary.failed:
                self.stderr.write(f"  failed: {source}: {reason}")
        _, password = editor_create(username=username)
        rule = "=" * 64
        self.stdout.write(
            self.style.SUCCESS(
                f"\n{rule}\n"
                "  Summit KB demo: http://127.0.0.1:8000/ (the admin at /admin/)\n"
                f"  Editor login:  {username}\n"
                f"  Password:      {password}\n"
                "  (a new password is made each time `make demo` starts)\n"
                f"{rule}\n"
            )
        )
