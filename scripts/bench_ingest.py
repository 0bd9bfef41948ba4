#!/usr/bin/env python3
"""``make bench-ingest``: articles through a real Celery worker and PostgreSQL.

Starts a throwaway PostgreSQL and Redis (as ``make test`` does), migrates, starts one
Celery worker process (``--concurrency=1``), submits N generated articles through
``article_ingest`` (the path the admin, the API and ``manage.py ingest`` share) and
waits until all are processed. Prints articles/s and the p50/p95 time from receipt
(the row's ``created_at``) to processed (``processed_at``).

A measurement, not a test: the targets (≥ 20 articles/s with one worker process,
p95 under 1 s) are printed beside the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from test_stack import running_services  # noqa: E402

TARGET_RATE = 20.0
TARGET_P95 = 1.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument(
        "--rate", type=float, default=0, help="submissions per second (0: as fast as possible)"
    )
    options = parser.parse_args(argv)
    with running_services(database="summit_kb_bench") as services:
        os.environ.update(DATABASE_URL=services.database_url, REDIS_URL=services.redis_url)
        env = dict(os.environ)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "summit_kb",
                "worker",
                "--concurrency=1",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            return _measure(options.articles, options.rate, services.description)
        finally:
            worker.terminate()
            worker.wait(timeout=30)


def _measure(count: int, rate: float, description: str) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit_kb.settings")
    django.setup()
    from articles.models import Article, ArticleStatus
    from articles.services import article_ingest
    from extraction.bench import build_corpus
    from summit_kb.celery import app

    while not app.control.ping(timeout=0.5):
        time.sleep(0.2)
    corpus = build_corpus(count + 5)
    # Warm-up: the worker's first article builds the register's matching tables.
    warm = [article_ingest(raw=text).article.pk for text, _ in corpus[:5]]
    _wait(warm, Article, ArticleStatus, timeout=60)

    started = time.monotonic()
    ids = []
    for text, _ in corpus[5:]:
        ids.append(article_ingest(raw=text).article.pk)
        if rate:
            time.sleep(1 / rate)
    _wait(ids, Article, ArticleStatus, timeout=600)
    elapsed = time.monotonic() - started

    rows = Article.objects.filter(pk__in=ids).values_list("status", "created_at", "processed_at")
    latencies = sorted((done - received).total_seconds() for _, received, done in rows if done)
    failed = sum(1 for status, _, _ in rows if status != ArticleStatus.PROCESSED)
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"services:     {description}")
    print(f"articles:     {len(ids)} through 1 worker process ({failed} not processed)")
    print(f"articles/s:   {len(ids) / elapsed:.1f} (target {TARGET_RATE:.0f})")
    print(
        f"receipt → processed: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
        f"(target p95 < {TARGET_P95 * 1000:.0f} ms)"
    )
    if not rate:
        print(
            "(all submitted at once: latency includes the time spent waiting in the queue;"
            " pass --rate 15 for latency at a steady rate)"
        )
    return 0 if failed == 0 else 1


def _wait(ids: list[int], Article, ArticleStatus, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    pending = [ArticleStatus.QUEUED, ArticleStatus.PROCESSING]
    while Article.objects.filter(pk__in=ids, status__in=pending).exists():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the worker")
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
