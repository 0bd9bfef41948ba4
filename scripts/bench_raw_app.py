"""The lower bound ``make bench-api`` compares the timeline API with: a bare WSGI handler.

psycopg and ``json``, nothing else: the same rows as ``GET /api/v1/timeline/`` (the count,
a page of events with their place and report counts (the columns), their participants, their first
reports by publication through a LATERAL join) and the same JSON, built by hand. No
framework, no throttle, no ETag. Served by gunicorn exactly as the project is.

Query string: ``size``, ``entity`` (a slug), ``since`` / ``until`` (ISO days, already
resolved), ``after`` (``date,period_end,id``), ``offset``.
"""

from __future__ import annotations

import json
import os
from urllib.parse import parse_qs

import psycopg

EVIDENCE_SHOWN = 5
_connection: psycopg.Connection | None = None


def _db() -> psycopg.Connection:
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(
            os.environ["DATABASE_URL"].replace("postgres://", "postgresql://"),
            autocommit=True,
            options="-c TimeZone=UTC",
        )
    return _connection


def application(environ, start_response):
    params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    body = json.dumps(_page(params), ensure_ascii=False, separators=(",", ":")).encode()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]


def _page(params: dict[str, str]) -> dict:
    size = int(params.get("size", 25))
    where, args = ["e.review_status <> 'rejected'"], []
    with _db().cursor() as cursor:
        if "entity" in params:
            cursor.execute(
                "SELECT coalesce(merged_into_id, id) FROM entities_entity WHERE slug = %s",
                [params["entity"]],
            )
            where.append(
                "EXISTS (SELECT 1 FROM timeline_eventparticipant p "
                "WHERE p.entity_id = %s AND p.event_id = e.id)"
            )
            args.append(cursor.fetchone()[0])
        if "since" in params:
            where.append("e.period_end >= %s")
            args.append(params["since"])
        if "until" in params:
            where.append("e.date <= %s")
            args.append(params["until"])
        filters = " AND ".join(where)
        cursor.execute(f"SELECT count(*) FROM timeline_event e WHERE {filters}", args)
        count = cursor.fetchone()[0]
        page_where, page_args = filters, list(args)
        if "after" in params:
            page_where += " AND (e.date, e.period_end, e.id) > (%s, %s, %s)"
            page_args += params["after"].split(",")
        cursor.execute(
            f"""
            SELECT e.id, e.slug, e.title, e.kind, e.date, e.precision, e.end_date, e.summary,
                pl.slug, pl.name, e.evidence_count, e.article_count
            FROM timeline_event e LEFT JOIN entities_entity pl ON pl.id = e.place_id
            WHERE {page_where}
            ORDER BY e.date, e.period_end, e.id LIMIT %s OFFSET %s
            """,
            [*page_args, size + 1, int(params.get("offset", 0))],
        )
        rows = cursor.fetchall()[:size]
        events, by_id = [], {}
        for eid, slug, title, kind, day, precision, end, summary, pslug, pname, n, a in rows:
            event = {
                "id": eid,
                "slug": slug,
                "title": title,
                "kind": kind,
                "date": _partial(day, precision),
                "precision": precision,
                "end_date": end.isoformat() if end else None,
                "participants": [],
                "place": {"slug": pslug, "name": pname} if pslug else None,
                "summary": summary,
                "article_count": a,
                "evidence": [],
                "evidence_count": n,
                "evidence_url": f"http://127.0.0.1/api/v1/timeline/{slug}/evidence/",
            }
            events.append(event)
            by_id[eid] = event
        ids = list(by_id)
        cursor.execute(
            "SELECT p.event_id, en.slug, en.name FROM timeline_eventparticipant p "
            "JOIN entities_entity en ON en.id = p.entity_id WHERE p.event_id = ANY(%s) "
            "ORDER BY en.name, en.id",
            [ids],
        )
        for eid, slug, name in cursor.fetchall():
            by_id[eid]["participants"].append({"slug": slug, "name": name})
        cursor.execute(
            """
            SELECT e.id, r.article_id, a.headline, o.name, r.published_at, a.canonical_url,
                r.sentence, r.date_expression
            FROM unnest(%s::bigint[]) AS e(id)
            CROSS JOIN LATERAL (
                SELECT * FROM timeline_evidence r WHERE r.event_id = e.id
                ORDER BY r.published_at, r.article_id, r.start LIMIT %s) r
            JOIN articles_article a ON a.id = r.article_id
            LEFT JOIN articles_outlet o ON o.id = a.outlet_id
            ORDER BY e.id, r.published_at, r.article_id, r.start
            """,
            [ids, EVIDENCE_SHOWN],
        )
        for (
            eid,
            article,
            headline,
            outlet,
            published,
            url,
            sentence,
            expression,
        ) in cursor.fetchall():
            by_id[eid]["evidence"].append(
                {
                    "article": article,
                    "headline": headline,
                    "outlet": outlet,
                    "published": published.isoformat().replace("+00:00", "Z")
                    if published
                    else None,
                    "url": url,
                    "sentence": sentence,
                    "date_expression": expression,
                }
            )
    return {
        "count": count,
        "page": 1,
        "pages": max(-(-count // size), 1),
        "page_size": size,
        "next": None,
        "previous": None,
        "results": events,
    }


def _partial(day, precision: str) -> str:
    text = day.isoformat()
    return text if precision == "day" else text[:7] if precision == "month" else text[:4]
