"""Shared fixtures: personas, the story's register, a real Celery worker, a real Chromium.

Nothing here imports Django at module level, so the pure extraction tests can run
with ``-p no:django`` (``make test-extraction``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _django_active(config: pytest.Config) -> bool:
    return config.pluginmanager.hasplugin("django")


def pytest_configure(config: pytest.Config) -> None:
    if not _django_active(config):
        return
    if not os.environ.get("DATABASE_URL") and not os.environ.get("SUMMIT_KB_ALLOW_SQLITE"):
        pytest.exit(
            "The suite runs against PostgreSQL and Redis: start it with `make test` "
            "(or set DATABASE_URL and REDIS_URL yourself).",
            returncode=2,
        )


def pytest_report_header(config: pytest.Config) -> list[str]:
    if not _django_active(config):
        return ["summit-kb: extraction only, no database"]
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = settings.CELERY_BROKER_URL.split("://", 1)[0]
    eager = settings.CELERY_TASK_ALWAYS_EAGER
    return [f"summit-kb: database {engine}, Celery broker {broker}, eager={eager}"]


# --- personas -------------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    """A staff member of the Editors group: adds articles, reviews what the workers found."""
    from summit_kb.accounts import editor_create

    user, password = editor_create(username="erin-editor")
    user.clear_password = password
    return user


@pytest.fixture
def journalist(db):
    """A signed-in reader with no rights to change anything."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("jo-journalist", password="reads-the-news-2018")


@pytest.fixture
def outsider(db):
    """Somebody with an account that grants nothing, not even staff."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("otto-outsider", password="no-rights-here-2018")


@pytest.fixture
def story_register(db):
    """The register of the story, loaded as the data migration does (idempotent).

    Needed by transactional tests: their flush empties the tables the migration filled.
    """
    from entities.services import register_sync

    register_sync()


# --- the seed, read from ../shared, never copied --------------------------------------------


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seed_expected.json").exists():
        pytest.skip(f"the shared folder is not beside the checkout ({SHARED})")
    return SHARED


# --- a real Celery worker -------------------------------------------------------------------


class WorkerProcess:
    """A real ``celery worker`` process (its own session, so it can be killed whole)."""

    def __init__(self, database_url: str, name: str) -> None:
        self.database_url = database_url
        self.name = name
        self.process: subprocess.Popen | None = None

    def start(self) -> WorkerProcess:
        env = dict(os.environ, DATABASE_URL=self.database_url)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "summit_kb",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "--pool=prefork",
                f"--hostname={self.name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        _wait_for_worker(self.process, f"{self.name}@")
        return self

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once: no warm shutdown, no acks."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_workers(transactional_db, django_db_setup) -> Iterator:
    """Start real Celery workers on the test Redis, writing to the test database:
    ``celery_workers("name")`` returns a started ``WorkerProcess``; all stop at the end.

    Requires the test stack (``make test``): a worker in eager mode would prove nothing.
    """
    from django.conf import settings
    from django.db import connection

    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.REDIS_URL:
        pytest.fail("end-to-end tests need REDIS_URL: run them with `make test`")
    database_url = test_database_url(connection.settings_dict)
    started: list[WorkerProcess] = []

    def start(name: str = "e2e") -> WorkerProcess:
        worker = WorkerProcess(database_url, f"{name}{len(started)}").start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def celery_worker_process(celery_workers) -> WorkerProcess:
    return celery_workers("e2e")


def test_database_url(settings_dict: dict) -> str:
    """The URL of the database the tests use (pytest-django's ``test_…`` database)."""
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


def _wait_for_worker(process: subprocess.Popen, prefix: str, timeout: float = 60) -> None:
    from summit_kb.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Celery worker exited with {process.returncode}")
        replies = app.control.ping(timeout=0.5) or []
        if any(name.startswith(prefix) for reply in replies for name in reply):
            return
    pytest.fail("the Celery worker did not answer a ping within a minute")


# --- a real Chromium --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium from the system (never a downloaded browser), driven by Playwright."""
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium is not at {path}: run the tests with `make test`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium) -> Iterator:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots the browser tests save for people to look at."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


# --- the demo corpus, through the real pipeline ---------------------------------------------

DEMO_CORPUS = ROOT / "demo" / "corpus"


def demo_corpus_load() -> dict[str, int]:
    """Ingest and process every article of ``demo/corpus`` in this process (the test stack's
    Celery is not eager, so nothing would process them otherwise). Returns article ids by
    file name ("01_bolton_kremlin_talks.txt" → 1…). Works in transactional tests too."""
    from articles.ingest_files import submissions_from
    from articles.services import article_ingest, article_process
    from entities.services import register_sync

    register_sync()
    submissions, problems = submissions_from([DEMO_CORPUS])
    assert not problems, problems
    ids = {
        submission.filename: article_ingest(
            raw=submission.raw, filename=submission.filename
        ).article.pk
        for submission in submissions
    }
    for article_id in ids.values():
        assert article_process(article_id=article_id) == "processed"
    return ids


@pytest.fixture
def demo_corpus(db) -> dict[str, int]:
    """The demo corpus loaded through the pipeline: article ids by file name."""
    return demo_corpus_load()


# --- the API --------------------------------------------------------------------------------


@pytest.fixture
def fresh_throttles() -> None:
    """Empty API throttle counters, so that one test's requests do not limit the next's."""
    from tests.api_support import throttles_reset

    throttles_reset()


@pytest.fixture
def api(fresh_throttles):
    """An anonymous API client."""
    from rest_framework.test import APIClient

    return APIClient()
