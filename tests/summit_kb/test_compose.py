"""docker-compose.yml is valid Compose and configures the app as the tests do.

No Docker engine runs on these machines, so the file is checked against the
published Compose specification schema that check-jsonschema ships.
"""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from tests.conftest import ROOT

COMPOSE = ROOT / "docker-compose.yml"


def test_the_compose_file_follows_the_compose_specification() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(COMPOSE),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_postgres_redis_web_worker_and_beat_with_health_checks_and_volumes() -> None:
    compose = yaml.safe_load(COMPOSE.read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    assert all("healthcheck" in service for service in services.values())
    assert set(compose["volumes"]) == {"postgres-data", "redis-data"}
    assert "migrate" in services["web"]["command"] and "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "summit_kb", "worker"]


def test_the_app_services_use_the_settings_variables_the_tests_use() -> None:
    settings_source = (ROOT / "summit_kb" / "settings.py").read_text()
    read_by_settings = set(
        re.findall(r'"((?:DJANGO|DATABASE|REDIS)_[A-Z_]+|DATABASE_URL|REDIS_URL)"', settings_source)
    )
    compose = yaml.safe_load(COMPOSE.read_text())
    for name in ("web", "worker", "beat"):
        variables = set(compose["services"][name]["environment"])
        assert {
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SECRET_KEY",
            "DJANGO_ALLOWED_HOSTS",
        } <= variables
        assert variables <= read_by_settings, variables - read_by_settings
    assert compose["services"]["web"]["environment"]["DATABASE_URL"].startswith("postgres://")
    assert compose["services"]["web"]["environment"]["REDIS_URL"].startswith("redis://")
