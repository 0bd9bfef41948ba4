from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _search_index_ensure(sender, using: str = "default", **kwargs) -> None:
    from django.db import connections

    from articles.search_index import search_index_ensure

    search_index_ensure(connections[using])


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self) -> None:
        # A migration that rebuilds the article or quote table on SQLite drops its triggers.
        post_migrate.connect(_search_index_ensure, sender=self)
