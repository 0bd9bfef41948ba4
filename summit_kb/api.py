"""The API's one error shape: every error body is ``{"message": ..., "extra": {...}}``.

Also the pieces every endpoint shares: the error serializer the schema names, page-number
pagination that answers bad pages in the error shape, the documented error responses and
the base view. The throttles are in ``summit_kb.throttles``.
"""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, pagination, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from summit_kb.errors import ApplicationError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, reshaped. Unknown exceptions return None: a 500 in the logs, never
    silenced."""
    if isinstance(exc, ApplicationError):
        return Response({"message": exc.message, "extra": exc.extra}, status=400)
    if isinstance(exc, RequestDataTooBig):  # Django's own limit, met while a parser read
        exc = RequestTooLarge(too_large_message(None))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"message": _first_message(exc.detail), "extra": {"fields": exc.detail}}
    else:
        detail = getattr(exc, "detail", str(exc))
        extra: dict[str, Any] = getattr(exc, "extra", None) or {}
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            extra["retry_after_seconds"] = math.ceil(exc.wait)
        response.data = {"message": str(detail), "extra": extra}
    if response.status_code == status.HTTP_401_UNAUTHORIZED:
        response.data["message"] = response.data["message"] or "Authentication is required."
    return response


def _first_message(detail: Any, path: str = "") -> str:
    """The first error as a sentence that names the field: "url: Enter a valid URL."."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            return _first_message(value, f"{path}.{name}" if path and name else name or path)
    if isinstance(detail, list) and detail:
        return _first_message(detail[0], path)
    return f"{path}: {detail}" if path else str(detail)


class NotFound(exceptions.NotFound):
    """A 404 that carries ``extra`` into the error body (which parameter, what was asked)."""

    def __init__(self, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.extra = extra or {}


class RequestTooLarge(exceptions.APIException):
    """A request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413 in the error shape, not
    Django's HTML "Bad Request"."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.extra = {"limit_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}


def too_large_message(size: int | None) -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000
    said = f"is {size / 1_000_000:.1f} MB" if size else "is too large"
    return f"The request body {said}; requests are limited to {limit:.1f} MB."


def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other path under /api/: a 404 in the error shape, not the site's HTML page."""
    return JsonResponse(
        {"message": f"There is no API endpoint at {request.path}.", "extra": {}}, status=404
    )


# --- the error shape, for the schema ---------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """Every error body: a sentence a person understands, and details a program can use."""

    message = serializers.CharField()
    extra = serializers.DictField(child=serializers.JSONField())


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """The documented error responses of an endpoint, all in the one error shape."""
    described = {
        400: "A parameter is wrong; the message names it (`extra.parameter` too).",
        401: "No valid token was sent.",
        403: "The token's user lacks the permission.",
        404: "Not found (also a page past the last one).",
        413: "The request body is over the request limit.",
        429: "Too many requests from this client; `Retry-After` says when to try again.",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=described[code]) for code in codes}


RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    int,
    OpenApiParameter.HEADER,
    response=[429],
    description="Seconds to wait before the next request.",
)
READ_ERRORS = (400, 404, 429)


# --- pagination ------------------------------------------------------------------------------


class PagePagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M``. A page that is not a whole number ≥ 1 is a 400 naming
    ``page``; a page past the last one is a 404 in the error shape. Two queries: the count
    and the page."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_number = _positive_int(request.query_params.get(self.page_query_param), "page", 1)
        self.page_size_used = _positive_int(
            request.query_params.get(self.page_size_query_param), "page_size", self.page_size
        )
        if self.page_size_used > self.max_page_size:
            raise ApplicationError(
                f"page_size: at most {self.max_page_size} rows a page.",
                {"parameter": "page_size", "maximum": self.max_page_size},
            )
        paginator = self.django_paginator_class(queryset, self.page_size_used)
        last = max(paginator.num_pages, 1)
        if page_number > last:
            raise NotFound(
                f"page: there is no page {page_number}; the last page is {last}.",
                {"parameter": "page", "last_page": last},
            )
        self.page = paginator.page(page_number)
        return list(self.page)

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "pages": max(self.page.paginator.num_pages, 1),
                "page_size": self.page_size_used,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "page", "pages", "page_size", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "pages": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number, from 1. Not a whole number ≥ 1: 400; past the "
                "last page: 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Rows a page (default {self.page_size}, at most "
                f"{self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


def _positive_int(value: str | None, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise ApplicationError(
            f"{name}: {value!r} is not a whole number of 1 or more.", {"parameter": name}
        )
    return int(value)


# Query parameters whose schema is a number, a date pattern or a list of values: empty is not
# one of them, so ``?page=`` is a 400 like ``?page=abc`` (test: the set is the schema's).
TYPED_PARAMETERS = (
    "page",
    "page_size",
    "from",
    "to",
    "article",
    "kind",
    "precision",
    "status",
    "review_status",
    "cursor",
)


class ApiView(GenericAPIView):
    """The base of the API's views: no django-filter backend (the selectors filter), and
    typed query parameters refused up front when empty. (A NUL byte in any parameter is
    refused before any view, by ``summit_kb.middleware.RequestGuardMiddleware``.)"""

    filter_backends: list = []

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        for name, values in request.query_params.lists():
            if name in TYPED_PARAMETERS and any(value.strip() == "" for value in values):
                raise ApplicationError(
                    f"{name}: the value is empty; leave the parameter out instead.",
                    {"parameter": name},
                )
