"""End to end: real Celery workers, the test Redis and PostgreSQL, every way in.

These tests commit (transactional database) so that the worker processes see the rows.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from articles.models import Article, ArticleStatus, Mention, Quote
from articles.services import article_ingest, articles_sweep
from entities.models import Entity
from entities.selectors import register_from_database
from extraction.pipeline import extract_document
from extraction.results import Document
from summit_kb.accounts import editor_create
from summit_kb.api_tokens import api_token_create
from tests.conftest import test_database_url
from timeline.models import Event, Evidence

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTICLE = """Finnish hosts ready the palace for the Helsinki summit

July 10, 2018, 8:00 AM UTC

Donald Trump and Vladimir Putin will meet in Helsinki on July 16, Finnish officials said on Tuesday, as workers fenced off the streets around the Presidential Palace.

"We have hosted such meetings before and we know how to do it," said Aino Virtanen, a spokeswoman for the city, on Tuesday.

John Bolton met Putin in Moscow on June 27 to prepare the summit.
"""


def _wait_processed(article_id: int, timeout: float = 60) -> Article:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        article = Article.objects.get(pk=article_id)
        if article.status in (ArticleStatus.PROCESSED, ArticleStatus.FAILED):
            return article
        time.sleep(0.1)
    pytest.fail(f"article {article_id} was not processed within {timeout} s: {article.status}")


def _facts(article: Article) -> tuple:
    """Everything linked to the article, as comparable values (no ids)."""
    return (
        sorted(Mention.objects.filter(article=article).values_list("entity__slug", "start", "end")),
        sorted(
            Quote.objects.filter(article=article).values_list(
                "start", "end", "speaker__slug", "cue", "said_on"
            )
        ),
        sorted(Evidence.objects.filter(article=article).values_list("event__slug", "start")),
    )


def _expected_counts(article: Article) -> tuple[int, int, int]:
    """What extraction itself finds in the article: the rows a correct linking writes."""
    found = extract_document(
        Document(body=article.body, published=article.published_at),
        register=register_from_database(),
    )
    mentions = sum(len(e.mentions) for e in found.entities)
    return mentions, len(found.quotes), len(found.events)


def test_an_article_added_by_command_reaches_the_timeline(celery_workers, story_register, tmp_path):
    celery_workers()
    (tmp_path / "palace.txt").write_text(ARTICLE, encoding="utf-8")

    call_command("ingest", str(tmp_path), "--wait", "--timeout", "60")

    article = Article.objects.get()
    assert article.status == ArticleStatus.PROCESSED
    summit = Event.objects.get(date=dt.date(2018, 7, 16))
    assert {"donald-trump", "vladimir-putin"} <= set(
        summit.participants.values_list("slug", flat=True)
    )
    assert summit.place.slug == "helsinki"
    quote = Quote.objects.get(article=article, text__startswith="We have hosted")
    assert quote.speaker.name == "Aino Virtanen"
    assert quote.speaker.review_status == "candidate"


def test_an_article_posted_to_the_api_reaches_the_timeline(celery_workers, story_register, client):
    celery_workers()
    user, _ = editor_create(username="api-editor")
    _, key = api_token_create(user=user, name="e2e client")

    response = client.post(
        "/api/v1/articles/",
        data=json.dumps({"text": ARTICLE, "outlet": "Nordic Wire", "url": "https://nw.example/a"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )

    assert response.status_code == 201, response.content
    article = _wait_processed(response.json()["id"])
    assert article.status == ArticleStatus.PROCESSED
    assert article.outlet.name == "Nordic Wire"
    assert Event.objects.filter(date=dt.date(2018, 7, 16), evidence__article=article).exists()
    assert client.get(response.json()["status_url"]).json()["status"] == "processed"


def test_an_article_pasted_in_the_admin_reaches_the_timeline(
    celery_workers, story_register, client
):
    celery_workers()
    user, _ = editor_create(username="admin-editor")
    client.force_login(user)

    response = client.post(reverse("admin:articles_article_add"), {"text": ARTICLE})

    assert response.status_code == 302
    article = _wait_processed(Article.objects.get().pk)
    assert article.status == ArticleStatus.PROCESSED
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert b"Trump" in page and b'http-equiv="refresh"' not in page


def test_ten_concurrent_submissions_of_one_article_make_one(story_register):
    results: list[bool] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(10)

    def submit() -> None:
        try:
            barrier.wait()
            results.append(article_ingest(raw=ARTICLE).created)
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    assert sorted(results) == [False] * 9 + [True]
    assert Article.objects.count() == 1


def test_a_worker_killed_mid_transaction_leaves_nothing_and_the_article_ends_processed_once(
    celery_workers, story_register
):
    article = article_ingest(raw=ARTICLE).article  # queued; no worker runs yet
    entity_id, start, end = _first_mention_span(article)
    url = test_database_url(connection.settings_dict)
    with psycopg.connect(url) as blocker:
        # An uncommitted row with the very span the worker will write: its insert waits on
        # the unique index, after it has already deleted and written other rows. Killed
        # there, the worker is in the middle of its transaction.
        blocker.execute(
            "INSERT INTO articles_mention"
            ' (article_id, entity_id, start, "end", text, strategy)'
            " VALUES (%s, %s, %s, %s, 'x', '')",
            (article.pk, entity_id, start, end),
        )
        worker = celery_workers("doomed")
        _wait_for_a_blocked_writer(url, "articles_mention")
        assert Article.objects.get(pk=article.pk).status == ArticleStatus.PROCESSING

        worker.kill()
        blocker.rollback()

    assert Mention.objects.filter(article=article).count() == 0
    assert Quote.objects.filter(article=article).count() == 0
    assert Evidence.objects.filter(article=article).count() == 0
    celery_workers("survivor")
    # The periodic sweep finds the article its dead worker left in "processing".
    assert articles_sweep(processing_for=dt.timedelta(0)) == 1
    article = _wait_processed(article.pk)

    assert article.status == ArticleStatus.PROCESSED
    mentions, quotes, events = _expected_counts(article)
    assert Mention.objects.filter(article=article).count() == mentions
    assert Quote.objects.filter(article=article).count() == quotes
    assert Evidence.objects.filter(article=article).count() == events
    assert Event.objects.filter(date=dt.date(2018, 7, 16)).count() == 1


def _first_mention_span(article: Article) -> tuple[int, int, int]:
    found = extract_document(
        Document(body=article.body, published=article.published_at),
        register=register_from_database(),
    )
    known = next(e for e in found.entities if e.slug)
    start, end = known.mentions[0]
    return Entity.objects.get(slug=known.slug).pk, start, end


def _wait_for_a_blocked_writer(url: str, table: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND query LIKE %s",
                (f"%{table}%",),
            ).fetchone()
            if waiting and waiting[0] > 0:
                return
            time.sleep(0.05)
    pytest.fail(f"the worker never waited on {table}")


def test_reprocessing_twice_through_the_worker_gives_the_same_rows(celery_workers, story_register):
    celery_workers()
    article = _wait_processed(article_ingest(raw=ARTICLE).article.pk)
    first = _facts(article)

    for _ in range(2):
        call_command("reprocess", str(article.pk))
        article = _wait_processed(article.pk)

    assert _facts(article) == first
    assert Event.objects.filter(date=dt.date(2018, 7, 16)).count() == 1


@pytest.fixture
def redis_control():
    """Stop and restart the test stack's own Redis, on the same port."""
    from django.conf import settings

    server = os.environ.get("SUMMIT_KB_TEST_REDIS_SERVER")
    workdir = os.environ.get("SUMMIT_KB_TEST_WORKDIR")
    if not server or not workdir:
        pytest.fail("this test needs the test stack's Redis: run it with `make test`")
    port = int(settings.REDIS_URL.rsplit(":", 1)[1].split("/")[0])

    def stop() -> None:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(b"SHUTDOWN NOSAVE\r\n")
            sock.recv(64)
        _wait_port(port, open_=False)

    def start() -> None:
        subprocess.Popen(
            [
                server,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                workdir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives this test; the test stack shuts it down
        )
        _wait_port(port, open_=True)

    yield SimpleNamespace(stop=stop, start=start)
    if not _port_open(port):
        start()


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _wait_port(port: int, *, open_: bool, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _port_open(port) == open_:
            return
        time.sleep(0.05)
    pytest.fail(f"Redis on port {port} did not {'start' if open_ else 'stop'}")


def test_with_redis_down_a_submission_is_stored_and_the_sweep_processes_it_later(
    redis_control, celery_workers, story_register, client
):
    user, _ = editor_create(username="outage-editor")
    _, key = api_token_create(user=user, name="e2e client")
    redis_control.stop()

    response = client.post(
        "/api/v1/articles/",
        data=json.dumps({"text": ARTICLE}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )

    assert response.status_code == 201
    article = Article.objects.get(pk=response.json()["id"])
    assert article.status == ArticleStatus.QUEUED

    redis_control.start()
    # The worker is started only now, so nothing but the sweep can bring the article back.
    celery_workers("after-outage")
    assert articles_sweep(queued_for=dt.timedelta(0)) == 1
    assert _wait_processed(article.pk).status == ArticleStatus.PROCESSED


def test_the_sweep_runs_every_minute_under_celery_beat(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["sweep-articles"]
    assert schedule["task"] == "articles.tasks.sweep_articles_task"
    assert schedule["schedule"] <= 60


def test_the_demo_corpus_folder_exists_for_make_demo():
    folder = Path(__file__).resolve().parents[2] / "demo" / "corpus"
    assert len([p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".json")]) >= 12
