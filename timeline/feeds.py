"""The timeline as an Atom feed: the events most recently added or changed."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from timeline.models import Event
from timeline.selectors import timeline_events


class TimelineFeed(Feed):
    feed_type = Atom1Feed
    title = "Summit KB: the timeline"
    subtitle = "Events of the run-up to the Helsinki summit of 16 July 2018, as reported."

    def link(self) -> str:
        return reverse("timeline:index")

    def items(self) -> list[Event]:
        # Five queries, whatever the number of events (timeline_events prefetches).
        return list(timeline_events().order_by("-updated_at", "-id")[:50])

    def item_title(self, event: Event) -> str:
        return f"{event.display_date}: {event.title}"

    def item_description(self, event: Event) -> str:
        # Atom's summary is HTML to the reader: every piece of text is escaped here.
        sources = format_html_join("", "<li>{} ({}): {}</li>", _sources(event))
        return format_html(
            "<p>{} · {} · reported by {} article(s)</p><ul>{}</ul>",
            event.get_kind_display(),
            event.place.name if event.place_id else "place not reported",
            event.article_count,
            sources,
        )

    def item_pubdate(self, event: Event) -> dt.datetime:
        return event.created_at

    def item_updateddate(self, event: Event) -> dt.datetime:
        return event.updated_at

    def item_categories(self, event: Event) -> list[str]:
        return [event.get_kind_display()]


def _sources(event: Event):
    for evidence in event.evidence.all():
        outlet = evidence.article.outlet.name if evidence.article.outlet_id else "unknown outlet"
        yield evidence.article.headline, outlet, evidence.sentence
