"""schema.org descriptions of what the pages show, as plain dicts for ``{% jsonld %}``.

Every builder takes the request to make absolute URLs; none of them queries the database
beyond what the caller prefetched.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from summit_kb.partial_dates import iso_partial_date
from summit_kb.security import is_outside_url

_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place"}
CONTEXT = "https://schema.org"


def _url(request: HttpRequest, obj: Any) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def entity_ld(request: HttpRequest, entity: Any, *, aliases: list | None = None) -> dict:
    data: dict[str, Any] = {
        "@type": _TYPES.get(entity.kind, "Thing"),
        "@id": _url(request, entity),
        "name": entity.name,
        "url": _url(request, entity),
    }
    if entity.description:
        data["description"] = entity.description
    if aliases:
        data["alternateName"] = [alias.text for alias in aliases]
    if entity.wikidata_id:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata_id}"
    return data


def article_ld(request: HttpRequest, article: Any) -> dict:
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": _url(request, article),
        "headline": article.headline or f"Article {article.pk}",
        "url": _url(request, article),
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.outlet_id:
        data["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    if is_outside_url(article.canonical_url):
        data["sameAs"] = article.canonical_url
    return data


def quote_ld(request: HttpRequest, quote: Any) -> dict:
    data: dict[str, Any] = {
        "@type": "Quotation",
        "text": quote.text,
        "url": request.build_absolute_uri(f"{quote.article.get_absolute_url()}#quote-{quote.pk}"),
        "isPartOf": article_ld(request, quote.article),
    }
    if quote.speaker_id:
        data["creator"] = entity_ld(request, quote.speaker)
    if quote.said_on:
        data["dateCreated"] = iso_partial_date(quote.said_on, quote.said_precision)
    return data


def event_ld(request: HttpRequest, event: Any) -> dict:
    """Uses the prefetched ``participations`` and ``evidence`` of ``timeline_events``."""
    data: dict[str, Any] = {
        "@type": "Event",
        "@id": _url(request, event),
        "name": event.title,
        "url": _url(request, event),
        "startDate": iso_partial_date(event.date, event.precision),
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if event.end_date:
        data["endDate"] = event.end_date.isoformat()
    if event.summary:
        data["description"] = event.summary
    if event.place_id:
        data["location"] = entity_ld(request, event.place)
    people = [p.entity for p in event.participations.all()]
    if people:
        data["attendee"] = [entity_ld(request, entity) for entity in people]
    articles = {e.article_id: e.article for e in event.evidence.all()}
    if articles:
        data["subjectOf"] = [article_ld(request, article) for article in articles.values()]
    return data


def item_list(items: list[dict], *, name: str) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": name,
        "itemListElement": [
            {"@type": "ListItem", "position": n, "item": item}
            for n, item in enumerate(items, start=1)
        ],
    }


def with_context(data: dict) -> dict:
    return {"@context": CONTEXT, **data}
