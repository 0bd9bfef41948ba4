#!/usr/bin/env python3
"""``make bench-api``: the read API over real HTTP against a synthetic PostgreSQL database.

Starts a throwaway PostgreSQL the way ``scripts/test_stack.py`` does (its functions, reused),
fills it with bulk_create — 10,000 articles, 2,000 events, 30,000 quotes, 100,000 mentions —
serves the project with gunicorn on a loopback port and measures three reads, a bounded
number of requests each: a timeline page of 100 events, an entity's detail and a quote
search. Prints p50 / p95 latency, requests a second and database queries a request (counted
in-process with the same requests, as the HTTP server cannot report them; BENCH_SHOW_SQL=1
prints each query and its time). A benchmark, not a test: it asserts nothing; the target
is p50 under 50 ms for the timeline page.
"""

from __future__ import annotations

import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import test_stack  # noqa: E402 - the throwaway PostgreSQL of `make test`

ARTICLES, EVENTS, QUOTES, MENTIONS = 10_000, 2_000, 30_000, 100_000
PEOPLE, PLACES = 200, 40
REQUESTS = 300  # per endpoint, after 20 warm-up requests
WORKERS = 2  # gunicorn workers; requests are sent one at a time
BATCH = 5_000  # rows per bulk_create: about 0.1–0.3 s each on this machine


def main() -> int:
    pg_bin = test_stack._postgres_bin_dir()
    workdir = Path(tempfile.mkdtemp(prefix="summit-kb-bench-"))
    user = test_stack._postgres_os_user()
    if user:
        shutil.chown(workdir, user=user)
    port, http_port = test_stack._free_port(), test_stack._free_port()
    server = None
    try:
        test_stack._start_postgres(pg_bin, workdir / "pg", port, workdir, user, "summit_kb")
        os.environ.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/summit_kb",
            DJANGO_SETTINGS_MODULE="summit_kb.settings",
            DJANGO_DEBUG="false",
            API_ANON_RATE="1000000/minute",
            API_USER_RATE="1000000/minute",
            SUMMIT_KB_VAR_DIR=str(workdir / "var"),
            DJANGO_LOG_LEVEL="WARNING",
        )
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        slugs = _fill()
        print(f"Synthetic database filled in {time.perf_counter() - started:.1f} s", flush=True)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "summit_kb.wsgi:application",
                f"--bind=127.0.0.1:{http_port}",
                f"--workers={WORKERS}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=dict(os.environ),
        )
        _wait_for(http_port)
        targets = {
            "timeline page (100 events)": "/api/v1/timeline/?page_size=100&page=3",
            "entity detail": f"/api/v1/entities/{slugs['person']}/",
            "quote search": f"/api/v1/quotes/?speaker={slugs['person']}&words=summit&page_size=25",
        }
        print(f"\n{'endpoint':32} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'queries':>8}")
        for label, path in targets.items():
            p50, p95, rate = _measure(http_port, path)
            queries = _queries(path)
            print(f"{label:32} {p50:8.1f} {p95:8.1f} {rate:8.0f} {queries:8d}")
        print(
            f"\n{REQUESTS} sequential requests each over HTTP/1.1 keep-alive, gunicorn "
            f"{WORKERS} sync workers; target: timeline p50 < 50 ms."
        )
        return 0
    finally:
        if server is not None:
            test_stack._stop(server)
        test_stack._as_user(
            [str(pg_bin / "pg_ctl"), "-D", str(workdir / "pg"), "-m", "immediate", "stop"],
            user,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def _fill() -> dict[str, str]:
    """The synthetic story, with bulk_create in batches. Returns slugs to ask for."""
    import datetime as dt
    import random

    from articles.models import Article, Mention, Outlet, Quote
    from entities.models import Entity
    from summit_kb.partial_dates import period_end
    from timeline.models import Event, EventParticipant, Evidence

    rng = random.Random(2018)
    outlets = Outlet.objects.bulk_create(
        Outlet(name=f"Bench Outlet {n}", slug=f"bench-outlet-{n}") for n in range(20)
    )
    people = Entity.objects.bulk_create(
        Entity(
            kind="person", name=f"Person {n}", slug=f"bench-person-{n}", review_status="confirmed"
        )
        for n in range(PEOPLE)
    )
    places = Entity.objects.bulk_create(
        Entity(kind="place", name=f"Place {n}", slug=f"bench-place-{n}", review_status="confirmed")
        for n in range(PLACES)
    )
    start = dt.datetime(2018, 1, 1, 8, tzinfo=dt.UTC)
    sentence = "The leaders met for talks about the summit in Helsinki on Monday, officials said. "
    articles = Article.objects.bulk_create(
        (
            Article(
                outlet=rng.choice(outlets),
                headline=f"Bench article {n} on the summit",
                published_at=start + dt.timedelta(minutes=52 * n),
                raw_text=sentence * 20,
                body=sentence * 20,
                content_hash=f"bench-{n:064d}"[-64:],
                status="processed",
            )
            for n in range(ARTICLES)
        ),
        batch_size=BATCH,
    )
    events = []
    for n in range(EVENTS):
        precision = rng.choice(["day"] * 8 + ["month", "year"])
        day = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(365))
        if precision == "month":
            day = day.replace(day=1)
        elif precision == "year":
            day = dt.date(day.year, 1, 1)
        events.append(
            Event(
                title=f"Bench event {n}",
                slug=f"bench-event-{n}",
                kind=rng.choice(["meeting", "summit", "call", "statement", "talks"]),
                date=day,
                precision=precision,
                period_end=period_end(day, precision),
                place=rng.choice(places),
                summary="Officials met and talked.",
            )
        )
    events = Event.objects.bulk_create(events, batch_size=BATCH)
    EventParticipant.objects.bulk_create(
        (
            EventParticipant(event=event, entity=person)
            for event in events
            for person in rng.sample(people, 3)
        ),
        batch_size=BATCH,
    )
    Evidence.objects.bulk_create(
        (
            Evidence(
                event=event,
                article=article,
                sentence=sentence.strip(),
                start=k * 83,
                end=k * 83 + 82,
                date_expression="on Monday",
            )
            for event in events
            for k, article in enumerate(rng.sample(articles, 4))
        ),
        batch_size=BATCH,
    )
    Quote.objects.bulk_create(
        (
            Quote(
                article=articles[n % ARTICLES],
                speaker=rng.choice(people),
                text=rng.choice(["We will talk about the summit.", "It was a good meeting."]),
                start=(n // ARTICLES) * 83,
                end=(n // ARTICLES) * 83 + 30,
                cue="said",
            )
            for n in range(QUOTES)
        ),
        batch_size=BATCH,
    )
    Mention.objects.bulk_create(
        (
            Mention(
                article=articles[n % ARTICLES],
                entity=rng.choice(people),
                start=(n // ARTICLES) * 83,
                end=(n // ARTICLES) * 83 + 5,
                text="Leade",
            )
            for n in range(MENTIONS)
        ),
        batch_size=BATCH,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"person": people[7].slug}


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/entities/?page_size=1")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer within 30 s")


def _measure(port: int, path: str) -> tuple[float, float, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings = []
    for n in range(20 + REQUESTS):
        began = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit(f"{path} answered {response.status}: {body[:300]!r} {response.getheaders()}")
        if n >= 20:
            timings.append(time.perf_counter() - began)
    connection.close()
    timings.sort()
    p50 = statistics.median(timings) * 1000
    p95 = timings[int(len(timings) * 0.95) - 1] * 1000
    return p50, p95, len(timings) / sum(timings)


def _queries(path: str) -> int:
    """The same request in-process, its database queries counted."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    if os.environ.get("BENCH_SHOW_SQL"):
        for query in captured.captured_queries:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:150]}")
    return len(captured)


if __name__ == "__main__":
    sys.exit(main())
