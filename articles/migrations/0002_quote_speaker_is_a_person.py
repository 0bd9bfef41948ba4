"""A quote's speaker is a person, enforced by the database itself.

A CHECK constraint cannot look into another table, so triggers do it: one refuses a
quote whose speaker is not a person, the other refuses turning a speaker into a
non-person. Written for PostgreSQL and SQLite, the two databases Summit KB runs on.
"""

from django.db import migrations

POSTGRES_UP = """
CREATE FUNCTION articles_quote_speaker_is_person() RETURNS trigger AS $$
BEGIN
    IF NEW.speaker_id IS NOT NULL AND
       (SELECT kind FROM entities_entity WHERE id = NEW.speaker_id) <> 'person' THEN
        RAISE EXCEPTION 'a quote''s speaker must be a person' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER articles_quote_speaker_is_person
    BEFORE INSERT OR UPDATE OF speaker_id ON articles_quote
    FOR EACH ROW EXECUTE FUNCTION articles_quote_speaker_is_person();

CREATE FUNCTION entities_speaker_stays_person() RETURNS trigger AS $$
BEGIN
    IF NEW.kind <> 'person' AND EXISTS (SELECT 1 FROM articles_quote WHERE speaker_id = NEW.id) THEN
        RAISE EXCEPTION 'an entity quoted as a speaker must stay a person'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER entities_speaker_stays_person
    BEFORE UPDATE OF kind ON entities_entity
    FOR EACH ROW EXECUTE FUNCTION entities_speaker_stays_person();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS entities_speaker_stays_person ON entities_entity;
DROP FUNCTION IF EXISTS entities_speaker_stays_person();
DROP TRIGGER IF EXISTS articles_quote_speaker_is_person ON articles_quote;
DROP FUNCTION IF EXISTS articles_quote_speaker_is_person();
"""
SQLITE_UP = [
    """
    CREATE TRIGGER articles_quote_speaker_is_person_insert BEFORE INSERT ON articles_quote
    WHEN NEW.speaker_id IS NOT NULL
     AND (SELECT kind FROM entities_entity WHERE id = NEW.speaker_id) <> 'person'
    BEGIN SELECT RAISE(ABORT, 'a quote''s speaker must be a person'); END
    """,
    """
    CREATE TRIGGER articles_quote_speaker_is_person_update BEFORE UPDATE OF speaker_id ON articles_quote
    WHEN NEW.speaker_id IS NOT NULL
     AND (SELECT kind FROM entities_entity WHERE id = NEW.speaker_id) <> 'person'
    BEGIN SELECT RAISE(ABORT, 'a quote''s speaker must be a person'); END
    """,
    """
    CREATE TRIGGER entities_speaker_stays_person BEFORE UPDATE OF kind ON entities_entity
    WHEN NEW.kind <> 'person' AND EXISTS (SELECT 1 FROM articles_quote WHERE speaker_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'an entity quoted as a speaker must stay a person'); END
    """,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS articles_quote_speaker_is_person_insert",
    "DROP TRIGGER IF EXISTS articles_quote_speaker_is_person_update",
    "DROP TRIGGER IF EXISTS entities_speaker_stays_person",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"No speaker-is-a-person trigger for {schema_editor.connection.vendor}."
            )
        for statement in [statements] if isinstance(statements, str) else statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial"), ("entities", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
