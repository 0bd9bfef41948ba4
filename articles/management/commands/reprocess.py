"""manage.py reprocess [ID...] [--all] — run the pipeline again; editors' decisions stay."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from articles.services import articles_requeue
from summit_kb.text import counted


class Command(BaseCommand):
    help = "Queue articles for processing again (what editors decided is kept)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", type=int)
        parser.add_argument("--all", action="store_true", dest="every")

    def handle(self, *args, ids: list[int], every: bool, **options) -> None:
        if not ids and not every:
            raise CommandError("Name article ids, or pass --all.")
        count = articles_requeue(article_ids=ids, every=every)
        self.stdout.write(f"{counted(count, 'article')} queued for reprocessing.")
