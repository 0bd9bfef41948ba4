"""Reading settings from the environment, failing loudly with one sentence.

Every reader raises ``ImproperlyConfigured`` with a message that names the
variable, the bad value and what would be accepted; ``manage.py``, the WSGI
entry point and the Celery worker turn it into a single line on stderr.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """``DJANGO_DEBUG=maybe`` stops the start instead of quietly meaning False."""
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value: use one of true, false, 1, 0, yes, no, on, off."
    )


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(
    name: str, schemes: tuple[str, ...], environ: Mapping[str, str] = os.environ
) -> str | None:
    """A URL whose scheme is one of ``schemes``, or None when unset or empty."""
    raw = environ.get(name, "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in schemes:
        accepted = ", ".join(f"{scheme}://" for scheme in schemes)
        raise ImproperlyConfigured(
            f"{name} must start with one of {accepted}; got {redact_url(raw)!r}."
        )
    if not parts.hostname and parts.scheme not in ("sqlite",):
        raise ImproperlyConfigured(f"{name} has no host name: {redact_url(raw)!r}.")
    return raw


def redact_url(url: str) -> str:
    """The URL with its password replaced, for messages and logs."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def redis_database_after(url: str) -> str:
    """The same Redis server, next database number: ``redis://h:6379/0`` → ``…/1``.

    The cache gets a database of its own because clearing a Redis cache flushes its whole
    database, which must never be the Celery queue's.
    """
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    if not number.isdigit():
        raise ImproperlyConfigured(f"REDIS_URL must end in a database number: {redact_url(url)!r}.")
    return parts._replace(path=f"/{int(number) + 1}").geturl()
