"""The timeline API: events as JSON (paginated) and as a Knight Lab TimelineJS document.

Both read through ``timeline.selectors`` and answer conditional requests: the ETag and
Last-Modified come from ``timeline_version()`` (one query), so a client polling an unchanged
timeline gets a 304 without the events being read.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
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

from summit_kb.api import READ_ERRORS, RETRY_AFTER, ApiView, PagePagination, error_responses
from summit_kb.partial_dates import Precision, iso_partial_date
from timeline.models import Event, EventKind, EventParticipant, Evidence
from timeline.selectors import (
    TimelineVersion,
    timeline_events,
    timeline_filter_parse,
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
    evidence = EvidenceSerializer(many=True)

    def get_date(self, event: Event) -> str:
        return iso_partial_date(event.date, event.precision)

    @extend_schema_field(EntityRefSerializer(many=True))
    def get_participants(self, event: Event) -> list[dict[str, str]]:
        return [{"slug": p.entity.slug, "name": p.entity.name} for p in event.participations.all()]

    @extend_schema_field(EntityRefSerializer(allow_null=True))
    def get_place(self, event: Event) -> dict[str, str] | None:
        return {"slug": event.place.slug, "name": event.place.name} if event.place else None

    def to_representation(self, event: Event) -> dict[str, Any]:
        """The fields above, built by hand: a page of 100 events with their evidence is
        several times faster this way than field by field (see ``make bench-api``). The
        tests and the schemathesis run hold it to the declared fields."""
        place = event.place
        return {
            "id": event.pk,
            "slug": event.slug,
            "title": event.title,
            "kind": event.kind,
            "date": iso_partial_date(event.date, event.precision),
            "precision": event.precision,
            "end_date": event.end_date.isoformat() if event.end_date else None,
            "participants": [
                {"slug": p.entity.slug, "name": p.entity.name} for p in event.participations.all()
            ],
            "place": {"slug": place.slug, "name": place.name} if place else None,
            "summary": event.summary,
            "article_count": event.article_count,
            "evidence": [_evidence_dict(evidence) for evidence in event.evidence.all()],
        }


def _evidence_dict(evidence) -> dict[str, Any]:
    article = evidence.article
    published = article.published_at
    return {
        "article": evidence.article_id,
        "headline": article.headline,
        "outlet": article.outlet.name if article.outlet else None,
        "published": published.isoformat().replace("+00:00", "Z") if published else None,
        "url": article.canonical_url,
        "sentence": evidence.sentence,
        "date_expression": evidence.date_expression,
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
        description="When an event last changed (absent while there are none).",
    ),
    RETRY_AFTER,
]
NOT_MODIFIED = OpenApiResponse(description="Not modified since the ETag or date sent.")


def _events_for(request: Request):
    params = request.query_params
    query = timeline_filter_parse(
        entities=params.getlist("entity"),
        kinds=[kind for kind in params.getlist("kind") if kind],
        since=params.get("from"),
        until=params.get("to"),
        precision=params.get("precision"),
    )
    return _without_article_texts(timeline_events(query=query))


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

    def get(self, request: Request) -> Response | HttpResponse:
        events = _events_for(request)  # bad filters answer 400 before anything else
        version = timeline_version()
        etag = _etag_for(version, request.get_full_path())
        last_modified = version.last_modified.timestamp() if version.last_modified else None
        conditional = get_conditional_response(
            request, etag=etag, last_modified=int(last_modified) if last_modified else None
        )
        # Only the 304 is taken: a read has no If-Match to fail (412) on.
        not_modified = conditional is not None and conditional.status_code == 304
        response = conditional if not_modified else self.answer(request, events)
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        # Caches may keep the answer but must ask again each time (a cheap 304).
        response["Cache-Control"] = "public, no-cache"
        return response

    def answer(self, request: Request, events) -> Response:
        raise NotImplementedError


def _etag_for(version: TimelineVersion, full_path: str) -> str:
    """The timeline's version, told apart per URL (filters and page change the body)."""
    inner = version.etag.removeprefix("W/").strip('"')
    digest = hashlib.sha256(full_path.encode()).hexdigest()[:12]
    return f'W/"{inner}-{digest}"'


class TimelineView(_ConditionalTimelineView):
    """Events in date order (then period end, then id: stable across pages)."""

    pagination_class = PagePagination
    serializer_class = EventSerializer

    @extend_schema(
        operation_id="timeline_list",
        summary="Events of the timeline",
        parameters=[*TIMELINE_FILTERS, *CONDITIONAL_HEADERS],
        responses={
            200: EventSerializer(many=True),
            304: NOT_MODIFIED,
            **error_responses(*READ_ERRORS),
        },
    )
    def get(self, request: Request) -> Response | HttpResponse:
        return super().get(request)

    def answer(self, request: Request, events) -> Response:
        page = self.paginate_queryset(events)
        return self.get_paginated_response(EventSerializer(page, many=True).data)


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

    def answer(self, request: Request, events) -> Response:
        events = list(events)
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
