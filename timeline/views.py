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
from timeline.charts import run_up_chart
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
        focus = _focus_day(request.GET.get("day", ""))
        chosen = entities_by_slugs(query.entities) if query.entities else {}
        events = timeline_events(query=query)
        page = page_of(
            request,
            events,
            per_page=EVENTS_PER_PAGE,
            default=_page_of_day(events, focus) if focus else 1,
        )
    except ApplicationError as exc:
        context["error"] = exc.message
    else:
        context.update(
            page=page,
            groups=_grouped(page.object_list, focus=focus),
            focus_anchor=f"d{focus.isoformat()}" if focus else "",
        )
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


STORY_EVENTS = 500  # the whole demo story many times over; the caption says when cut


def story(request: HttpRequest) -> HttpResponse:
    """``/timeline/story/``: the story to scroll, one column per day, from the first event
    to the last; the chart of the run-up above it."""
    events = list(timeline_events()[: STORY_EVENTS + 1])
    return render(
        request,
        "timeline/story.html",
        {
            "groups": _grouped(events[:STORY_EVENTS]),
            "cut": len(events) > STORY_EVENTS,
            "limit": STORY_EVENTS,
            "chart": run_up_chart(),
        },
    )


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


def _focus_day(raw: str) -> dt.date | None:
    """``?day=2018-07-16``, the day a chart links to; ``ApplicationError`` when not a day."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ApplicationError(
            f"day: “{raw[:40]}” is not a day like 2018-07-16.", {"parameter": "day"}
        ) from None


def _page_of_day(events, day: dt.date) -> int:
    """The page of the timeline on which ``day`` stands: the page of the first event known
    to that day or later. One query over dates only, however many events there are."""
    before = 0
    for date, precision in events.values_list("date", "precision"):
        if date > day or (date == day and precision == Precision.DAY):
            break
        before += 1
    return before // EVENTS_PER_PAGE + 1


def _grouped(events: list[Event], *, focus: dt.date | None = None) -> list[PeriodGroup]:
    """Events by month and day. Within a month, what is known only to the month comes first
    ("June 2018, day not known"), then the days; a year-only event has its year's group.

    ``focus`` (a day a chart linked to) always has its group, empty when no event is known
    to that day, so the link lands on the day it names."""
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
    if focus is not None and events and (focus.year, focus.month, focus) not in days:
        key = (focus.year, focus.month)
        period = periods.get(key)
        if period is None:
            period = periods[key] = PeriodGroup(
                label=focus.strftime("%B %Y"), anchor=f"m{focus:%Y-%m}"
            )
        period.days.append(DayGroup(label=_day_label(focus), anchor=f"d{focus.isoformat()}"))
    for period in periods.values():
        # Undated first, then the days in order (the anchor "d2018-07-16" sorts by date).
        period.days.sort(key=lambda d: (not d.anchor.endswith("-undated"), d.anchor))
    return sorted(periods.values(), key=_period_order)


def _period_order(period: PeriodGroup) -> tuple:
    # "y2014" before "m2014-03": a year-only event comes before the months of its year.
    year = int(period.anchor[1:5])
    return (year, period.anchor[0] == "m", period.anchor)


def _day_label(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"
