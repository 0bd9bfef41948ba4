"""The front page and search: the pages that belong to no single app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from articles.models import Article, Quote, QuoteReview
from articles.selectors import articles_list, articles_search, quotes_search
from entities.models import Entity
from entities.selectors import entities_list, entities_search
from summit_kb import jsonld
from timeline.charts import run_up_chart
from timeline.models import Event, EventReview
from timeline.selectors import timeline_events

SEARCH_MAX_LENGTH = 200


def home(request: HttpRequest) -> HttpResponse:
    """The story at a glance: what comes next, what happened last, who, the newest articles."""
    today = timezone.localdate()
    events = timeline_events()
    site = request.build_absolute_uri("/")
    return render(
        request,
        "home.html",
        {
            "coming": list(events.filter(period_end__gte=today)[:5]),
            "latest": list(
                events.filter(date__lte=today).order_by("-date", "-period_end", "-id")[:6]
            ),
            "people": list(
                entities_list(kind="person", named_only=True).order_by("-article_total", "name")[
                    :12
                ]
            ),
            "articles": list(articles_list()[:6]),
            "chart": run_up_chart(),
            "counts": {
                "articles": Article.objects.count(),
                "events": Event.objects.exclude(review_status=EventReview.REJECTED).count(),
                "people": Entity.objects.live().people().count(),
                "quotes": Quote.objects.exclude(review_status=QuoteReview.REJECTED).count(),
            },
            "jsonld": {
                "@context": jsonld.CONTEXT,
                "@type": "WebSite",
                "name": "Summit KB",
                "url": site,
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": f"{site}search/?q={{query}}",
                    "query-input": "required name=query",
                },
            },
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    """``/search/?q=Helsinki``: articles, quotes and entities that match, best first."""
    q = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    context: dict = {"q": q, "articles": [], "quotes": [], "entities": []}
    if q:
        context["articles"] = articles_search(q=q)
        context["quotes"] = quotes_search(q=q)
        context["entities"] = entities_search(q=q)
        context["jsonld"] = {
            "@context": jsonld.CONTEXT,
            "@type": "SearchResultsPage",
            "name": f"Search: {q}",
            "mainEntity": jsonld.item_list(
                [jsonld.article_ld(request, hit.obj) for hit in context["articles"]],
                name=f"Articles matching {q}",
            ),
        }
    return render(request, "search.html", context)
