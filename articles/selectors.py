"""Reads of articles and quotes: the journalists' pages and anyone else who needs them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Substr

from articles.models import Article, Mention, Quote, QuoteReview
from entities.models import Entity
from extraction.text import sentence_spans
from summit_kb.admin_tools import count_of
from summit_kb.errors import ApplicationError
from summit_kb.partial_dates import Precision, period_of
from timeline.models import EventReview, Evidence

# How far around a quote a mention may sit and still be in the quote's sentence. Sentences
# of the corpus are well under this; the sentence itself is found in Python (see below).
_QUOTE_CONTEXT = 400


def articles_list(
    *, entity: Entity | None = None, outlet_slug: str | None = None
) -> QuerySet[Article]:
    """Articles, newest first, with their outlet and how many quotes and events each has.

    One query when evaluated. The body and raw text are deferred: list pages never need them.
    """
    articles = Article.objects.select_related("outlet").defer("raw_text", "body")
    if entity is not None:
        articles = articles.filter(
            Exists(Mention.objects.filter(article=OuterRef("pk"), entity=entity))
        )
    if outlet_slug:
        articles = articles.filter(outlet__slug=outlet_slug)
    return articles.annotate(
        quote_total=count_of(Quote, "article"),
        evidence_total=count_of(Evidence, "article"),
    ).order_by(F("published_at").desc(nulls_last=True), "-id")


@dataclass(frozen=True)
class ArticleFacts:
    """An article and what the workers found in it, for the article page."""

    article: Article
    mentions: list[Mention]
    quotes: list[Quote]
    evidence: list[Evidence]


def article_facts(*, article_id: int) -> ArticleFacts | None:
    """The article with its mentions, quotes and evidence; None when there is no such article.

    Four queries. Rejected quotes and the evidence of rejected events are left out.
    """
    article = Article.objects.select_related("outlet").filter(pk=article_id).first()
    if article is None:
        return None
    mentions = list(
        Mention.objects.filter(article=article).select_related("entity").order_by("start", "-end")
    )
    quotes = list(
        Quote.objects.filter(article=article)
        .exclude(review_status=QuoteReview.REJECTED)
        .select_related("speaker", "addressee")
        .order_by("start")
    )
    evidence = list(
        Evidence.objects.filter(article=article)
        .exclude(event__review_status=EventReview.REJECTED)
        .select_related("event__place")
        .order_by("start", "event__date")
    )
    return ArticleFacts(article=article, mentions=mentions, quotes=quotes, evidence=evidence)


@dataclass(frozen=True)
class MarkRow:
    """A fact to mark in the body, as plain values: an article page may mark thousands."""

    pk: int
    start: int
    end: int
    entity: Entity | None  # the mentioned entity, or the quote's speaker


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    quotes: list[Quote]  # the first ``listed`` in the order of the text, as models
    quote_total: int
    quote_marks: list[MarkRow]
    mention_marks: list[MarkRow]  # mentions of entities not rejected
    evidence: list[Evidence]
    named: list[Entity]  # every entity mentioned, once


def article_page(*, article_id: int, listed: int) -> ArticlePage | None:
    """What the article page shows: every quote and mention as marks (plain values, no
    model per row), the first ``listed`` quotes as models for the list beside the text,
    and the evidence. Five queries, whatever the number of facts. None when there is no
    such article."""
    article = Article.objects.select_related("outlet").filter(pk=article_id).first()
    if article is None:
        return None
    quotes = (
        Quote.objects.filter(article=article)
        .exclude(review_status=QuoteReview.REJECTED)
        .order_by("start", "id")
    )
    entities: dict[int, Entity] = {}

    def entity_of(pk: int | None, fields: tuple) -> Entity | None:
        if pk is None:
            return None
        if pk not in entities:
            slug, name, kind, status, description, wikidata = fields
            entities[pk] = Entity(
                pk=pk,
                slug=slug,
                name=name,
                kind=kind,
                review_status=status,
                description=description,
                wikidata_id=wikidata,
            )
        return entities[pk]

    entity_fields = ("slug", "name", "kind", "review_status", "description", "wikidata_id")
    quote_marks = [
        MarkRow(pk, start, end, entity_of(speaker, rest))
        for pk, start, end, speaker, *rest in quotes.values_list(
            "pk", "start", "end", "speaker_id", *(f"speaker__{f}" for f in entity_fields)
        )
    ]
    mention_marks = [
        MarkRow(pk, start, end, entity_of(entity, rest))
        for pk, start, end, entity, *rest in Mention.objects.filter(article=article)
        .order_by("start", "-end")
        .values_list("pk", "start", "end", "entity_id", *(f"entity__{f}" for f in entity_fields))
    ]
    named = {row.entity.pk: row.entity for row in mention_marks if row.entity}
    evidence = list(
        Evidence.objects.filter(article=article)
        .exclude(event__review_status=EventReview.REJECTED)
        .select_related("event__place")
        .order_by("start", "event__date")
    )
    listed_quotes = list(quotes.select_related("speaker", "addressee")[:listed])
    return ArticlePage(
        article=article,
        quotes=listed_quotes,
        quote_total=len(quote_marks),
        quote_marks=quote_marks,
        mention_marks=mention_marks,
        evidence=evidence,
        named=list(named.values()),
    )


def quotes_list(
    *,
    speakers: Sequence[Entity] = (),
    since: str | None = None,
    until: str | None = None,
    words: str | None = None,
) -> QuerySet[Quote]:
    """Quotes in the order they were said, with speaker, addressee, article and outlet.

    A quote is dated by when it was said, or — when the article does not say — by the day
    the article was published (annotated as ``when``). A date range matches by precision:
    "June 2018" is inside ``since=2018-06-15``. One query when evaluated.
    Raises ``ApplicationError`` naming the parameter for a date that is not one.
    """
    quotes = (
        Quote.objects.exclude(review_status=QuoteReview.REJECTED)
        .select_related("speaker", "addressee", "article__outlet")
        .defer("article__raw_text", "article__body")
        .annotate(
            when=Coalesce(
                "said_on", Cast("article__published_at", DateField()), output_field=DateField()
            )
        )
    )
    if speakers:
        quotes = quotes.filter(speaker__in=speakers)
    since_day, until_day = _date_range(since, until)
    if since_day:
        quotes = quotes.filter(
            Q(said_on__isnull=True, when__gte=since_day)
            | Q(said_precision=Precision.DAY, said_on__gte=since_day)
            | Q(said_precision=Precision.MONTH, said_on__gte=since_day.replace(day=1))
            | Q(said_precision=Precision.YEAR, said_on__gte=dt.date(since_day.year, 1, 1))
        )
    if until_day:
        quotes = quotes.filter(when__lte=until_day)
    for word in (words or "").split()[:8]:
        quotes = quotes.filter(text__icontains=word)
    return quotes.order_by(
        F("when").asc(nulls_last=True), F("article__published_at").asc(nulls_last=True), "start"
    )


def quotes_about(*, entity: Entity, limit: int = 30) -> list[Quote]:
    """Quotes by others that name ``entity``: a mention of it inside the quote or in the
    sentence the quote stands in ("President Putin was extremely strong…", Trump said),
    and quotes said to it.

    Two queries, whatever the number of articles: the database finds quotes with a mention
    of the entity nearby and returns only the text around each quote; the sentence test
    runs on that window in Python. The newest ``limit`` quotes are returned, oldest first.
    """
    nearby = Mention.objects.filter(
        article=OuterRef("article"),
        entity=entity,
        start__lt=OuterRef("end") + _QUOTE_CONTEXT,
        end__gt=OuterRef("start") - _QUOTE_CONTEXT,
    )
    window_start = Greatest(F("start") - _QUOTE_CONTEXT, Value(0), output_field=IntegerField())
    candidates = list(
        quotes_list()
        .exclude(speaker=entity)
        .filter(Exists(nearby) | Q(addressee=entity))
        .annotate(
            window_start=window_start,
            window=Substr(
                "article__body",
                window_start + 1,
                F("end") - window_start + _QUOTE_CONTEXT,
            ),
        )
        .order_by(F("when").desc(nulls_last=True), "-article__published_at", "-start")[: limit * 4]
    )
    if not candidates:
        return []
    spans: dict[int, list[tuple[int, int]]] = {}
    for article_id, start, end in Mention.objects.filter(
        entity=entity, article_id__in={q.article_id for q in candidates}
    ).values_list("article_id", "start", "end"):
        spans.setdefault(article_id, []).append((start, end))
    found = []
    for quote in candidates:
        first, last = _sentence_bounds(quote)
        if quote.addressee_id == entity.pk or any(
            first <= start and end <= last for start, end in spans.get(quote.article_id, ())
        ):
            found.append(quote)
        if len(found) == limit:
            break
    return list(reversed(found))


def _sentence_bounds(quote: Quote) -> tuple[int, int]:
    """Body offsets of the sentences the quote stands in (from the annotated window)."""
    offset = quote.window_start
    first, last = quote.start, quote.end
    for start, end in sentence_spans(quote.window):
        # A quote's closing mark may stand just outside the sentence's trimmed end.
        if start + offset <= quote.start < end + offset:
            first = min(first, start + offset)
        if start + offset < quote.end <= end + offset + 1:
            last = max(last, end + offset)
    return first, last


def _date_range(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    since_day = until_day = None
    for name, value in (("from", since), ("to", until)):
        if not value:
            continue
        try:
            first, last = period_of(value)
        except ValueError as exc:
            raise ApplicationError(f"{name}: {exc}", {"parameter": name}) from None
        if name == "from":
            since_day = first
        else:
            until_day = last
    if since_day and until_day and since_day > until_day:
        raise ApplicationError("from: the range starts after it ends.", {"parameter": "from"})
    return since_day, until_day


@dataclass(frozen=True)
class SearchHit:
    """One found article or quote, with a snippet as (text, highlighted) pieces."""

    obj: Article | Quote
    pieces: list[tuple[str, bool]]


# Markers PostgreSQL puts around matched words in a snippet; the page escapes the snippet
# text and turns the markers into <mark> itself, so article text never reaches the page raw.
_HIT_START, _HIT_END = "\ue000", "\ue001"


def article_search_vector():
    """The vector the GIN index ``article_search`` is built on (migration 0003): a query
    must use exactly this expression for PostgreSQL to use the index."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("headline", weight="A", config="english") + SearchVector(
        "body", weight="B", config="english"
    )


def articles_search(*, q: str, limit: int = 50) -> list[SearchHit]:
    """Articles matching the words, best first, with a highlighted snippet.

    PostgreSQL: full-text search (web-search syntax: quotes, ``or``, ``-word``) ranked by
    ``SearchRank`` with headline words weighing more than body words. Other databases (the
    embedded SQLite demo): every word must occur, newest first. One query.
    """
    q = q.strip()
    if not q:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

        query = SearchQuery(q, search_type="websearch", config="english")
        rows = (
            Article.objects.select_related("outlet")
            .defer("raw_text")
            .annotate(document=article_search_vector())
            .filter(document=query)
            .annotate(
                rank=SearchRank(F("document"), query),
                snippet=SearchHeadline(
                    "body",
                    query,
                    config="english",
                    start_sel=_HIT_START,
                    stop_sel=_HIT_END,
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .defer("body")
            .order_by("-rank", "-published_at", "-id")[:limit]
        )
        return [SearchHit(obj=row, pieces=_pieces(row.snippet)) for row in rows]
    words = q.split()[:8]
    articles = Article.objects.select_related("outlet").defer("raw_text")
    for word in words:
        articles = articles.filter(Q(headline__icontains=word) | Q(body__icontains=word))
    rows = articles.order_by(F("published_at").desc(nulls_last=True), "-id")[:limit]
    return [SearchHit(obj=row, pieces=_snippet_around(row.body, words)) for row in rows]


def quotes_search(*, q: str, limit: int = 30) -> list[SearchHit]:
    """Quotes matching the words, best first (PostgreSQL full-text) or in date order. One
    query."""
    q = q.strip()
    if not q:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchHeadline,
            SearchQuery,
            SearchRank,
            SearchVector,
        )

        query = SearchQuery(q, search_type="websearch", config="english")
        rows = (
            quotes_list()
            .annotate(document=SearchVector("text", config="english"))
            .filter(document=query)
            .annotate(
                rank=SearchRank(F("document"), query),
                snippet=SearchHeadline(
                    "text",
                    query,
                    config="english",
                    start_sel=_HIT_START,
                    stop_sel=_HIT_END,
                    highlight_all=True,
                ),
            )
            .order_by("-rank", "when")[:limit]
        )
        return [SearchHit(obj=row, pieces=_pieces(row.snippet)) for row in rows]
    words = q.split()[:8]
    rows = quotes_list(words=" ".join(words))[:limit]
    return [SearchHit(obj=row, pieces=_snippet_around(row.text, words, width=400)) for row in rows]


def _pieces(snippet: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split(_HIT_START)):
        hit, _, rest = part.partition(_HIT_END) if i else ("", "", part)
        if hit:
            pieces.append((hit, True))
        if rest:
            pieces.append((rest, False))
    return pieces


def _snippet_around(text: str, words: list[str], width: int = 240) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first word found, the words marked (case-insensitive)."""
    lowered = text.lower()
    positions = [lowered.find(w.lower()) for w in words if lowered.find(w.lower()) >= 0]
    centre = min(positions) if positions else 0
    start = max(0, centre - width // 3)
    end = min(len(text), start + width)
    window = text[start:end]
    marks = sorted(
        (m, m + len(w)) for w in words for m in _all_positions(window.lower(), w.lower())
    )
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    at = 0
    for m_start, m_end in marks:
        if m_start < at:
            continue
        pieces += [(window[at:m_start], False), (window[m_start:m_end], True)]
        at = m_end
    pieces.append((window[at:] + ("…" if end < len(text) else ""), False))
    return [(text, hit) for text, hit in pieces if text]


def _all_positions(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while needle and at >= 0:
        found.append(at)
        at = haystack.find(needle, at + len(needle))
    return found


# --- reads for the API ------------------------------------------------------------------------

_SENTENCE_BREAKS = (". ", ".\n", "! ", "!\n", "? ", "?\n", "\n")


def quotes_naming(quotes: QuerySet[Quote], *, entity: Entity) -> QuerySet[Quote]:
    """Narrow ``quotes`` to those that name ``entity``: a mention of it inside the quote, or
    in the quote's sentence — nothing that ends a sentence (". ", "! ", "? ", a line break)
    between the mention and the quote, which are at most ``_QUOTE_CONTEXT`` characters apart.

    Decided by the database, so the result stays a queryset an API can page through (one
    query); ``quotes_about`` splits sentences in Python instead, for a short list. The cost
    of the SQL test: an abbreviation between the two ("U.S. officials") counts as a break.
    """
    gap_before = Substr(
        "article__body",
        F("end") + 1,
        Greatest(OuterRef("start") - F("end"), Value(0), output_field=IntegerField()),
    )
    gap_after = Substr(
        "article__body",
        OuterRef("end") + 1,
        Greatest(F("start") - OuterRef("end"), Value(0), output_field=IntegerField()),
    )
    clean_before = Q()
    clean_after = Q()
    for mark in _SENTENCE_BREAKS:
        clean_before &= ~Q(gap_before__contains=mark)
        clean_after &= ~Q(gap_after__contains=mark)
    mentions = Mention.objects.filter(article=OuterRef("article"), entity=entity).annotate(
        gap_before=gap_before, gap_after=gap_after
    )
    inside = Q(start__gte=OuterRef("start"), end__lte=OuterRef("end"))
    before = Q(end__lte=OuterRef("start"), end__gte=OuterRef("start") - _QUOTE_CONTEXT)
    after = Q(start__gte=OuterRef("end"), start__lte=OuterRef("end") + _QUOTE_CONTEXT)
    return quotes.filter(
        Exists(mentions.filter(inside | (before & clean_before) | (after & clean_after)))
    )
