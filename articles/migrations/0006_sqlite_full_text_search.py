"""Full-text search on SQLite: FTS5 tables for articles and quotes, kept in step by triggers
(see ``articles.search_index``). Nothing happens on PostgreSQL, which has its GIN index."""

from django.db import migrations


def create(apps, schema_editor):
    from articles.search_index import search_index_ensure

    search_index_ensure(schema_editor.connection)


def drop(apps, schema_editor):
    from articles.search_index import search_index_drop

    search_index_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_utterances_and_strategies")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
