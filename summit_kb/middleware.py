"""Middleware that keeps hostile requests and outages from becoming 500s, and the security
headers of every answer.

- ``RequestGuardMiddleware``: a NUL byte in the query string is refused up front with a 400
  (PostgreSQL cannot store or compare text holding one, so every view would fail later).
- ``DatabaseUnavailableMiddleware``: while the database cannot be reached, the API answers
  503 in its error shape and the site a 503 page, both with ``Retry-After``; the logs get one
  warning line, not a traceback per request.
- ``SecurityHeadersMiddleware``: the Content-Security-Policy (see ``summit_kb.security``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from summit_kb.security import content_security_policy

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10  # about as long as a database restart or fail-over takes


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def error_answer(request: HttpRequest, status: int, message: str, extra: dict) -> HttpResponse:
    """The API's one error shape under /api/, a page with the sentence elsewhere."""
    if is_api(request):
        return JsonResponse({"message": message, "extra": extra}, status=status)
    template = "503.html" if status == 503 else "400.html"
    return render(request, template, {"message": message}, status=status)


class RequestGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                name = key.replace("\x00", "") or "query"
                return error_answer(
                    request,
                    400,
                    f"{name}: the value contains a NUL character.",
                    {"parameter": name},
                )
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # OperationalError covers "cannot connect" and "connection lost"; a query that is
        # wrong raises ProgrammingError or DataError instead and stays a 500.
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable: %s %s: %s", request.method, request.path, exception)
        response = error_answer(
            request,
            503,
            "The database is not reachable at the moment; try again in a few seconds.",
            {"retry_after_seconds": RETRY_AFTER_SECONDS},
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy())
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
