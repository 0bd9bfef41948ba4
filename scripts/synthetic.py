"""A synthetic Summit KB database shaped like the real pipeline's, for the benchmarks.

``synthetic_fill(articles=N)`` writes, in PostgreSQL and in SQL (``INSERT … SELECT`` over
``generate_series``: 100,000 articles take about a minute here, bulk_create would take
ten), a knowledge base with the proportions the real pipeline gives. Measured on the demo
corpus (its 15 articles through ``article_process``, SQLite, 2026-12-04):

    mentions 40.3 / article     quotes 4.9 / article     evidence 5.3 / article
    new events 3.3 / article    participants 0.92 / event    events with a place 20 %
    candidate people 2.7 / article    sentence 201 characters    body 3.3 kB
    precision: day 69 %, month 22 %, year 8 %    evidence per event: 1 … 9 (the summit)

Assumed, because 15 articles cannot show them (see docs/scale.md):
- the knowledge base grows by covering more time: 27 articles a day (a busy story), so
  100 articles span 4 days and 100,000 span ten years;
- events saturate: 0.5 new events per article (the demo's 3.3 is the first days of a story);
  reports go to recent events, and one report in ten to one of twenty "big" events (the
  summit), which therefore gather thousands of reports each at 100,000 articles;
- people: 30 register people take most mentions and participations; candidates (2.7 per
  article) are named rarely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ARTICLES_PER_DAY = 27
EVENTS_PER_ARTICLE = 0.5
MENTIONS_PER_ARTICLE = 40.3
QUOTES_PER_ARTICLE = 4.9
EVIDENCE_PER_ARTICLE = 5.3
CANDIDATES_PER_ARTICLE = 2.7
REGISTER_PEOPLE, PLACES, OUTLETS, BIG_EVENTS = 30, 40, 20, 20
START = dt.date(2018, 1, 1)
SENTENCE = (
    "The two leaders met for talks about arms control and the conflict in Syria on "
    "Monday, officials said, and agreed to meet again before the end of the year in the "
    "Finnish capital. "
)


@dataclass(frozen=True)
class Synthetic:
    articles: int
    events: int
    evidence: int
    people: int
    first_day: dt.date
    last_day: dt.date
    busy_person: str  # the slug of the person in most events
    busy_event: str  # the slug of the event with most reports


def synthetic_fill(
    *, articles: int, last_day: dt.date | None = None, seed: float = 0.2018
) -> Synthetic:
    """Fill an empty, migrated PostgreSQL database (Django's default connection). The
    knowledge base starts on 1 January 2018, or ends on ``last_day`` when given."""
    from django.db import connection

    events = max(int(articles * EVENTS_PER_ARTICLE), BIG_EVENTS + 1)
    candidates = int(articles * CANDIDATES_PER_ARTICLE)
    days = max(articles // ARTICLES_PER_DAY, 1)
    start = last_day - dt.timedelta(days=days) if last_day else START
    people = REGISTER_PEOPLE + candidates
    params = {
        "n": articles,
        "e": events,
        "days": days,
        "start": start,
        "people": people,
        "register": REGISTER_PEOPLE,
        "candidates": candidates,
        "places": PLACES,
        "outlets": OUTLETS,
        "big": BIG_EVENTS,
        "mentions": int(articles * MENTIONS_PER_ARTICLE),
        "quotes": int(articles * QUOTES_PER_ARTICLE),
        "evidence": int(articles * EVIDENCE_PER_ARTICLE),
        "sentence": SENTENCE.strip(),
        "body": SENTENCE * 16,
    }
    with connection.cursor() as cursor:
        # The register of the story is already there (a migration loads it): ids go after.
        for name, table in (
            ("o0", "articles_outlet"),
            ("p0", "entities_entity"),
            ("a0", "articles_article"),
            ("v0", "timeline_event"),
        ):
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
            params[name] = cursor.fetchone()[0]
        cursor.execute("SELECT setseed(%s)", [seed])
        for statement in _STATEMENTS:
            cursor.execute(statement, params)
        cursor.execute("ANALYZE")
        cursor.execute(
            "SELECT e.slug FROM entities_entity e JOIN timeline_eventparticipant p "
            "ON p.entity_id = e.id GROUP BY e.slug ORDER BY count(*) DESC LIMIT 1"
        )
        busy_person = cursor.fetchone()[0]
        cursor.execute(
            "SELECT ev.slug FROM timeline_event ev JOIN timeline_evidence r ON r.event_id = ev.id "
            "GROUP BY ev.slug ORDER BY count(*) DESC LIMIT 1"
        )
        busy_event = cursor.fetchone()[0]
    return Synthetic(
        articles=articles,
        events=events,
        evidence=params["evidence"],
        people=people,
        first_day=start,
        last_day=start + dt.timedelta(days=days),
        busy_person=busy_person,
        busy_event=busy_event,
    )


# Ids are generated in order on an empty database (the sequences start at 1), so rows
# refer to each other by arithmetic on the series number. Each statement is one pass.
_STATEMENTS = [
    """
    INSERT INTO articles_outlet (id, name, slug, domain)
    SELECT %(o0)s + i, 'Synthetic Outlet ' || i, 'synthetic-outlet-' || i,
        'outlet' || i || '.example'
    FROM generate_series(1, %(outlets)s) i
    """,
    # People first (register, then candidates), then places.
    """
    INSERT INTO entities_entity (id, kind, name, slug, description, wikidata_id,
        review_status, created_at, updated_at)
    SELECT %(p0)s + i,
        CASE WHEN i <= %(people)s THEN 'person' ELSE 'place' END,
        CASE WHEN i <= %(register)s THEN 'Register Person ' || i
             WHEN i <= %(people)s THEN 'Candidate Person ' || i
             ELSE 'Place ' || i END,
        'synthetic-entity-' || i, '', '',
        CASE WHEN i <= %(register)s OR i > %(people)s THEN 'confirmed' ELSE 'candidate' END,
        now(), now()
    FROM generate_series(1, %(people)s + %(places)s) i
    """,
    """
    INSERT INTO articles_article (id, canonical_url, headline, byline, published_at, raw_text,
        raw_format, body, content_hash, status, attempts, last_error, pipeline_version,
        created_at, updated_at, status_changed_at, processed_at, outlet_id)
    SELECT %(a0)s + i, 'https://outlet.example/story/' || i,
        'Synthetic report ' || i || ' on the summit', '',
        %(start)s::timestamptz + (i::float / %(n)s) * (%(days)s || ' days')::interval,
        %(body)s, 'text', %(body)s,
        md5(i::text) || md5('body' || i::text), 'processed', 1, '', 'synthetic',
        now(), now(), now(), now(), %(o0)s + 1 + i %% %(outlets)s
    FROM generate_series(1, %(n)s) i
    """,
    # Events in time order, as articles first report them; a date near that article's.
    """
    INSERT INTO timeline_event (id, title, slug, kind, date, precision, end_date, summary,
        review_status, editor_locked, created_at, updated_at, place_id, period_end,
        evidence_count, article_count)
    SELECT %(v0)s + i, 'Synthetic event ' || i, 'synthetic-event-' || i, kind,
        CASE precision WHEN 'day' THEN day WHEN 'month' THEN date_trunc('month', day)::date
             ELSE date_trunc('year', day)::date END,
        precision, NULL, 'Officials met and talked.', 'pending', false, now(), now(),
        CASE WHEN random() < 0.2
             THEN %(p0)s + %(people)s + 1 + floor(random() * %(places)s)::int END,
        CASE precision WHEN 'day' THEN day
             WHEN 'month'
                 THEN (date_trunc('month', day) + interval '1 month' - interval '1 day')::date
             ELSE (date_trunc('year', day) + interval '1 year' - interval '1 day')::date END,
        0, 0
    FROM (
        SELECT i,
            (%(start)s::date + floor((i::float / %(e)s) * %(days)s)::int
                - floor(random() * 7)::int) AS day,
            (ARRAY['day','day','day','day','day','day','day','month','month','year'])
                [1 + floor(random() * 10)::int] AS precision,
            (ARRAY['meeting','summit','talks','visit','call','statement','interview',
                   'announcement','press_conference','sanctions','other'])
                [1 + floor(random() * 11)::int] AS kind
        FROM generate_series(1, %(e)s) i
    ) e
    """,
    # 0, 1 or 2 participants (0.95 on average), register people most often.
    """
    INSERT INTO timeline_eventparticipant (event_id, entity_id)
    SELECT DISTINCT %(v0)s + e, %(p0)s + person FROM (
        SELECT e, CASE WHEN random() < 0.8
                       THEN 1 + floor(%(register)s * power(random(), 2))::int
                       ELSE 1 + floor(random() * %(people)s)::int END AS person,
               k, r
        FROM (SELECT e, k, random() AS r FROM generate_series(1, %(e)s) e,
              generate_series(1, 2) k) s
    ) p
    WHERE (k = 1 AND r < 0.7) OR (k = 2 AND r < 0.25)
    """,
    # Reports: of the article's own days' events mostly, one in ten of a big event.
    """
    INSERT INTO timeline_evidence (sentence, start, "end", date_expression, pipeline_version,
        created_at, article_id, event_id, published_at, strategy)
    SELECT %(sentence)s, k * 300, k * 300 + 200, 'on Monday', 'synthetic', now(), %(a0)s + a,
        %(v0)s + CASE WHEN random() < 0.1 THEN 1 + floor(%(big)s * power(random(), 2))::int
             ELSE greatest(1, least(%(e)s,
                 floor(a::float * %(e)s / %(n)s)::int - floor(60 * power(random(), 2))::int))
        END,
        NULL, 'synthetic'
    FROM (SELECT 1 + (i - 1) %% %(n)s AS a, (i - 1) / %(n)s AS k
          FROM generate_series(1, %(evidence)s) i) s
    ON CONFLICT DO NOTHING
    """,
    """
    INSERT INTO articles_mention (start, "end", text, strategy, article_id, entity_id)
    SELECT k * 50, k * 50 + 12, 'Person name', 'synthetic', %(a0)s + a, %(p0)s +
        CASE WHEN random() < 0.85 THEN 1 + floor(%(register)s * power(random(), 2))::int
             ELSE 1 + floor(random() * %(people)s)::int END
    FROM (SELECT 1 + (i - 1) %% %(n)s AS a, (i - 1) / %(n)s AS k
          FROM generate_series(1, %(mentions)s) i) s
    ON CONFLICT DO NOTHING
    """,
    """
    INSERT INTO articles_quote (text, start, "end", cue, said_on, said_precision, confidence,
        review_status, editor_locked, pipeline_version, created_at, updated_at, article_id,
        speaker_id, strategy, words_count, words_key)
    SELECT words,
        k * 400, k * 400 + 30, 'said', NULL, '', 0.9, 'pending', false, 'synthetic',
        now(), now(), %(a0)s + a, %(p0)s + 1 + floor(%(register)s * power(random(), 2))::int,
        'synthetic', 5, lower(words)
    FROM (SELECT 1 + (i - 1) %% %(n)s AS a, (i - 1) / %(n)s AS k,
                 (ARRAY['We will talk about everything.', 'It was a good meeting.',
                        'Nothing was agreed.'])[1 + floor(random() * 3)::int] AS words
          FROM generate_series(1, %(quotes)s) i) s
    """,
    # The sequences continue after the ids written here.
    *(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        for table in (
            "articles_outlet",
            "entities_entity",
            "articles_article",
            "timeline_event",
            "timeline_eventparticipant",
            "timeline_evidence",
            "articles_mention",
            "articles_quote",
        )
    ),
]
