"""Article pages and the quotes page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.models import Article
from articles.rendering import Mark, body_html
from articles.selectors import (
    ArticlePage,
    article_page,
    articles_list,
    quotes_list,
    quotes_naming,
)
from entities.models import Entity, ReviewStatus
from summit_kb import jsonld
from summit_kb.errors import ApplicationError
from summit_kb.pages import page_of
from timeline.selectors import entities_by_slugs

ARTICLES_PER_PAGE = 30
QUOTES_PER_PAGE = 50
# The article page marks every quote in the body, but lists (and describes in JSON-LD) at
# most this many beside it; the rest are a link away, on /quotes/?article=<id>, paginated.
# An article of 5,000 quotes was a 4 MB page that took seconds of a web worker.
FACTS_LISTED = 100
_QUOTE_MARKS = "\"'“”‘’«»"


def article_list(request: HttpRequest) -> HttpResponse:
    """``/articles/?entity=vladimir-putin``: the articles that name somebody, or all of them."""
    slug = request.GET.get("entity", "").strip()
    entity = None
    if slug:
        try:
            entity = entities_by_slugs([slug])[slug]
        except ApplicationError as exc:
            return render(request, "articles/article_list.html", {"error": exc.message}, status=400)
    page = page_of(request, articles_list(entity=entity), per_page=ARTICLES_PER_PAGE)
    return render(
        request,
        "articles/article_list.html",
        {
            "page": page,
            "entity": entity,
            "jsonld": jsonld.item_list(
                [jsonld.article_ld(request, article) for article in page.object_list],
                name="Articles" + (f" that name {entity.name}" if entity else ""),
            ),
        },
    )


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = article_page(article_id=pk, listed=FACTS_LISTED)
    if page is None:
        raise Http404(f"There is no article {pk}.")
    article = page.article
    for quote in page.quotes:
        quote.article = article  # for the JSON-LD: no query per quote
    data = jsonld.with_context(jsonld.article_ld(request, article))
    if page.named:
        data["mentions"] = [jsonld.entity_ld(request, e) for e in page.named]
    if page.quotes:
        data["hasPart"] = [
            {k: v for k, v in jsonld.quote_ld(request, q).items() if k != "isPartOf"}
            for q in page.quotes
        ]
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "body": body_html(article.body, _marks(page)),
            "quotes": page.quotes,
            "quote_total": page.quote_total,
            "evidence": page.evidence[:FACTS_LISTED],
            "evidence_total": len(page.evidence),
            "entities": sorted(page.named, key=lambda e: (e.kind, e.name)),
            "jsonld": data,
        },
    )


def _marks(page: ArticlePage) -> list[Mark]:
    """One mark per fact. Entity links and speaker labels are built once per entity, not
    once per mark (thousands of URL reversals on a long transcript)."""
    marks: list[Mark] = []
    urls: dict[int, str] = {}
    labels: dict[int | None, SafeString] = {}

    def url_of(entity: Entity) -> str:
        if entity.pk not in urls:
            urls[entity.pk] = entity.get_absolute_url()
        return urls[entity.pk]

    def label_of(speaker: Entity | None) -> SafeString:
        key = speaker.pk if speaker else None
        if key not in labels:
            labels[key] = _said_by(speaker)
        return labels[key]

    for n, evidence in enumerate(page.evidence):
        event = evidence.event
        marks.append(
            Mark(
                evidence.start,
                evidence.end,
                layer=0,
                tag="span",
                attrs=(
                    ("class", "evidence"),
                    ("title", f"Reports: {event.title} ({event.display_date})"),
                ),
                first_attrs=(("id", f"evidence-{evidence.pk}"),),
                order=n,
            )
        )
    body = page.article.body
    for n, quote in enumerate(page.quote_marks):
        # The highlight takes in the quotation marks around the words, so the speaker's
        # label lands after the closing mark, not inside the quote.
        start, end = quote.start, quote.end
        if start > 0 and body[start - 1] in _QUOTE_MARKS:
            start -= 1
        if end < len(body) and body[end] in _QUOTE_MARKS:
            end += 1
        marks.append(
            Mark(
                start,
                end,
                layer=1,
                tag="span",
                attrs=(("class", "quote"),),
                first_attrs=(("id", f"quote-{quote.pk}"),),
                after=label_of(quote.entity),
                order=n,
            )
        )
    for n, mention in enumerate(page.mention_marks):
        if mention.entity is None or mention.entity.review_status == ReviewStatus.REJECTED:
            continue
        marks.append(
            Mark(
                mention.start,
                mention.end,
                layer=2,
                tag="a",
                attrs=(("class", "mention"), ("href", url_of(mention.entity))),
                order=n,
            )
        )
    return marks


def _said_by(speaker: Entity | None) -> SafeString:
    if speaker is None:
        return format_html('<span class="said-by said-by-unknown">speaker not known</span>')
    return format_html(
        '<span class="said-by"><span class="visually-hidden">said by </span>'
        '<a href="{}">{}</a></span>',
        speaker.get_absolute_url(),
        speaker.name,
    )


def quote_list(request: HttpRequest) -> HttpResponse:
    """``/quotes/?speaker=donald-trump&from=2018-07-16&to=2018-07-17&q=Russia``"""
    slugs = [s for s in request.GET.getlist("speaker") if s]
    since, until = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    words = request.GET.get("q", "").strip()[:200]
    about = request.GET.get("about", "").strip()
    article_param = request.GET.get("article", "").strip()
    context: dict = {
        "about": about,
        "people": _people_named(),
        "since": since,
        "until": until,
        "words": words,
        "selected": set(slugs),
        "speakers": _speakers(),
        "error": None,
    }
    try:
        speakers: list[Entity] = list(entities_by_slugs(slugs).values()) if slugs else []
        quotes = quotes_list(
            speakers=speakers, since=since or None, until=until or None, words=words
        )
        if about:
            context["about_entity"] = entities_by_slugs([about])[about]
            quotes = quotes_naming(quotes, entity=context["about_entity"])
        if article_param:
            context["of_article"] = _article_named(article_param)
            quotes = quotes.filter(article=context["of_article"]).order_by("start", "id")
        page = page_of(request, quotes, per_page=QUOTES_PER_PAGE)
    except ApplicationError as exc:
        context["error"] = exc.message
        return render(request, "articles/quote_list.html", context, status=400)
    context.update(
        page=page,
        chosen=speakers,
        jsonld=jsonld.item_list(
            [jsonld.quote_ld(request, quote) for quote in page.object_list], name="Quotes"
        ),
    )
    return render(request, "articles/quote_list.html", context)


def _article_named(value: str) -> Article:
    """``?article=12``: the article whose quotes to list, in the order of its text."""
    article = (
        Article.objects.only("pk", "headline").filter(pk=int(value)).first()
        if value.isascii() and value.isdigit() and int(value) < 2**63
        else None
    )
    if article is None:
        raise ApplicationError(f"There is no article {value[:40]!r}.")
    return article


def _people_named() -> list[Entity]:
    """People the articles mention, most mentioned first, for the "about" filter. One query."""
    from django.db.models import Count

    return list(
        Entity.objects.live()
        .people()
        .annotate(n=Count("mentions"))
        .filter(n__gt=0)
        .order_by("-n", "name")[:60]
    )


def _speakers() -> list[Entity]:
    """People with at least one quote, for the speaker filter. One query."""
    from django.db.models import Count, Q

    from articles.models import QuoteReview

    return list(
        Entity.objects.live()
        .people()
        .annotate(
            quote_total=Count("quotes", filter=~Q(quotes__review_status=QuoteReview.REJECTED))
        )
        .filter(quote_total__gt=0)
        .order_by("name")
    )
