"""Template helpers of the journalists' pages: JSON-LD, honest dates, links that keep filters."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import template
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from summit_kb.partial_dates import format_partial_date, iso_partial_date
from summit_kb.security import is_outside_url

register = template.Library()

# What must not appear raw inside <script>: "</script>" or "<!--" in a headline would end
# the element or open a comment; & keeps entity-like text inert too.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_dumps(data: Any) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped."""
    return json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)


@register.filter
def outside_url(url: str | None) -> str:
    """The address when it is an http(s) link, else "": ``{{ url|outside_url }}``. A
    ``javascript:`` URL stored before it was refused never becomes a link."""
    return url.strip() if is_outside_url(url) else ""


@register.simple_tag
def jsonld(data: Any) -> SafeString:
    """``{% jsonld data %}`` → a schema.org JSON-LD script element. Safe by construction:
    the JSON text cannot contain ``<``, so nothing in it can close the element."""
    if not data:
        return SafeString("")
    return mark_safe(  # jsonld_dumps escapes every < > &
        f'<script type="application/ld+json">{jsonld_dumps(data)}</script>'
    )


@register.filter
def partial_date(day: dt.date | None, precision: str | None) -> str:
    """``{{ event.date|partial_date:event.precision }}`` → "16 July 2018", "June 2018", "2014"."""
    return format_partial_date(day, precision)


@register.filter
def iso_date(day: dt.date | None, precision: str | None) -> str:
    """For ``<time datetime>``: "2018-07-16", "2018-06" or "2014", cut to the precision."""
    return iso_partial_date(day, precision) or ""


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters replaced (None removes one); the page
    number is dropped unless given, since a new filter starts on its first page.

    ``<a href="?{% query_with kind='summit' %}">``
    """
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value not in (None, ""):
            query[name] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context: template.Context, name: str, value: str) -> str:
    """The current query string without one value of a repeated parameter (``entity=…``)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    query.setlist(name, [v for v in query.getlist(name) if v != value])
    return query.urlencode()


@register.simple_tag
def snippet(pieces: list[tuple[str, bool]]) -> SafeString:
    """A search snippet: every piece escaped, the matched ones in ``<mark>``."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<mark>{}</mark>", text) if hit else format_html("{}", text),)
            for text, hit in pieces
        ),
    )
