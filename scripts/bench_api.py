#!/usr/bin/env python3
"""``make bench-api``: the timeline API over real HTTP beside a raw lower bound, in one run.

Starts a throwaway PostgreSQL the way ``scripts/test_stack.py`` does (its functions, reused),
fills it with ``scripts/synthetic.py`` — 10,000 articles shaped like the real pipeline's
(5.3 reports, 40 mentions and 4.9 quotes an article, as measured on the demo corpus) —
and serves both the project and ``scripts/bench_raw_app.py`` (psycopg + ``json``, the same
rows and the same JSON, no framework) with gunicorn on loopback ports, the same settings.

Each timeline read is sent to both, alternately, a bounded number of times: page 1, a deep
page through its cursor (as the ``next`` links give it), the same deep page by number (an
OFFSET, for comparison), an entity filter and a date range; then a 304, an entity's detail
and a quote search (project only). Prints p50 / p95 of each, the project/raw ratio of the
p50s and the database queries of the project's request (counted in-process with the same
request; BENCH_SHOW_SQL=1 prints each query and its time), then the targets: page 1 p50 ≤ 2×
raw, deep page ≤ 1.2× page 1, the same number of queries on every page. A benchmark, not a
test: it asserts nothing; times on a shared machine are noisy, the ratios less so.
"""

from __future__ import annotations

import argparse
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

WORKERS = 2  # gunicorn sync workers, for each of the two servers; requests go one at a time
WARM_UP = 20
PAGE = 100  # events a page: the most the API gives


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="per endpoint and server")
    options = parser.parse_args(argv)
    pg_bin = test_stack._postgres_bin_dir()
    workdir = Path(tempfile.mkdtemp(prefix="summit-kb-bench-"))
    user = test_stack._postgres_os_user()
    if user:
        shutil.chown(workdir, user=user)
    port, http_port, raw_port = (test_stack._free_port() for _ in range(3))
    servers: list[subprocess.Popen] = []
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
        from synthetic import synthetic_fill

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        kb = synthetic_fill(articles=options.articles)
        print(
            f"Synthetic database: {kb.articles:,} articles, {kb.events:,} events, "
            f"{kb.evidence:,} reports, {kb.people:,} people, filled in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        for app, bind, chdir in (
            ("summit_kb.wsgi:application", http_port, ROOT),
            ("bench_raw_app:application", raw_port, ROOT / "scripts"),
        ):
            servers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        app,
                        f"--bind=127.0.0.1:{bind}",
                        f"--workers={WORKERS}",
                        "--log-level=warning",
                    ],
                    cwd=chdir,
                    env=dict(os.environ),
                )
            )
        _wait_for(http_port, "/api/v1/entities/?page_size=1")
        _wait_for(raw_port, "/?size=1")
        return _run(kb, http_port, raw_port, options.requests)
    finally:
        for server in servers:
            test_stack._stop(server)
        test_stack._as_user(
            [str(pg_bin / "pg_ctl"), "-D", str(workdir / "pg"), "-m", "immediate", "stop"],
            user,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def _run(kb, http_port: int, raw_port: int, requests: int) -> int:
    from timeline.api import cursor_encode
    from timeline.models import Event
    from timeline.selectors import TimelineKey

    total = Event.objects.count()
    deep = max(total // PAGE - 10, 2)  # ten pages from the end
    key = Event.objects.order_by("date", "period_end", "id").values_list(
        "date", "period_end", "id"
    )[(deep - 1) * PAGE - 1]
    cursor = cursor_encode("after", TimelineKey(*key))
    after = ",".join(str(part) for part in key)
    month = kb.last_day.replace(day=1)
    since, until = month.isoformat()[:7], month.isoformat()[:7]
    month_end = _month_end(month)
    base = f"/api/v1/timeline/?page_size={PAGE}"
    timeline = {
        "timeline page 1": (base, f"/?size={PAGE}"),
        f"deep page {deep} (cursor)": (
            f"{base}&page={deep}&cursor={cursor}",
            f"/?size={PAGE}&after={after}",
        ),
        f"deep page {deep} (number)": (
            f"{base}&page={deep}",
            f"/?size={PAGE}&offset={(deep - 1) * PAGE}",
        ),
        "entity filter": (
            f"{base}&entity={kb.busy_person}",
            f"/?size={PAGE}&entity={kb.busy_person}",
        ),
        f"date range {since}": (
            f"{base}&from={since}&to={until}",
            f"/?size={PAGE}&since={month.isoformat()}&until={month_end.isoformat()}",
        ),
    }
    others = {
        "timeline 304 (If-None-Match)": base,
        "entity detail": f"/api/v1/entities/{kb.busy_person}/",
        "quote search": f"/api/v1/quotes/?speaker={kb.busy_person}&words=meeting&page_size=25",
    }
    print(
        f"\n{'endpoint':30} {'p50 ms':>8} {'p95 ms':>8} {'raw p50':>8} {'raw p95':>8} "
        f"{'ratio':>6} {'queries':>8} {'kB':>6}"
    )
    p50s: dict[str, float] = {}
    raw50s: dict[str, float] = {}
    queries: dict[str, int] = {}
    for label, (path, raw_path) in timeline.items():
        (p50, p95, size), (raw50, raw95, _) = _measure_pair(
            http_port, path, raw_port, raw_path, requests
        )
        p50s[label], raw50s[label], queries[label] = p50, raw50, _queries(path)
        print(
            f"{label:30} {p50:8.1f} {p95:8.1f} {raw50:8.1f} {raw95:8.1f} "
            f"{p50 / raw50:6.2f} {queries[label]:8d} {size / 1000:6.0f}"
        )
    for label, path in others.items():
        headers = {}
        if "304" in label:
            headers["If-None-Match"] = _get(http_port, base)[1]
        (p50, p95, size), _ = _measure_pair(http_port, path, None, None, requests, headers=headers)
        print(
            f"{label:30} {p50:8.1f} {p95:8.1f} {'':8} {'':8} {'':6} "
            f"{_queries(path, headers):8d} {size / 1000:6.0f}"
        )
    page1, deep_label = p50s["timeline page 1"], f"deep page {deep} (cursor)"
    raw_ratio = page1 / raw50s["timeline page 1"]
    print(
        f"\nTargets: page 1 p50 ≤ 2× raw: {raw_ratio:.2f}× "
        f"({'met' if raw_ratio <= 2 else 'NOT met'}); deep page (cursor) ≤ 1.2× page 1: "
        f"{p50s[deep_label] / page1:.2f}× "
        f"({'met' if p50s[deep_label] <= 1.2 * page1 else 'NOT met'}); queries the same on "
        f"every timeline read: {sorted(set(queries.values()))} "
        f"(the entity filter adds its slug lookup)."
    )
    print(
        f"{requests} requests each, sent alternately to the project and the raw handler over "
        f"HTTP/1.1 keep-alive, gunicorn {WORKERS} sync workers each; load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}."
    )
    return 0


def _month_end(month):
    import datetime as dt

    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _wait_for(port: int, path: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn on port {port} did not answer within {timeout:.0f} s")


def _get(port: int, path: str) -> tuple[bytes, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.read(), response.getheader("ETag") or ""


def _measure_pair(port, path, raw_port, raw_path, requests, headers=None):
    """p50, p95 (ms) and body size of each side, requests interleaved: noise hits both."""
    sides = [(port, path, headers or {})]
    if raw_port is not None:
        sides.append((raw_port, raw_path, {}))
    connections = [http.client.HTTPConnection("127.0.0.1", p, timeout=60) for p, _, _ in sides]
    timings: list[list[float]] = [[] for _ in sides]
    sizes = [0 for _ in sides]
    for n in range(WARM_UP + requests):
        for i, (connection, (_, target, extra)) in enumerate(zip(connections, sides, strict=True)):
            began = time.perf_counter()
            connection.request("GET", target, headers=extra)
            response = connection.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - began
            if response.status not in (200, 304):
                sys.exit(f"{target} answered {response.status}: {body[:300]!r}")
            if n >= WARM_UP:
                timings[i].append(elapsed)
            sizes[i] = len(body)
    for connection in connections:
        connection.close()
    results = []
    for side, sample in enumerate(timings):
        sample.sort()
        results.append(
            (
                statistics.median(sample) * 1000,
                sample[int(len(sample) * 0.95) - 1] * 1000,
                sizes[side],
            )
        )
    return results[0], (results[1] if raw_port is not None else None)


def _queries(path: str, headers: dict | None = None) -> int:
    """The same request in-process, its database queries counted."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    assert response.status_code in (200, 304), response.content[:300]
    if os.environ.get("BENCH_SHOW_SQL"):
        print(f"  {path}")
        for query in captured.captured_queries:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:150]}")
    return len(captured)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
