"""An entity's Atom feed: their quotes and the articles that name them, newest first."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from articles.models import Article, Quote
from articles.selectors import articles_list, quotes_list
from entities.models import Entity
from entities.selectors import entity_by_slug

ITEMS = 30


class EntityFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Entity:
        # A merged entity's old feed URL keeps working: it serves the target's feed.
        entity = entity_by_slug(slug=slug)
        if entity is None:
            raise Http404(f"There is no person, organisation or place “{slug[:80]}”.")
        return entity

    def title(self, entity: Entity) -> str:
        return f"Summit KB: {entity.name}"

    def subtitle(self, entity: Entity) -> str:
        return f"Quotes by {entity.name} and articles that name them."

    def link(self, entity: Entity) -> str:
        return entity.get_absolute_url()

    def items(self, entity: Entity) -> list[Article | Quote]:
        # Two queries: the newest quotes and the newest articles, merged by date.
        quotes = list(
            quotes_list(speakers=[entity]).order_by("-article__published_at", "-id")[:ITEMS]
        )
        articles = list(articles_list(entity=entity)[:ITEMS])
        items: list[Article | Quote] = [*quotes, *articles]
        items.sort(
            key=lambda item: _published(item) or dt.datetime.min.replace(tzinfo=dt.UTC),
            reverse=True,
        )
        return items[:ITEMS]

    def item_title(self, item: Article | Quote) -> str:
        if isinstance(item, Quote):
            return f"{item.speaker.name}: “{item.text}”"
        return item.headline or f"Article {item.pk}"

    def item_link(self, item: Article | Quote) -> str:
        if isinstance(item, Quote):
            return f"{item.article.get_absolute_url()}#quote-{item.pk}"
        return item.get_absolute_url()

    def item_description(self, item: Article | Quote) -> str:
        # Atom's summary is HTML to the reader: every piece of text is escaped here.
        article = item.article if isinstance(item, Quote) else item
        outlet = article.outlet.name if article.outlet_id else "unknown outlet"
        if isinstance(item, Quote):
            return format_html("<p>“{}”</p><p>{} — {}</p>", item.text, article.headline, outlet)
        return format_html("<p>{} — {}</p>", article.headline, outlet)

    def item_pubdate(self, item: Article | Quote) -> dt.datetime | None:
        return _published(item)


def _published(item: Article | Quote) -> dt.datetime | None:
    return item.article.published_at if isinstance(item, Quote) else item.published_at
