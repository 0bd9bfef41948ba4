"""Reads of articles and quotes: the journalists' pages and anyone else who needs them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, NullIf, Substr

from articles.models import Article, Mention, Quote, QuoteReview
from entities.models import Entity
from extraction.text import sentence_spans
from summit_kb.admin_tools import count_of
from summit_kb.errors import ApplicationError
from summit_kb.partial_dates import Precision, period_of
from summit_kb.search_syntax import ParsedQuery, fts5_match, pg_search_query, search_parse
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
    """Quotes in the order they were said, each utterance once, with speaker, addressee,
    article, outlet and every report of the utterance (``quote.utterance.reports``).

    The same words reported by several articles are one utterance (articles/utterances.py):
    it is listed once, by its earliest report. A quote is dated by when it was said — from
    whichever report gives it — or, when no report says, by the day its article was
    published (annotated as ``when``, its precision as ``when_precision``). A date range
    matches by precision: "June 2018" is inside ``since=2018-06-15``. A quote known only to
    the month (or year) sorts at the day its article was published, kept inside that month:
    "July 2018" in an article of 20 July comes after the quotes of 11 July (``sort_day``).
    Two queries when evaluated (the reports are prefetched).
    Raises ``ApplicationError`` naming the parameter for a date that is not one.
    """
    published = Cast("article__published_at", DateField())
    quotes = (
        Quote.objects.exclude(review_status=QuoteReview.REJECTED)
        .exclude(utterance__review_status=QuoteReview.REJECTED)
        .filter(Q(utterance=None) | Q(utterance__first_report=F("pk")))
        .select_related("speaker", "addressee", "article__outlet", "utterance")
        .defer("article__raw_text", "article__body")
        .prefetch_related(Prefetch("utterance__reports", queryset=_reports()))
        .annotate(
            when=Coalesce("utterance__said_on", "said_on", published, output_field=DateField()),
            when_precision=Coalesce(
                NullIf("utterance__said_precision", Value("")),
                NullIf("said_precision", Value("")),
                Value(""),
            ),
        )
        .annotate(
            sort_day=Case(
                When(when_precision=Precision.MONTH, then=_kept_inside("when", published, 27)),
                When(when_precision=Precision.YEAR, then=_kept_inside("when", published, 364)),
                default=F("when"),
                output_field=DateField(),
            )
        )
    )
    if speakers:
        quotes = quotes.filter(speaker__in=speakers)
    since_day, until_day = _date_range(since, until)
    if since_day:
        quotes = quotes.filter(
            Q(when_precision="", when__gte=since_day)
            | Q(when_precision=Precision.DAY, when__gte=since_day)
            | Q(when_precision=Precision.MONTH, when__gte=since_day.replace(day=1))
            | Q(when_precision=Precision.YEAR, when__gte=dt.date(since_day.year, 1, 1))
        )
    if until_day:
        quotes = quotes.filter(when__lte=until_day)
    for word in (words or "").split()[:8]:
        quotes = quotes.filter(text__icontains=word)
    return quotes.order_by(
        F("sort_day").asc(nulls_last=True),
        F("article__published_at").asc(nulls_last=True),
        "start",
    )


def _kept_inside(start: str, day, days: int) -> Greatest:
    """``day`` (the article's) moved inside the period that starts at ``start`` and lasts
    at least ``days`` more days: max(start, min(day, start + days)), on both databases.
    (SQLite's MIN() of a NULL is NULL where PostgreSQL's LEAST skips it: none is passed.)"""
    last = ExpressionWrapper(F(start) + dt.timedelta(days=days), output_field=DateField())
    day = Coalesce(day, F(start), output_field=DateField())
    return Greatest(start, Least(day, last, output_field=DateField()), output_field=DateField())


def _reports() -> QuerySet[Quote]:
    """The reports of an utterance, earliest first, as the quote lists show them."""
    return (
        Quote.objects.exclude(review_status=QuoteReview.REJECTED)
        .select_related("article__outlet")
        .defer("article__raw_text", "article__body")
        .order_by(F("article__published_at").asc(nulls_last=True), "article_id", "start")
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
    """Articles matching ``q`` in the site's search syntax (``summit_kb.search_syntax``:
    phrases, ``OR``, ``-word``, ``prefix*``), best first, with a highlighted snippet.

    The same query finds the same articles on both databases: PostgreSQL through its
    full-text search on the GIN-indexed vector, ranked by ``SearchRank`` (headline words
    weigh more); SQLite through its FTS5 index, ranked by BM25 with the same weights.
    One query on PostgreSQL, two on SQLite (the index, then the rows).
    """
    parsed = search_parse(q)
    if not parsed:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchRank

        query = pg_search_query(parsed)
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
    found = _fts5_search(
        "SELECT rowid, snippet(articles_article_fts, 1, %s, %s, ' … ', 32)"
        " FROM articles_article_fts WHERE articles_article_fts MATCH %s"
        " ORDER BY bm25(articles_article_fts, 4.0, 1.0), rowid DESC LIMIT %s",
        parsed,
        limit,
    )
    rows = Article.objects.select_related("outlet").defer("raw_text", "body").in_bulk(found)
    return [SearchHit(obj=rows[pk], pieces=_pieces(found[pk])) for pk in found if pk in rows]


def quotes_search(*, q: str, limit: int = 30) -> list[SearchHit]:
    """Quotes matching ``q`` (the site's search syntax), best first, every match highlighted.

    PostgreSQL: full-text search over the quote text; SQLite: its FTS5 index. Rejected
    quotes are left out. One query on PostgreSQL, two on SQLite.
    """
    parsed = search_parse(q)
    if not parsed:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchRank, SearchVector

        query = pg_search_query(parsed)
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
    found = _fts5_search(
        "SELECT f.rowid, highlight(articles_quote_fts, 0, %s, %s)"
        " FROM articles_quote_fts f JOIN articles_quote q ON q.id = f.rowid"
        " WHERE articles_quote_fts MATCH %s AND q.review_status <> 'rejected'"
        " ORDER BY bm25(articles_quote_fts), q.said_on LIMIT %s",
        parsed,
        limit,
    )
    rows = {quote.pk: quote for quote in quotes_list().filter(pk__in=list(found))}
    return [SearchHit(obj=rows[pk], pieces=_pieces(found[pk])) for pk in found if pk in rows]


def _fts5_search(sql: str, parsed: ParsedQuery, limit: int) -> dict[int, str]:
    """Row ids to snippets, best first, from an FTS5 query taking (start, stop, match, limit)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [_HIT_START, _HIT_END, fts5_match(parsed), limit])
        return {pk: snippet or "" for pk, snippet in cursor.fetchall()}


def _pieces(snippet: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split(_HIT_START)):
        hit, _, rest = part.partition(_HIT_END) if i else ("", "", part)
        if hit:
            pieces.append((hit, True))
        if rest:
            pieces.append((rest, False))
    return pieces


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
