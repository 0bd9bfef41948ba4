"""What the database keeps true for the timeline's read path and for linking.

- ``evidence.published_at`` equals its article's ``published_at``: set on insert, followed
  when the article's date changes. The timeline reads an event's first reports from the
  index on (event, published_at, article, start).
- ``event.evidence_count`` and ``event.article_count`` count the event's evidence and the
  distinct articles among it, whatever writes the evidence (linking, merges, the admin,
  deletes cascading from articles). PostgreSQL: statement triggers with transition
  tables, one UPDATE per statement; SQLite: row triggers.
- ``timeline_timelineversion`` (one row) is bumped by any write that changes what the
  timeline shows: events, participants, evidence, and the names, headlines, dates and
  addresses a row displays. The API's ETag reads that row, not the tables.
  On PostgreSQL the bump is a constraint trigger, ``DEFERRABLE INITIALLY IMMEDIATE``, and
  bumps at most once per statement (a transaction-local setting remembers it). Linking
  defers it to commit (``SET CONSTRAINTS ... DEFERRED``), so the counter's row lock is held
  for the commit only, not for the whole linking transaction.
- PostgreSQL: a GiST index on the event's period as a date range, for the linking pool's
  "periods that overlap this report's" (a btree can bound only one end of an overlap).
"""

from django.db import migrations

VERSIONED = {
    # table: (events, condition) — which writes change what a timeline row shows
    "timeline_event": ("INSERT OR UPDATE OR DELETE", None),
    "timeline_evidence": ("INSERT OR UPDATE OR DELETE", None),
    "timeline_eventparticipant": ("INSERT OR UPDATE OR DELETE", None),
    "entities_entity": ("UPDATE", ("name", "slug")),
    "articles_article": ("UPDATE", ("headline", "published_at", "canonical_url", "outlet_id")),
    "articles_outlet": ("UPDATE", ("name",)),
}
VERSION_TRIGGERS = [f"timeline_version_{table}" for table in VERSIONED]


def _changed(columns: tuple[str, ...], distinct: str) -> str:
    return " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in columns)


# For each (event, article) a statement added rows to / removed rows from: the counts move
# by the rows, and by one article when no other row of that pair exists outside the new
# rows (so an UPDATE that keeps the pair moves nothing: -1 then +1).
def _pairs(rows: str) -> str:
    return (
        f"(SELECT event_id, article_id, count(*) AS n FROM {rows} GROUP BY event_id, article_id)"
    )


def _postgres_counts_moved(sign: str, pairs: str, others: str) -> str:
    """The UPDATE that moves the counts per (event, article) pair ``t`` of ``pairs`` (with
    its ``n`` rows of the statement): by the rows, and by one article when ``others`` (SQL
    over ``t``) says no other row of the pair is left."""
    return f"""
        UPDATE timeline_event e
        SET evidence_count = e.evidence_count {sign} g.n,
            article_count = e.article_count {sign} g.alone
        FROM (
            SELECT event_id, sum(n) AS n, count(*) FILTER (WHERE NOT others) AS alone FROM (
                SELECT t.event_id, t.n, {others} AS others FROM {pairs} t
            ) p GROUP BY event_id
        ) g
        WHERE e.id = g.event_id;
    """


# Rows of the pair in the table now (an index range of (event, article, start)).
_PAIR_ROWS = """(SELECT count(*) FROM timeline_evidence r
                  WHERE r.event_id = t.event_id AND r.article_id = t.article_id)"""
# An UPDATE's old pairs, with how many of their rows the statement left in the pair.
_OLD_PAIRS_STAYING = (
    f"(SELECT o.event_id, o.article_id, o.n, coalesce(w.n, 0) AS staying FROM {_pairs('old_rows')} o"
    f" LEFT JOIN {_pairs('new_rows')} w USING (event_id, article_id))"
)
# Transition tables have no index: they are only grouped and joined, never probed per row,
# so a statement of 500,000 rows costs what 500 rows do, 1,000 times.
POSTGRES_COUNTS = f"""
CREATE FUNCTION timeline_event_counts() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        {_postgres_counts_moved("-", _pairs("old_rows"), f"{_PAIR_ROWS} > 0")}
    ELSIF TG_OP = 'UPDATE' THEN
        {_postgres_counts_moved("-", _OLD_PAIRS_STAYING, f"{_PAIR_ROWS} > t.staying")}
        {_postgres_counts_moved("+", _pairs("new_rows"), f"{_PAIR_ROWS} > t.n")}
    ELSE
        {_postgres_counts_moved("+", _pairs("new_rows"), f"{_PAIR_ROWS} > t.n")}
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""
POSTGRES_UP = [
    POSTGRES_COUNTS,
    """
    CREATE TRIGGER timeline_event_counts_insert AFTER INSERT ON timeline_evidence
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION timeline_event_counts()
    """,
    """
    CREATE TRIGGER timeline_event_counts_delete AFTER DELETE ON timeline_evidence
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION timeline_event_counts()
    """,
    """
    CREATE TRIGGER timeline_event_counts_update AFTER UPDATE ON timeline_evidence
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION timeline_event_counts()
    """,
    """
    CREATE FUNCTION timeline_evidence_published_fill() RETURNS trigger AS $$
    BEGIN
        NEW.published_at := (SELECT published_at FROM articles_article WHERE id = NEW.article_id);
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER timeline_evidence_published_fill BEFORE INSERT OR UPDATE ON timeline_evidence
        FOR EACH ROW EXECUTE FUNCTION timeline_evidence_published_fill()
    """,
    """
    CREATE FUNCTION articles_article_published_spread() RETURNS trigger AS $$
    BEGIN
        UPDATE timeline_evidence SET published_at = NEW.published_at WHERE article_id = NEW.id;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER articles_article_published_spread AFTER UPDATE OF published_at
        ON articles_article FOR EACH ROW
        WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
        EXECUTE FUNCTION articles_article_published_spread()
    """,
    """
    CREATE FUNCTION timeline_version_bump() RETURNS trigger AS $$
    BEGIN
        -- Once per statement: a statement writing 40 rows bumps once, and the deferred
        -- bumps all run inside the one COMMIT statement.
        IF current_setting('summit_kb.timeline_bumped', true)
           IS DISTINCT FROM statement_timestamp()::text THEN
            INSERT INTO timeline_timelineversion (id, version, changed_at)
                VALUES (1, 1, clock_timestamp())
                ON CONFLICT (id) DO UPDATE
                SET version = timeline_timelineversion.version + 1,
                    changed_at = EXCLUDED.changed_at;
            PERFORM set_config('summit_kb.timeline_bumped', statement_timestamp()::text, true);
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
    *(
        f"""
        CREATE CONSTRAINT TRIGGER timeline_version_{table} AFTER {events}
            {"OF " + ", ".join(columns) if columns else ""} ON {table}
            DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW
            {f"WHEN ({_changed(columns, 'IS DISTINCT FROM')})" if columns else ""}
            EXECUTE FUNCTION timeline_version_bump()
        """
        for table, (events, columns) in VERSIONED.items()
    ),
    """
    CREATE INDEX event_period_gist ON timeline_event
        USING gist (daterange(date, period_end, '[]'))
    """,
]
POSTGRES_DOWN = [
    *(
        f"DROP TRIGGER IF EXISTS timeline_event_counts_{op} ON timeline_evidence"
        for op in ("insert", "delete", "update")
    ),
    "DROP FUNCTION IF EXISTS timeline_event_counts()",
    "DROP INDEX IF EXISTS event_period_gist",
    *(f"DROP TRIGGER IF EXISTS timeline_version_{table} ON {table}" for table in VERSIONED),
    "DROP FUNCTION IF EXISTS timeline_version_bump()",
    "DROP TRIGGER IF EXISTS articles_article_published_spread ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_published_spread()",
    "DROP TRIGGER IF EXISTS timeline_evidence_published_fill ON timeline_evidence",
    "DROP FUNCTION IF EXISTS timeline_evidence_published_fill()",
]

SQLITE_BUMP = """
    INSERT INTO timeline_timelineversion (id, version, changed_at)
        VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now'))
        ON CONFLICT (id) DO UPDATE
        SET version = version + 1, changed_at = excluded.changed_at;
"""


def _sqlite_version_triggers() -> list[str]:
    statements = []
    for table, (events, columns) in VERSIONED.items():
        for event in events.split(" OR "):
            when = f"WHEN {_changed(columns, 'IS NOT')}" if columns else ""
            of = f"OF {', '.join(columns)}" if columns else ""
            statements.append(
                f"CREATE TRIGGER timeline_version_{table}_{event.lower()} AFTER {event} {of} "
                f"ON {table} FOR EACH ROW {when} BEGIN {SQLITE_BUMP} END"
            )
    return statements


def _sqlite_count(sign: str, row: str, exclude: str) -> str:
    return f"""
        UPDATE timeline_event SET
            evidence_count = evidence_count {sign} 1,
            article_count = article_count {sign} (NOT EXISTS (
                SELECT 1 FROM timeline_evidence r WHERE r.event_id = {row}.event_id
                AND r.article_id = {row}.article_id {exclude}))
        WHERE id = {row}.event_id;
    """


SQLITE_UP = [
    # Row triggers run as each row is written: the rows seen are those written so far.
    f"""
    CREATE TRIGGER timeline_event_counts_insert AFTER INSERT ON timeline_evidence
    BEGIN {_sqlite_count("+", "NEW", "AND r.id <> NEW.id")} END
    """,
    f"""
    CREATE TRIGGER timeline_event_counts_delete AFTER DELETE ON timeline_evidence
    BEGIN {_sqlite_count("-", "OLD", "")} END
    """,
    f"""
    CREATE TRIGGER timeline_event_counts_update AFTER UPDATE OF event_id, article_id
    ON timeline_evidence
    BEGIN
        {_sqlite_count("-", "OLD", "AND r.id <> NEW.id")}
        {_sqlite_count("+", "NEW", "AND r.id <> NEW.id")}
    END
    """,
    """
    CREATE TRIGGER timeline_evidence_published_fill AFTER INSERT ON timeline_evidence
    BEGIN
        UPDATE timeline_evidence
        SET published_at = (SELECT published_at FROM articles_article WHERE id = NEW.article_id)
        WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER timeline_evidence_published_refill AFTER UPDATE ON timeline_evidence
    WHEN NEW.published_at IS NOT (SELECT published_at FROM articles_article WHERE id = NEW.article_id)
    BEGIN
        UPDATE timeline_evidence
        SET published_at = (SELECT published_at FROM articles_article WHERE id = NEW.article_id)
        WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER articles_article_published_spread AFTER UPDATE OF published_at ON articles_article
    WHEN OLD.published_at IS NOT NEW.published_at
    BEGIN
        UPDATE timeline_evidence SET published_at = NEW.published_at WHERE article_id = NEW.id;
    END
    """,
    *_sqlite_version_triggers(),
]
SQLITE_DOWN = [
    *(f"DROP TRIGGER IF EXISTS timeline_event_counts_{op}" for op in ("insert", "delete", "update")),
    "DROP TRIGGER IF EXISTS timeline_evidence_published_fill",
    "DROP TRIGGER IF EXISTS timeline_evidence_published_refill",
    "DROP TRIGGER IF EXISTS articles_article_published_spread",
    *(
        f"DROP TRIGGER IF EXISTS timeline_version_{table}_{event.lower()}"
        for table, (events, _) in VERSIONED.items()
        for event in events.split(" OR ")
    ),
]
# Evidence stored before this migration gets its article's date, and events their counts.
BACKFILL = [
    """
    UPDATE timeline_evidence SET published_at =
        (SELECT published_at FROM articles_article WHERE articles_article.id = article_id)
    """,
    """
    UPDATE timeline_event SET
        evidence_count = (SELECT count(*) FROM timeline_evidence r WHERE r.event_id = timeline_event.id),
        article_count = (SELECT count(DISTINCT r.article_id) FROM timeline_evidence r
                         WHERE r.event_id = timeline_event.id)
    """,
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(f"No timeline triggers for {schema_editor.connection.vendor}.")
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("timeline", "0006_scale_read_model")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": [*POSTGRES_UP, *BACKFILL], "sqlite": [*SQLITE_UP, *BACKFILL]}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
