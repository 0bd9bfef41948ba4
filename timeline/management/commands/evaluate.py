"""``manage.py evaluate``: build a knowledge base from the real dev set and score its timeline."""

from __future__ import annotations

import logging
import random
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.models import Article
from entities.services import register_sync
from timeline.evaluation import (
    devset_articles,
    happenings_load,
    knowledge_base_build,
    timeline_score,
)
from timeline.models import Event


class Command(BaseCommand):
    help = (
        "Ingest the real development set (../shared/devset and the seed) through the real "
        "pipeline into this (empty) database and print the timeline-level figures: happenings "
        "found, false merges, duplicates, B-cubed, date accuracy, generic titles. "
        "`make eval` runs it on a throwaway SQLite database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--shared",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared",
            help="The shared folder beside the checkout.",
        )
        parser.add_argument(
            "--orders",
            type=int,
            default=1,
            help="Also build the knowledge base in this many shuffled orders (the database "
            "is emptied between runs) and say whether the timelines are the same.",
        )

    def handle(self, *args, shared: Path, orders: int, verbosity: int, **options) -> None:
        if Article.objects.exists():
            raise CommandError(
                "evaluate builds its own knowledge base: run it on an empty database "
                "(`make eval` makes a throwaway one)."
            )
        articles = devset_articles(shared)
        if not articles:
            raise CommandError(f"No dev set found in {shared / 'devset'}.")
        happening_of = happenings_load()
        # The per-article log lines of the in-process tasks would bury the figures.
        for name in ("articles", "celery", "timeline"):
            logging.getLogger(name).setLevel(logging.WARNING)
        ids = knowledge_base_build(articles)
        score = timeline_score(articles, ids, happening_of)
        self.stdout.write(f"timeline of the real dev set: {len(articles)} articles")
        for line in score.lines(verbose=verbosity >= 2):
            self.stdout.write(line)
        if orders > 1:
            first = _timeline_fingerprint()
            rng = random.Random(16072018)
            for run in range(1, orders):
                call_command("flush", interactive=False, verbosity=0)
                register_sync()
                shuffled = articles[:]
                rng.shuffle(shuffled)
                knowledge_base_build(shuffled)
                again = _timeline_fingerprint()
                if again == first:
                    self.stdout.write(f"order {run + 1}: the same timeline")
                    continue
                self.stdout.write(f"order {run + 1}: a DIFFERENT timeline")
                if verbosity >= 2:
                    for row in sorted(set(first) ^ set(again)):
                        which = "first order only" if row in first else f"order {run + 1} only"
                        self.stdout.write(f"  {which}: {row[0]!r} {row[1]} {row[2]} {row[3]}")


def _timeline_fingerprint() -> list[tuple]:
    """Events by natural key: title, kind, date, precision and the sentences of evidence."""
    rows = []
    for event in Event.objects.prefetch_related("evidence__article"):
        evidence = sorted(
            (e.article.canonical_url or "", e.start, e.end) for e in event.evidence.all()
        )
        rows.append((event.title, event.kind, event.date, event.precision, tuple(evidence)))
    return sorted(rows)
