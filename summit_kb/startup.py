"""One clear sentence instead of a traceback wall when the configuration is wrong.

``manage.py``, ``wsgi.py`` and the Celery worker call ``run_or_explain``; a bad
setting or an unreachable database stops the start with a single line on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def database_problem() -> str | None:
    """Try the default database once; a sentence saying what is wrong, or None."""
    from django.conf import settings
    from django.db import connection
    from django.db.utils import OperationalError

    from summit_kb.env import redact_url

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        where = redact_url(settings.DATABASE_URL) if settings.DATABASE_URL else "the SQLite file"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"Summit KB cannot reach its database at {where}: {reason}"
    return None


def run_or_explain(start: Callable[[], T], *, check_database: bool = False) -> T:
    """Run ``start``; on a configuration error print one sentence and exit with status 1."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    try:
        result = start()
        if check_database and (problem := database_problem()):
            _exit(problem)
        return result
    except ImproperlyConfigured as exc:
        _exit(f"Summit KB is misconfigured: {exc}")
    except OperationalError as exc:
        _exit(f"Summit KB cannot use its database: {str(exc).strip().splitlines()[0]}")
    raise AssertionError("unreachable")


def _exit(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(1)
