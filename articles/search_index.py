"""The full-text index of articles and quotes on SQLite (the embedded default), with FTS5.

PostgreSQL searches an expression index (migration 0003); SQLite has none, so FTS5 tables
hold a copy of the searched text. Triggers on the article and quote tables keep that copy
in step with every write — the ingestion service, reprocessing, an editor's correction, a
delete — so no code path can forget it. ``external content`` tables store only the index;
the text stays in the rows it comes from.

Django's SQLite schema editor rebuilds a table to alter it (create, copy, drop, rename),
and the drop takes the table's triggers with it. ``search_index_ensure`` therefore runs
after every ``migrate`` (see ``ArticlesConfig``) and puts back whatever is missing.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

# Stems like PostgreSQL's ``english`` configuration (Porter); accents are kept, as they are
# there, so "Niinistö" finds the same articles on both databases.
TOKENIZE = "porter unicode61 remove_diacritics 0"

_INDEXES = {
    # FTS5 table: (content table, indexed columns)
    "articles_article_fts": ("articles_article", ("headline", "body")),
    "articles_quote_fts": ("articles_quote", ("text",)),
}


def _statements(fts: str, table: str, columns: tuple[str, ...]) -> list[tuple[str, str]]:
    """(trigger or table name, CREATE statement) for one index."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
    return [
        (
            fts,
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, "
            f"content='{table}', content_rowid='id', tokenize='{TOKENIZE}')",
        ),
        (
            f"{fts}_insert",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        ),
        (
            f"{fts}_delete",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        ),
        (
            # Only when the searched text changes: a status update must not re-index a body.
            f"{fts}_update",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE ON {table} "
            f"WHEN {changed} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        ),
    ]


def search_index_ensure(connection: BaseDatabaseWrapper) -> list[str]:
    """Create the FTS5 tables and triggers that are missing, and rebuild an index whose
    triggers were missing (rows written meanwhile were not indexed). Idempotent; does
    nothing on other databases. Returns the names created."""
    if connection.vendor != "sqlite":
        return []
    created = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {row[0] for row in cursor.fetchall()}
        for fts, (table, columns) in _INDEXES.items():
            if table not in existing:
                continue
            missing = [(n, sql) for n, sql in _statements(fts, table, columns) if n not in existing]
            for name, sql in missing:
                cursor.execute(sql)
                created.append(name)
            if missing:
                cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    return created


def search_index_drop(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for fts in _INDEXES:
            for suffix in ("_insert", "_delete", "_update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {fts}{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}")
