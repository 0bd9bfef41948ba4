"""The Celery app. Settings come from Django's (``CELERY_*``), so the same environment
variables configure the web process and the workers."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit_kb.settings")

app = Celery("summit_kb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _started_by_the_celery_command() -> bool:
    program = Path(sys.argv[0]) if sys.argv else Path()
    return program.name == "celery" or program.parts[-2:] == ("celery", "__main__.py")


if _started_by_the_celery_command():
    # The worker reads its settings before any signal fires: check them here, so that a bad
    # value stops it with one sentence, as manage.py and the web process do.
    from summit_kb.startup import run_or_explain

    def _load_settings() -> None:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - touching a setting loads them all

    run_or_explain(_load_settings)


@worker_init.connect
def _check_database(**kwargs) -> None:
    """A worker that cannot reach its database stops at start with one sentence."""
    import django

    from summit_kb.startup import run_or_explain

    run_or_explain(django.setup, check_database=True)
