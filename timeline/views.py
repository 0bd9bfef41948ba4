"""The timeline pages: every event in date order, one event with its sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from summit_kb import jsonld
from summit_kb.errors import ApplicationError
from summit_kb.pages import page_of
from summit_kb.partial_dates import Precision
from timeline.models import Event, EventKind, EventSlugRedirect
from timeline.selectors import (
    entities_by_slugs,
    event_quotes,
    timeline_events,
    timeline_filter_parse,
    timeline_people,
)

EVENTS_PER_PAGE = 50


@dataclass
class DayGroup:
    label: str
    anchor: str
    events: list[Event] = field(default_factory=list)


@dataclass
class PeriodGroup:
    """A month ("July 2018") or, for events known only to the year, a year ("2014")."""

    label: str
    anchor: str
    days: list[DayGroup] = field(default_factory=list)


def timeline(request: HttpRequest) -> HttpResponse:
    """``/timeline/?entity=vladimir-putin&entity=john-bolton&kind=summit&from=2018-07&to=…``

    A bad filter (an unknown person, a date like 2018-13-40) answers 400 with the form and a
    sentence saying what is wrong.
    """
    slugs = [s for s in request.GET.getlist("entity") if s]
    kinds = [k for k in request.GET.getlist("kind") if k]
    since, until = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    context: dict = {"error": None, "page": None, "groups": [], "chosen": []}
    try:
        query = timeline_filter_parse(
            entities=slugs, kinds=kinds, since=since or None, until=until or None
        )
        chosen = entities_by_slugs(query.entities) if query.entities else {}
        page = page_of(request, timeline_events(query=query), per_page=EVENTS_PER_PAGE)
    except ApplicationError as exc:
        context["error"] = exc.message
    else:
        context.update(page=page, groups=_grouped(page.object_list))
        context["chosen"] = [(slug, entity) for slug, entity in chosen.items()]
    context.update(
        people=timeline_people(including=slugs),
        kinds=EventKind.choices,
        selected_slugs=set(slugs),
        selected_kinds=set(kinds),
        since=since,
        until=until,
        filtered=bool(slugs or kinds or since or until),
    )
    if context["page"] is not None:
        context["jsonld"] = jsonld.item_list(
            [jsonld.event_ld(request, event) for event in context["page"].object_list],
            name="Timeline of the run-up to the Helsinki summit",
        )
    status = 400 if context["error"] else 200
    return render(request, "timeline/timeline.html", context, status=status)


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = timeline_events().filter(slug=slug).first()
    if event is None:
        # An event merged into another keeps its address: it leads to the one it joined.
        merged = EventSlugRedirect.objects.filter(old_slug=slug).select_related("event").first()
        if merged is not None:
            return redirect(merged.event, permanent=True)
        raise Http404(f"There is no event “{slug[:80]}” on the timeline.")
    return render(
        request,
        "timeline/event_detail.html",
        {
            "event": event,
            "quotes": event_quotes(event=event),
            "jsonld": jsonld.with_context(jsonld.event_ld(request, event)),
        },
    )


def _grouped(events: list[Event]) -> list[PeriodGroup]:
    """Events by month and day. Within a month, what is known only to the month comes first
    ("June 2018, day not known"), then the days; a year-only event has its year's group."""
    periods: dict[tuple, PeriodGroup] = {}
    days: dict[tuple, DayGroup] = {}
    for event in events:
        if event.precision == Precision.YEAR:
            key: tuple = (event.date.year,)
            label, anchor = f"{event.date.year}", f"y{event.date.year}"
        else:
            key = (event.date.year, event.date.month)
            label = event.date.strftime("%B %Y")
            anchor = f"m{event.date:%Y-%m}"
        period = periods.get(key)
        if period is None:
            period = periods[key] = PeriodGroup(label=label, anchor=anchor)
        if event.precision == Precision.DAY:
            day_key = (*key, event.date)
            day_label = _day_label(event.date)
            day_anchor = f"d{event.date.isoformat()}"
        else:
            day_key = (*key, None)
            day_label = f"{label}, day not known" if len(key) == 2 else f"{label}, date not known"
            day_anchor = f"{anchor}-undated"
        day = days.get(day_key)
        if day is None:
            day = days[day_key] = DayGroup(label=day_label, anchor=day_anchor)
            period.days.append(day)
        day.events.append(event)
    for period in periods.values():
        period.days.sort(key=lambda d: d.anchor.endswith("-undated"), reverse=True)
    return list(periods.values())


def _day_label(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"
