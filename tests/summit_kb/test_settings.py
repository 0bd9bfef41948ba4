"""Settings come from the environment and fail at start with one clear sentence."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from summit_kb.env import env_bool, env_url, redact_url
from tests.conftest import ROOT


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.pop("REDIS_URL", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("true", True),
        ("1", True),
        ("Yes", True),
        ("on", True),
        ("false", False),
        ("0", False),
        ("no", False),
        ("", False),
    ],
)
def test_it_reads_yes_and_no_values(raw: str, expected: bool) -> None:
    assert env_bool("DJANGO_DEBUG", default=not expected, environ={"DJANGO_DEBUG": raw}) is expected


def test_it_refuses_a_value_that_is_neither_yes_nor_no() -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG='maybe' is not a yes/no value"):
        env_bool("DJANGO_DEBUG", default=False, environ={"DJANGO_DEBUG": "maybe"})


def test_it_refuses_a_database_url_of_an_unknown_kind() -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with one of"):
        env_url("DATABASE_URL", ("postgres",), environ={"DATABASE_URL": "mysql://db/x"})


def test_it_hides_the_password_in_messages() -> None:
    assert redact_url("postgres://kb:s3cret@db:5432/kb") == "postgres://kb:***@db:5432/kb"


def test_a_bad_debug_value_stops_the_start_with_one_sentence() -> None:
    result = _manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Summit KB is misconfigured: DJANGO_DEBUG='maybe' is not a yes/no value: "
        "use one of true, false, 1, 0, yes, no, on, off."
    ]


def test_an_unreachable_database_stops_the_start_with_one_sentence() -> None:
    result = _manage("migrate", DATABASE_URL="postgres://kb:pw@127.0.0.1:9/kb")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(
        "Summit KB cannot reach its database at postgres://kb:***@127.0.0.1:9/kb"
    )
    assert "pw" not in lines[0]


def test_a_broker_url_of_the_wrong_kind_stops_the_start() -> None:
    result = _manage("check", REDIS_URL="amqp://127.0.0.1//")
    assert result.returncode == 1
    assert "REDIS_URL must start with one of redis://, rediss://" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_needs_a_secret_key() -> None:
    result = _manage("check", DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="kb.example.org")
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set in the production profile." in result.stderr


def test_the_production_profile_passes_the_deployment_checks() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="x7" * 30 + "-production-secret-for-the-check",
        DJANGO_ALLOWED_HOSTS="kb.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_with_nothing_set_it_runs_on_sqlite_with_in_process_tasks() -> None:
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)",
        SUMMIT_KB_VAR_DIR=str(ROOT / "var" / "test-embedded"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("django.db.backends.sqlite3 True")


def test_the_suite_itself_runs_on_postgresql_and_redis(settings) -> None:
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False


def test_the_cache_uses_its_own_redis_database_so_clearing_it_spares_the_queue(settings) -> None:
    assert settings.CELERY_BROKER_URL.endswith("/0")
    assert settings.CACHES["default"]["LOCATION"].endswith("/1")
    assert settings.CACHES["default"]["LOCATION"][:-1] == settings.CELERY_BROKER_URL[:-1]


def test_a_worker_with_a_bad_setting_stops_with_one_sentence() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env["DJANGO_DEBUG"] = "maybe"
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "summit_kb", "worker"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Summit KB is misconfigured: DJANGO_DEBUG='maybe'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_worker_that_cannot_reach_its_database_stops_with_one_sentence() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env["DATABASE_URL"] = "postgres://kb:pw@127.0.0.1:9/kb"
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "summit_kb", "worker", "--loglevel=ERROR"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Summit KB cannot reach its database at postgres://kb:***@127.0.0.1:9/kb" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_production_refuses_debug() -> None:
    result = _manage(
        "check",
        DJANGO_ENV="production",
        DJANGO_DEBUG="true",
        DJANGO_SECRET_KEY="x7" * 30 + "-production-secret-for-the-check",
        DJANGO_ALLOWED_HOSTS="kb.example.org",
    )
    assert result.returncode == 1
    assert "DJANGO_DEBUG=true is not allowed in the production profile" in result.stderr
