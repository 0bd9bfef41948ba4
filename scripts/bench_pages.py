#!/usr/bin/env python3
"""``make bench-pages``: the journalists' pages for an article with 5,000 quotes.

Starts a throwaway PostgreSQL the way ``scripts/test_stack.py`` does, stores one synthetic
article of 5,000 quotes (and a mention of the speaker in each), then renders the article
page and every list page that can show its quotes in-process with Django's test client,
and prints for each: median render time of a few requests, the size of the answer and the
database queries it took (and the CPU time of this process: the wall time on a loaded
machine is mostly waiting). A benchmark, not a test: it asserts nothing (the target is under
1 s a page); the figures are noisy on a loaded machine.

    .venv/bin/python scripts/bench_pages.py [--quotes 5000] [--per-paragraph 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import test_stack  # noqa: E402 - the throwaway servers of `make test`

RUNS = 3


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=5_000)
    parser.add_argument("--per-paragraph", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="cProfile the article page")
    args = parser.parse_args(argv)
    with test_stack.running_services(database="summit_kb_pages") as services:
        os.environ.update(
            DATABASE_URL=services.database_url,
            DJANGO_SETTINGS_MODULE="summit_kb.settings",
            DJANGO_DEBUG="false",
            SUMMIT_KB_VAR_DIR=str(services.workdir / "var"),
            DJANGO_LOG_LEVEL="WARNING",
            API_ANON_RATE="1000000/minute",
        )
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        article_id, slug = _fill(args.quotes, args.per_paragraph)
        print(
            f"One article of {args.quotes} quotes ({args.per_paragraph} a paragraph); "
            f"median of {RUNS} renders, load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        if args.profile:
            import cProfile
            import pstats

            from django.test import Client

            client = Client(HTTP_HOST="127.0.0.1")
            with cProfile.Profile() as profile:
                client.get(f"/articles/{article_id}/")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
            return 0
        for path in (
            f"/articles/{article_id}/",
            f"/quotes/?article={article_id}",
            "/quotes/",
            f"/quotes/?speaker={slug}",
            f"/entities/{slug}/",
            "/timeline/",
            "/articles/",
            "/search/?q=ferries",
            "/",
            f"/api/v1/articles/{article_id}/",
            f"/api/v1/quotes/?article={article_id}",
        ):
            _measure(path)
    return 0


def _fill(quotes: int, per_paragraph: int) -> tuple[int, str]:
    import datetime as dt
    import hashlib

    from articles.models import Article, ArticleStatus, Mention, Quote
    from entities.models import Entity
    from timeline.models import Event, EventParticipant, Evidence

    speaker = Entity.objects.create(
        kind="person", slug="bench-speaker", name="Aino Bench", review_status="confirmed"
    )
    paragraphs, spans = [], []
    offset = 0
    for p in range(0, quotes, per_paragraph):
        sentences = []
        for n in range(p, min(p + per_paragraph, quotes)):
            words = f"We talked about the ferries of harbour number {n}."
            prefix = "Aino Bench said: “"
            start = offset + len(prefix)
            spans.append((start - len(prefix), start - len(prefix) + 10, start, start + len(words)))
            sentence = f"{prefix}{words}”"
            sentences.append(sentence)
            offset += len(sentence) + 1
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        offset = sum(len(x) + 2 for x in paragraphs)
    body = "\n\n".join(paragraphs)
    article = Article.objects.create(
        headline="A transcript of many quotes",
        raw_text=body,
        body=body,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        published_at=dt.datetime(2018, 7, 2, 9, 0, tzinfo=dt.UTC),
        status=ArticleStatus.PROCESSED,
    )
    for _, _, start, end in spans:
        assert body[start:end].startswith("We talked"), body[start : start + 20]
    Mention.objects.bulk_create(
        Mention(article=article, entity=speaker, start=s, end=e, text=body[s:e])
        for s, e, _, _ in spans
    )
    Quote.objects.bulk_create(
        Quote(
            article=article,
            speaker=speaker,
            text=body[s:e],
            start=s,
            end=e,
            cue="said",
            said_on=dt.date(2018, 7, 2),
            said_precision="day",
        )
        for _, _, s, e in spans
    )
    event = Event.objects.create(
        slug="bench-meeting",
        title="Aino Bench meets the press",
        kind="meeting",
        date=dt.date(2018, 7, 2),
        precision="day",
    )
    EventParticipant.objects.create(event=event, entity=speaker)
    Evidence.objects.create(
        event=event, article=article, sentence=body[:40], start=0, end=40, date_expression="x"
    )
    return article.pk, speaker.slug


def _measure(path: str) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    times, cpu, size, status, queries = [], [], 0, 0, 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        size, status, queries = len(response.content), response.status_code, len(captured)
    print(
        f"{path:<34} {status}  {statistics.median(times) * 1000:8.0f} ms "
        f"(cpu {statistics.median(cpu) * 1000:5.0f} ms)  "
        f"{size / 1000:8.0f} KB  {queries:3d} queries",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
