"""The timeline API: events as JSON (paginated) and as a Knight Lab TimelineJS document.

Both read through ``timeline.selectors`` and answer conditional requests: the ETag and
Last-Modified come from ``timeline_version()`` (one query), so a client polling an unchanged
timeline gets a 304 without the events being read.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import math
from typing import Any

from django.db import connection
from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import http_date
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from summit_kb.api import (
    READ_ERRORS,
    RETRY_AFTER,
    ApiView,
    NotFound,
    PagePagination,
    _positive_int,
    error_responses,
)
from summit_kb.errors import ApplicationError
from summit_kb.partial_dates import Precision, iso_partial_date
from timeline.models import Event, EventKind, EventParticipant, EventReview, Evidence
from timeline.selectors import (
    EVIDENCE_SHOWN,
    TimelineFilter,
    TimelineJSONPage,
    TimelineKey,
    TimelineSlice,
    TimelineVersion,
    event_evidence,
    timeline_events,
    timeline_filter_parse,
    timeline_json_page,
    timeline_key,
    timeline_matching,
    timeline_position,
    timeline_rows,
    timeline_version,
)

# --- what an event looks like -----------------------------------------------------------------


class EntityRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    article = serializers.IntegerField(source="article_id", help_text="The article's id.")
    headline = serializers.CharField(source="article.headline")
    outlet = serializers.SerializerMethodField()
    published = serializers.DateTimeField(source="article.published_at", allow_null=True)
    url = serializers.URLField(source="article.canonical_url", allow_null=True)
    sentence = serializers.CharField(help_text="The article's sentence that reports the event.")
    date_expression = serializers.CharField(help_text="The date as the article wrote it.")

    def get_outlet(self, evidence) -> str | None:
        outlet = evidence.article.outlet
        return outlet.name if outlet else None


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=EventKind.choices)
    date = serializers.SerializerMethodField(
        help_text="ISO date cut to the precision: 2018-07-16, 2018-06 or 2014."
    )
    precision = serializers.ChoiceField(choices=Precision.choices)
    end_date = serializers.DateField(allow_null=True)
    participants = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField()
    summary = serializers.CharField(allow_blank=True)
    article_count = serializers.IntegerField(help_text="Articles that report the event.")
    evidence = EvidenceSerializer(
        many=True,
        help_text=f"The first {EVIDENCE_SHOWN} reports by publication; all of them at "
        "`evidence_url`.",
    )
    evidence_count = serializers.IntegerField(help_text="All the reports of the event.")
    evidence_url = serializers.URLField(help_text="Every report of the event, paginated.")

    def get_date(self, event: Event) -> str:
        return iso_partial_date(event.date, event.precision)

    @extend_schema_field(EntityRefSerializer(many=True))
    def get_participants(self, event: Event) -> list[dict[str, str]]:
        return [{"slug": p.entity.slug, "name": p.entity.name} for p in event.participations.all()]

    @extend_schema_field(EntityRefSerializer(allow_null=True))
    def get_place(self, event: Event) -> dict[str, str] | None:
        return {"slug": event.place.slug, "name": event.place.name} if event.place else None

    def to_representation(self, row: dict[str, Any]) -> dict[str, Any]:
        """A row of ``timeline_rows`` (plain dicts, no model instances) in the declared
        fields; the view passes ``evidence_url`` in the row. The tests and the
        schemathesis run hold it to the declared fields."""
        return event_json(row)


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    end_date = row["end_date"]
    return {
        "id": row["id"],
        "slug": row["slug"],
        "title": row["title"],
        "kind": row["kind"],
        "date": iso_partial_date(row["date"], row["precision"]),
        "precision": row["precision"],
        "end_date": end_date.isoformat() if end_date else None,
        "participants": row["participants"],
        "place": row["place"],
        "summary": row["summary"],
        "article_count": row["article_count"],
        "evidence": [evidence_json(evidence) for evidence in row["evidence"]],
        "evidence_count": row["evidence_count"],
        "evidence_url": row["evidence_url"],
    }


def evidence_json(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``evidence_rows`` as the API shows a report."""
    published = row["published_at"]
    return {
        "article": row["article_id"],
        "headline": row["headline"],
        "outlet": row["outlet"],
        "published": published.isoformat().replace("+00:00", "Z") if published else None,
        "url": row["url"],
        "sentence": row["sentence"],
        "date_expression": row["date_expression"],
    }


# --- filters, shared by both endpoints --------------------------------------------------------

# Years 0001–9999, months 01–12, days 01–31: what the schema allows is what the API reads
# (a day that is not in its month, 2018-02-31, is the documented 400).
DATE_PATTERN = (
    r"^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
    r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
)
TIMELINE_FILTERS = [
    OpenApiParameter(
        "entity",
        str,
        many=True,
        explode=True,
        description="An entity slug, repeatable: events with all of them as participants. "
        "A merged entity's old slug means its target. Unknown slug: 400.",
    ),
    OpenApiParameter(
        "kind",
        str,
        many=True,
        explode=True,
        enum=EventKind.values,
        description="An event kind, repeatable: events of any of them. Unknown kind: 400.",
    ),
    OpenApiParameter(
        "from",
        str,
        pattern=DATE_PATTERN,
        description="YYYY, YYYY-MM or YYYY-MM-DD: events whose period reaches this date "
        "(an event of 'June 2018' is inside from=2018-06-15). Not a real date: 400.",
    ),
    OpenApiParameter(
        "to",
        str,
        pattern=DATE_PATTERN,
        description="YYYY, YYYY-MM or YYYY-MM-DD: events whose period starts by the end of "
        "this date. Not a real date, or before `from`: 400.",
    ),
    OpenApiParameter(
        "precision",
        str,
        enum=Precision.values,
        description="Only events known to this precision. Anything else: 400.",
    ),
]
CONDITIONAL_HEADERS = [
    OpenApiParameter(
        "If-None-Match",
        str,
        OpenApiParameter.HEADER,
        description="An ETag from an earlier answer: 304 when nothing changed.",
    ),
    OpenApiParameter(
        "If-Modified-Since",
        str,
        OpenApiParameter.HEADER,
        description="An HTTP date: 304 when nothing changed since.",
    ),
    OpenApiParameter(
        "ETag",
        str,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="Changes whenever the answer to this URL may change.",
    ),
    OpenApiParameter(
        "Last-Modified",
        str,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="When what the timeline shows last changed (absent until it first does).",
    ),
    RETRY_AFTER,
]
NOT_MODIFIED = OpenApiResponse(description="Not modified since the ETag or date sent.")


def _query_for(request: Request) -> TimelineFilter:
    params = request.query_params
    return timeline_filter_parse(
        entities=params.getlist("entity"),
        kinds=[kind for kind in params.getlist("kind") if kind],
        since=params.get("from"),
        until=params.get("to"),
        precision=params.get("precision"),
    )


def _without_article_texts(events):
    """The selector's prefetches, minus the articles' body and raw text: evidence shows
    a headline, not 5–10 kB of article per row (the page of 100 events reads 400 of them)."""
    return events.prefetch_related(None).prefetch_related(
        Prefetch(
            "participations",
            queryset=EventParticipant.objects.select_related("entity").order_by("entity__name"),
        ),
        Prefetch(
            "evidence",
            queryset=Evidence.objects.select_related("article__outlet")
            .defer("article__body", "article__raw_text")
            .order_by("article__published_at", "article_id", "start"),
        ),
    )


class _ConditionalTimelineView(ApiView):
    """Checks the client's ETag / date before any event is read; stamps the answer."""

    permission_classes = [permissions.AllowAny]

    def get(self, request: Request, **kwargs: Any) -> Response | HttpResponse:
        asked = self.check_request(request, **kwargs)  # bad parameters: 400 before anything
        version = timeline_version()
        etag = _etag_for(version, request.get_full_path())
        last_modified = version.last_modified.timestamp() if version.last_modified else None
        conditional = get_conditional_response(
            request, etag=etag, last_modified=int(last_modified) if last_modified else None
        )
        # Only the 304 is taken: a read has no If-Match to fail (412) on.
        not_modified = conditional is not None and conditional.status_code == 304
        response = conditional if not_modified else self.answer(request, asked)
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        # Caches may keep the answer but must ask again each time (a cheap 304).
        response["Cache-Control"] = "public, no-cache"
        return response

    def check_request(self, request: Request, **kwargs: Any) -> Any:
        """The request's parameters, checked (``ApplicationError`` names a bad one)."""
        return _query_for(request)

    def answer(self, request: Request, asked: Any) -> Response:
        raise NotImplementedError


def _etag_for(version: TimelineVersion, full_path: str) -> str:
    """The timeline's version, told apart per URL (filters and page change the body)."""
    inner = version.etag.removeprefix("W/").strip('"')
    digest = hashlib.sha256(full_path.encode()).hexdigest()[:12]
    return f'W/"{inner}-{digest}"'


# --- pagination: page numbers, and cursors behind the links -----------------------------------


class TimelinePagination(PagePagination):
    """``?page=N&page_size=M`` as everywhere, plus ``cursor``: the ``next`` and ``previous``
    links carry a cursor (the key of the last or first event shown) beside the page number,
    so following them costs the same at page 500 as at page 2 (the order's index is
    entered at the key, no OFFSET). A page number alone still works (an OFFSET, whose cost
    grows with the depth); with a cursor, ``page`` only labels the page."""

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": "cursor",
                "required": False,
                "in": "query",
                "description": "Where the page starts, as the `next` and `previous` links "
                "give it (opaque). With a cursor, `page` is the page's number to show "
                "(counted when absent). Not a cursor of this API: 400.",
                "schema": {"type": "string", "pattern": CURSOR_PATTERN},
            },
        ]


CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"


def cursor_encode(direction: str, key: TimelineKey) -> str:
    text = f"{direction}.{key.date.isoformat()}.{key.period_end.isoformat()}.{key.id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def cursor_decode(value: str) -> tuple[str, TimelineKey]:
    """("after" | "before", key); ``ApplicationError`` naming ``cursor`` for anything else."""
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("ascii")
        direction, date, period_end, event_id = text.split(".")
        if direction not in ("after", "before") or not event_id.isdigit():
            raise ValueError(text)
        key = TimelineKey(
            dt.date.fromisoformat(date), dt.date.fromisoformat(period_end), int(event_id)
        )
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApplicationError(
            "cursor: not a cursor of this API; use the next and previous links as given.",
            {"parameter": "cursor"},
        ) from None
    return direction, key


class _TimelineAsk:
    """A timeline page request, checked: the filter, the page size, and where it starts."""

    def __init__(self, request: Request, paginator: TimelinePagination) -> None:
        params = request.query_params
        self.query = _query_for(request)
        self.size = _positive_int(params.get("page_size"), "page_size", paginator.page_size)
        if self.size > paginator.max_page_size:
            raise ApplicationError(
                f"page_size: at most {paginator.max_page_size} rows a page.",
                {"parameter": "page_size", "maximum": paginator.max_page_size},
            )
        self.page: int | None = _positive_int(params.get("page"), "page", 1)
        self.cursor: tuple[str, TimelineKey] | None = None
        if params.get("cursor"):
            self.cursor = cursor_decode(params["cursor"])
            if not params.get("page"):
                self.page = None  # counted from the cursor's key


class TimelineView(_ConditionalTimelineView):
    """Events in date order (then period end, then id: stable across pages)."""

    pagination_class = TimelinePagination
    serializer_class = EventSerializer

    @extend_schema(
        operation_id="timeline_list",
        summary="Events of the timeline",
        description=f"Each event carries its first {EVIDENCE_SHOWN} reports by publication, "
        "with `evidence_count` and `evidence_url` for all of them. Follow `next` and "
        "`previous` as given: they carry a cursor, so a deep page costs what the first does.",
        parameters=[*TIMELINE_FILTERS, *CONDITIONAL_HEADERS],
        responses={
            200: EventSerializer(many=True),
            304: NOT_MODIFIED,
            **error_responses(*READ_ERRORS),
        },
    )
    def get(self, request: Request) -> Response | HttpResponse:
        return super().get(request)

    def check_request(self, request: Request, **kwargs: Any) -> _TimelineAsk:
        return _TimelineAsk(request, self.paginator)

    def answer(self, request: Request, asked: _TimelineAsk) -> HttpResponse:
        """Three queries on PostgreSQL (the count; the page, its participants and first
        reports as JSON in one statement), whatever the page's depth when reached through a
        cursor. The body is assembled around PostgreSQL's JSON text, not re-encoded."""
        size = asked.size
        matching = timeline_matching(query=asked.query)
        count = matching.count()
        pages = max(math.ceil(count / size), 1)
        direction, key = asked.cursor or ("", None)
        if direction == "after":
            where = TimelineSlice(after=key)
        elif direction == "before":
            where = TimelineSlice(before=key)
        else:
            if asked.page > pages:
                raise NotFound(
                    f"page: there is no page {asked.page}; the last page is {pages}.",
                    {"parameter": "page", "last_page": pages},
                )
            where = TimelineSlice(offset=(asked.page - 1) * size)
        shown = _results(request, matching, where, size)
        more = shown.fetched > size
        if direction == "before":
            has_previous, has_next = more, True
        else:
            has_previous, has_next = bool(key) or asked.page > 1, more
        if shown.first is None:  # nothing here: only the way back (or forward) is left
            has_previous, has_next = direction == "after", direction == "before"
        page = asked.page
        if page is None:
            first = shown.first or key
            page = timeline_position(matching=matching, key=first) // size + 1
        next_link = previous_link = None
        if has_next and shown.last:
            next_link = _page_link(request, page + 1, "after", shown.last)
        if has_previous and page > 1:
            if page == 2 or shown.first is None:
                previous_link = _page_link(request, page - 1, "", None)
            else:
                previous_link = _page_link(request, page - 1, "before", shown.first)
        head = _json(
            {
                "count": count,
                "page": page,
                "pages": pages,
                "page_size": size,
                "next": next_link,
                "previous": previous_link,
            }
        )
        body = f'{head[:-1]},"results":{shown.results}}}'
        return HttpResponse(body.encode(), content_type="application/json")


def _results(request: Request, matching, where: TimelineSlice, size: int) -> TimelineJSONPage:
    """The page's ``results`` as JSON text: built by PostgreSQL, elsewhere (SQLite, the
    demo) from ``timeline_rows`` with ``event_json`` — the same answer, held equal by a
    test."""
    prefix, suffix = _evidence_url_parts(request)
    if connection.vendor == "postgresql":
        return timeline_json_page(
            matching=matching, where=where, size=size, evidence_url=(prefix, suffix)
        )
    rows = timeline_rows(matching=matching, where=where, limit=size + 1)
    fetched = len(rows)
    if fetched > size:
        rows = rows[1:] if where.before is not None else rows[:size]
    for row in rows:
        row["evidence_url"] = f"{prefix}{row['slug']}{suffix}"
    return TimelineJSONPage(
        results=_json([event_json(row) for row in rows]),
        fetched=fetched,
        first=timeline_key(rows[0]) if rows else None,
        last=timeline_key(rows[-1]) if rows else None,
    )


def _json(data: Any) -> str:
    """As DRF's JSON renderer writes it (compact, UTF-8)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), cls=JSONEncoder)


def _page_link(request: Request, page: int, direction: str, key: TimelineKey | None) -> str:
    params = request.query_params.copy()
    params["page"] = str(page)
    params.pop("cursor", None)
    if key is not None:
        params["cursor"] = cursor_encode(direction, key)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _evidence_url_parts(request: Request) -> tuple[str, str]:
    """The absolute URL of an event's evidence list, as the text before and after the
    slug: one reverse() for the whole page."""
    marker = "slug-placeholder"
    template = request.build_absolute_uri(reverse("api-event-evidence", args=[marker]))
    before, after = template.split(marker)
    return before, after


class EventEvidenceView(_ConditionalTimelineView):
    """Every report of one event, in publication order, paginated."""

    pagination_class = PagePagination
    serializer_class = EvidenceSerializer

    @extend_schema(
        operation_id="timeline_event_evidence",
        summary="Every report of an event",
        description="The article sentences that report the event, earliest publication "
        "first. A merged event's old slug gives the event it was merged into.",
        parameters=CONDITIONAL_HEADERS,
        responses={
            200: EvidenceSerializer(many=True),
            304: NOT_MODIFIED,
            **error_responses(*READ_ERRORS),
        },
    )
    def get(self, request: Request, slug: str) -> Response | HttpResponse:
        return super().get(request, slug=slug)

    def check_request(self, request: Request, **kwargs: Any) -> int:
        from timeline.models import EventSlugRedirect

        slug = kwargs["slug"]
        event_id = (
            Event.objects.filter(slug=slug)
            .exclude(review_status=EventReview.REJECTED)
            .values_list("pk", flat=True)
            .first()
        )
        if event_id is None:
            event_id = (
                EventSlugRedirect.objects.filter(old_slug=slug)
                .exclude(event__review_status=EventReview.REJECTED)
                .values_list("event_id", flat=True)
                .first()
            )
        if event_id is None:
            raise NotFound(f"There is no event {slug!r}.", {"parameter": "slug", "slug": slug})
        return event_id

    def answer(self, request: Request, event_id: int) -> Response:
        page = self.paginate_queryset(event_evidence(event_id=event_id))
        return self.get_paginated_response([evidence_json(row) for row in page])


# --- TimelineJS -------------------------------------------------------------------------------


class TimelineJSDateSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField(
        required=False, min_value=1, max_value=12, help_text="Only when known to the month."
    )
    day = serializers.IntegerField(
        required=False, min_value=1, max_value=31, help_text="Only when known to the day."
    )


class TimelineJSTextSerializer(serializers.Serializer):
    headline = serializers.CharField(help_text="HTML: plain text is escaped.")
    text = serializers.CharField(help_text="HTML: summary and evidence, escaped.")


class TimelineJSTitleSerializer(serializers.Serializer):
    text = TimelineJSTextSerializer()


class TimelineJSEventSerializer(serializers.Serializer):
    start_date = TimelineJSDateSerializer()
    end_date = TimelineJSDateSerializer(required=False, help_text="Only for events with an end.")
    text = TimelineJSTextSerializer()
    group = serializers.CharField(help_text="The event kind.")
    unique_id = serializers.SlugField(help_text="The event's slug.")


class TimelineJSSerializer(serializers.Serializer):
    title = TimelineJSTitleSerializer()
    events = TimelineJSEventSerializer(many=True)


TIMELINE_TITLE = "The run-up to the Helsinki summit"


class TimelineJSView(_ConditionalTimelineView):
    """Every matching event in one document, as Knight Lab's TimelineJS reads it."""

    @extend_schema(
        operation_id="timeline_timelinejs",
        summary="The timeline as a TimelineJS document",
        description="All matching events at once (no pagination), in the JSON format of "
        "Knight Lab's TimelineJS 3: dates only to the precision the event is known to, "
        "texts as escaped HTML.",
        parameters=[*TIMELINE_FILTERS, *CONDITIONAL_HEADERS],
        responses={
            200: TimelineJSSerializer,
            304: NOT_MODIFIED,
            **error_responses(*READ_ERRORS),
        },
    )
    def get(self, request: Request) -> Response | HttpResponse:
        return super().get(request)

    def answer(self, request: Request, query: TimelineFilter) -> Response:
        events = list(_without_article_texts(timeline_events(query=query)))
        return Response(
            {
                "title": {
                    "text": {
                        "headline": escape(TIMELINE_TITLE),
                        "text": format_html(
                            "<p>{} events reported by the articles of Summit KB.</p>",
                            len(events),
                        ),
                    }
                },
                "events": [timelinejs_event(event) for event in events],
            }
        )


def timelinejs_event(event: Event) -> dict[str, Any]:
    """One event as a TimelineJS slide. Everything from the articles is escaped: TimelineJS
    puts ``headline`` and ``text`` into the page as HTML."""
    slide: dict[str, Any] = {
        "start_date": timelinejs_date(event.date, event.precision),
        "text": {"headline": escape(event.title), "text": _slide_html(event)},
        "group": EventKind(event.kind).label if event.kind in EventKind.values else event.kind,
        "unique_id": event.slug,
    }
    if event.end_date and event.end_date != event.date:
        slide["end_date"] = timelinejs_date(event.end_date, event.precision)
    return slide


def timelinejs_date(day, precision: str) -> dict[str, int]:
    """{"year": 2018, "month": 6} for June 2018: never a made-up day."""
    value = {"year": day.year}
    if precision in (Precision.MONTH, Precision.DAY):
        value["month"] = day.month
    if precision == Precision.DAY:
        value["day"] = day.day
    return value


def _slide_html(event: Event) -> str:
    summary = format_html("<p>{}</p>", event.summary) if event.summary else ""
    reports = format_html_join(
        "",
        "<li><q>{}</q> — {}</li>",
        ((evidence.sentence, _source_html(evidence.article)) for evidence in event.evidence.all()),
    )
    return summary + (format_html("<ul>{}</ul>", reports) if reports else "")


def _source_html(article) -> str:
    outlet = article.outlet.name if article.outlet else ""
    published = article.published_at.date().isoformat() if article.published_at else ""
    label = ", ".join(part for part in (outlet, article.headline, published) if part)
    url = article.canonical_url or ""
    if url.startswith(("https://", "http://")):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, label)
    return escape(label)
