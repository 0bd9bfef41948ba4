#!/usr/bin/env python3
"""Per-article processing cost as the knowledge base grows: 100, 10,000, 100,000 articles.

For each size, a fresh database on one throwaway PostgreSQL is filled by
``scripts/synthetic.py`` (the pipeline's proportions; the knowledge base covers more time as
it grows, and its last day is 20 July 2018), then generated articles of June–July 2018
(``extraction.bench.build_corpus``), each naming a person never seen before, go through the
real pipeline in-process: ``article_ingest`` then the processing task, run eagerly (no
broker: what one worker does, minus the queue). Prints per size the median and p90 time an
article takes, the part spent in linking events (``events_link``, under the global lock) and
in its pool query, the queries an article makes, and the process's RSS growth.

    .venv/bin/python scripts/bench_growth.py                  # 100 and 10,000
    .venv/bin/python scripts/bench_growth.py --sizes 100 10000 100000

The register is read and its matching tables rebuilt for every article that names a new
person (its caching is another issue's work): that part grows with the register, and shows
in the total beside the link step. A benchmark: times on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
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

WARM_UP = 5
GIVEN = ["Aino", "Mikko", "Liisa", "Juha", "Sanna", "Pekka", "Tuula", "Ville", "Kaisa", "Olli"]
FAMILY = ["Lehtonen", "Saarinen", "Heikkinen", "Koskinen", "Laine", "Nieminen", "Salo", "Aalto"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--articles", type=int, default=60, help="processed at each size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process
    options = parser.parse_args(argv)
    if options.one is not None:
        return _one_size(options.one, options.articles)
    pg_bin = test_stack._postgres_bin_dir()
    workdir = Path(tempfile.mkdtemp(prefix="summit-kb-growth-"))
    user = test_stack._postgres_os_user()
    if user:
        shutil.chown(workdir, user=user)
    port = test_stack._free_port()
    results = []
    try:
        test_stack._start_postgres(pg_bin, workdir / "pg", port, workdir, user, "postgres_ready")
        for size in options.sizes:
            database = f"growth_{size}"
            test_stack._as_user(
                [
                    str(pg_bin / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-U",
                    "postgres",
                    database,
                ],
                user,
            )
            env = dict(
                os.environ,
                DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/{database}",
                DJANGO_SETTINGS_MODULE="summit_kb.settings",
                DJANGO_DEBUG="false",
                SUMMIT_KB_VAR_DIR=str(workdir / "var"),
                DJANGO_LOG_LEVEL="WARNING",
            )
            env.pop("REDIS_URL", None)
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(size), "--articles", str(options.articles)],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if child.returncode != 0:
                print(child.stdout, child.stderr, sep="\n")
                return child.returncode
            results.append(json.loads(child.stdout.strip().splitlines()[-1]))
            _print(results)
    finally:
        test_stack._as_user(
            [str(pg_bin / "pg_ctl"), "-D", str(workdir / "pg"), "-m", "immediate", "stop"],
            user,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)
    base = results[0]
    print("\nRatio to the smallest knowledge base (target: within 1.3×):")
    for row in results[1:]:
        print(
            f"  {row['size']:>7,} articles: whole article {row['p50'] / base['p50']:.2f}×, "
            f"link step {row['link'] / base['link']:.2f}×, pool query "
            f"{row['pool'] / base['pool']:.2f}×"
        )
    print(f"Load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    return 0


def _print(results: list[dict]) -> None:
    print(
        f"\n{'KB articles':>11} {'events':>8} {'reports':>9} {'people':>8} {'fill s':>7} "
        f"{'p50 ms':>7} {'p90 ms':>7} {'link ms':>8} {'pool ms':>8} {'queries':>8} {'RSS +MB':>8}"
    )
    for r in results:
        print(
            f"{r['size']:>11,} {r['events']:>8,} {r['evidence']:>9,} {r['people']:>8,} "
            f"{r['fill']:>7.1f} {r['p50']:>7.1f} {r['p90']:>7.1f} {r['link']:>8.2f} "
            f"{r['pool']:>8.2f} {r['queries']:>8.0f} {r['rss']:>8.1f}",
            flush=True,
        )


def _one_size(size: int, count: int) -> int:
    """In the child: fill, then process ``count`` articles; one JSON line on stdout."""
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from synthetic import synthetic_fill

    import articles.linking
    import timeline.services
    from articles.models import Article, ArticleStatus
    from articles.services import article_ingest
    from extraction.bench import build_corpus

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    kb = synthetic_fill(articles=size, last_day=dt.date(2018, 7, 20))
    fill = time.perf_counter() - started

    spent = {"link": [], "pool": []}
    link, pool = timeline.services.events_link, timeline.services._event_pool

    def timed(name, function):
        def run(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name].append(time.perf_counter() - began)

        return run

    articles.linking.events_link = timed("link", link)
    timeline.services._event_pool = timed("pool", pool)
    corpus = build_corpus(WARM_UP + count, seed=size)
    totals, queries = [], []
    rss_start = None
    for n, (text, _) in enumerate(corpus):
        if n == WARM_UP:
            spent = {"link": [], "pool": []}
            rss_start = _rss_mb()
        name = f"{GIVEN[n % len(GIVEN)]} {FAMILY[(n // len(GIVEN)) % len(FAMILY)]}-{n}"
        text += f'\n\n"We will be watching closely," said {name}, a regional official.\n'
        began = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            article = article_ingest(raw=text).article  # processed in-process on commit
        elapsed = time.perf_counter() - began
        if n >= WARM_UP:
            totals.append(elapsed * 1000)
            queries.append(len(captured))
        status = Article.objects.filter(pk=article.pk).values_list("status", flat=True).get()
        if status != ArticleStatus.PROCESSED:
            raise SystemExit(f"article {article.pk} ended {status}")
    totals.sort()
    print(
        json.dumps(
            {
                "size": size,
                "events": kb.events,
                "evidence": kb.evidence,
                "people": kb.people,
                "fill": fill,
                "p50": statistics.median(totals),
                "p90": totals[int(len(totals) * 0.9) - 1],
                "link": statistics.median(spent["link"]) * 1000,
                "pool": statistics.median(spent["pool"]) * 1000,
                "queries": statistics.median(queries),
                "rss": _rss_mb() - (rss_start or 0),
            }
        )
    )
    return 0


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
