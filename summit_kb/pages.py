"""Pieces the journalists' pages share: pagination that refuses nonsense politely."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest


def page_of(request: HttpRequest, items, *, per_page: int, default: int = 1) -> Page:
    """The page ``?page=`` asks for (``default`` without one). ``page=abc``, ``page=-1`` or
    a page past the end is a 404 with a sentence saying why, never a 500. Two queries for a
    queryset (count, rows).
    """
    raw = request.GET.get("page") or str(default)
    try:
        number = int(raw)
    except ValueError:
        raise Http404(f"“{raw[:40]}” is not a page number.") from None
    paginator = Paginator(items, per_page)
    if number < 1 or (number > paginator.num_pages):
        raise Http404(f"There is no page {number}; there are {paginator.num_pages}.")
    return paginator.page(number)
