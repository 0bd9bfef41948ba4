"""Entity pages: the index of people, organisations and places; one entity with its facts."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from articles.selectors import articles_list, quotes_about, quotes_list
from entities.models import Entity, EntityKind
from entities.selectors import entities_list, entity_by_slug, entity_companions
from summit_kb import jsonld
from summit_kb.pages import page_of
from timeline.charts import entity_chart
from timeline.selectors import entity_events

ENTITIES_PER_PAGE = 100
KIND_PLURALS = [("person", "People"), ("organisation", "Organisations"), ("place", "Places")]
# Lists on an entity page are cut at these lengths, with a link to the full, paginated list.
QUOTES_SHOWN = 30
EVENTS_SHOWN = 30
ARTICLES_SHOWN = 20


def entity_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind and kind not in EntityKind.values:
        return render(
            request,
            "entities/entity_list.html",
            {
                "error": f"kind: “{kind[:40]}” is not person, organisation or place.",
                "kinds": KIND_PLURALS,
            },
            status=400,
        )
    page = page_of(
        request, entities_list(kind=kind or None, named_only=True), per_page=ENTITIES_PER_PAGE
    )
    return render(
        request,
        "entities/entity_list.html",
        {
            "page": page,
            "kind": kind,
            "kinds": KIND_PLURALS,
            "jsonld": jsonld.item_list(
                [jsonld.entity_ld(request, entity) for entity in page.object_list],
                name="People, organisations and places of the story",
            ),
        },
    )


def _get_entity_or_redirect(slug: str, view_name: str) -> Entity | HttpResponse:
    """The entity, or a permanent redirect when the slug is a merged entity's old one."""
    entity = entity_by_slug(slug=slug)
    if entity is None:
        raise Http404(f"There is no person, organisation or place “{slug[:80]}”.")
    if entity.slug != slug:
        return HttpResponsePermanentRedirect(reverse(view_name, args=[entity.slug]))
    return entity


def entity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    found = _get_entity_or_redirect(slug, "entities:detail")
    if isinstance(found, HttpResponse):
        return found
    entity = found
    aliases = list(entity.aliases.all())
    quotes = list(quotes_list(speakers=[entity])[: QUOTES_SHOWN + 1]) if entity.is_person else []
    events = list(entity_events(entity=entity)[: EVENTS_SHOWN + 1])
    articles = list(articles_list(entity=entity)[: ARTICLES_SHOWN + 1])
    about = quotes_about(entity=entity, limit=QUOTES_SHOWN)
    data = jsonld.with_context(jsonld.entity_ld(request, entity, aliases=aliases))
    if quotes:
        data["subjectOf"] = [jsonld.quote_ld(request, q) for q in quotes[:QUOTES_SHOWN]]
    return render(
        request,
        "entities/entity_detail.html",
        {
            "entity": entity,
            "aliases": aliases,
            "quotes": quotes[:QUOTES_SHOWN],
            "more_quotes": len(quotes) > QUOTES_SHOWN,
            "quotes_about": about,
            "events": events[:EVENTS_SHOWN],
            "more_events": len(events) > EVENTS_SHOWN,
            "articles": articles[:ARTICLES_SHOWN],
            "more_articles": len(articles) > ARTICLES_SHOWN,
            "companions": entity_companions(entity=entity),
            "chart": entity_chart(entity=entity),
            "jsonld": data,
        },
    )
