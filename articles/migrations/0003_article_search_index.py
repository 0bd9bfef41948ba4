"""A GIN index for the full-text search of articles (PostgreSQL only).

It indexes exactly the expression ``articles.selectors.article_search_vector()`` builds
(headline weighted A, body weighted B), so the search query can use it. SQLite, the
embedded demo, has no GIN indexes: it searches an FTS5 index instead (migration 0006).
"""

from django.db import migrations

INDEX_NAME = "article_search_gin"


def _index():
    from django.contrib.postgres.indexes import GinIndex

    from articles.selectors import article_search_vector

    return GinIndex(article_search_vector(), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("articles", "Article"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_quote_speaker_is_a_person")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
