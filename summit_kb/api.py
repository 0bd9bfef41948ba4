"""The API's one error shape: every error body is ``{"message": ..., "extra": {...}}``.

Also the pieces every endpoint shares: the error serializer the schema names, page-number
pagination that answers bad pages in the error shape, the documented error responses and
the base view. The throttles are in ``summit_kb.throttles``.
"""

from __future__ import annotations

import math
from typing import Any

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


class ApiView(GenericAPIView):
    """The base of the API's views: no django-filter backend (the selectors filter), and
    query parameters refused up front when no database could take them."""

    filter_backends: list = []

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        for name, values in request.query_params.lists():
            if any("\x00" in value for value in values):
                # PostgreSQL refuses NUL in text: a 400 here, not a DataError (500) later.
                raise ApplicationError(
                    f"{name}: the value contains a NUL character.", {"parameter": name}
                )
