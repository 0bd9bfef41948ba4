"""One error shape for the whole application: a message a person understands, and details."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """An error the caller can act on: bad input, a refused request.

    The API answers it as ``{"message": ..., "extra": {...}}`` with status 400 (see
    ``summit_kb.api.exception_handler``); the admin shows the message on the form; the
    ``ingest`` command prints it next to the file.
    """

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
