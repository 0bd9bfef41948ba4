"""Reads of the entity register."""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from entities.models import Alias, Entity, ReviewStatus
from extraction.register import Alias as RegisterAlias
from extraction.register import Register, RegisterEntry

_RegisterRows = tuple[tuple[str, str, str, str, str | None, tuple[tuple[str, str], ...]], ...]


def register_from_database() -> Register:
    """The register as the database holds it now: confirmed and candidate entities.

    Two queries. The ``Register`` object is reused while the rows stay the same, so the
    matching tables extraction compiles for it are built once per worker, not per article.
    """
    entities = list(
        Entity.objects.filter(merged_into__isnull=True)
        .exclude(review_status=ReviewStatus.REJECTED)
        .order_by("id")
        .values_list("id", "slug", "name", "kind", "description", "wikidata_id")
    )
    aliases: dict[int, list[tuple[str, str]]] = {}
    for entity_id, text, kind in Alias.objects.order_by("id").values_list(
        "entity_id", "text", "kind"
    ):
        aliases.setdefault(entity_id, []).append((text, kind))
    rows: _RegisterRows = tuple(
        (slug, name, kind, description, wikidata or None, tuple(aliases.get(pk, ())))
        for pk, slug, name, kind, description, wikidata in entities
    )
    return _register_of(rows)


@lru_cache(maxsize=4)
def _register_of(rows: _RegisterRows) -> Register:
    return Register(
        tuple(
            RegisterEntry(
                slug=slug,
                name=name,
                kind=kind,
                description=description,
                wikidata=wikidata,
                aliases=tuple(RegisterAlias(text=t, kind=k) for t, k in aliases),
            )
            for slug, name, kind, description, wikidata, aliases in rows
        )
    )


def entity_by_slug(*, slug: str) -> Entity | None:
    """The entity a slug names, or None when there is none or an editor rejected it.

    A merged entity's slug gives the entity it was merged into (merges keep the pointers
    flat, so one hop is enough); the caller compares slugs to redirect. One query.
    """
    entity = Entity.objects.select_related("merged_into").filter(slug=slug).first()
    if entity is None:
        return None
    entity = entity.merged_into or entity
    return None if entity.review_status == ReviewStatus.REJECTED else entity


def entities_list(*, kind: str | None = None, named_only: bool = False) -> QuerySet[Entity]:
    """Live entities by name, with how many articles mention them and how many quotes each
    person has. ``named_only`` leaves out those no article names yet (the register lists
    places and organisations the coverage may never mention). One query when evaluated."""
    from articles.models import Mention, Quote
    from summit_kb.admin_tools import count_of

    article_count = (
        Mention.objects.filter(entity=OuterRef("pk"))
        .order_by()
        .values("entity")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    entities = Entity.objects.live()
    if kind:
        entities = entities.filter(kind=kind)
    entities = entities.annotate(
        article_total=Coalesce(Subquery(article_count, output_field=IntegerField()), 0),
        quote_total=count_of(Quote, "speaker"),
    )
    if named_only:
        entities = entities.filter(Q(article_total__gt=0) | Q(quote_total__gt=0))
    return entities.order_by("name", "id")


def entity_companions(*, entity: Entity, limit: int = 10) -> list[Entity]:
    """The people most often named in the same articles as ``entity``, with
    ``shared_articles`` (how many articles name both). One query."""
    from articles.models import Mention

    articles = Mention.objects.filter(entity=entity).values("article_id")
    return list(
        Entity.objects.live()
        .people()
        .exclude(pk=entity.pk)
        .filter(mentions__article_id__in=articles)
        .annotate(shared_articles=Count("mentions__article", distinct=True))
        .order_by("-shared_articles", "name")[:limit]
    )


# --- reads for the API and the pages ---------------------------------------------------------


def entities_with_counts(
    *, kind: str | None = None, review_status: str | None = None, search: str | None = None
) -> QuerySet[Entity]:
    """Entities that stand on their own (not merged), by name, each annotated with
    ``mention_count``, ``quote_count`` and ``event_count`` and with its aliases prefetched.

    Two queries when evaluated, whatever the number of rows: the counts are correlated
    subqueries (three joined COUNTs would multiply the rows of each other). Rejected entities
    are left out unless ``review_status="rejected"`` asks for them. ``search`` matches the
    name or an alias, case-insensitively.
    """
    entities = Entity.objects.filter(merged_into__isnull=True)
    if review_status:
        entities = entities.filter(review_status=review_status)
    else:
        entities = entities.exclude(review_status=ReviewStatus.REJECTED)
    if kind:
        entities = entities.filter(kind=kind)
    if search:
        entities = entities.filter(
            Q(name__icontains=search)
            | Exists(Alias.objects.filter(entity=OuterRef("pk"), text__icontains=search))
        )
    return entities_annotate_counts(entities).order_by("name", "id")


def entities_annotate_counts(entities: QuerySet[Entity]) -> QuerySet[Entity]:
    """Add ``mention_count``, ``quote_count``, ``event_count`` and prefetch aliases."""
    from articles.models import Mention, Quote, QuoteReview
    from timeline.models import EventParticipant, EventReview

    def count_of(rows: QuerySet, field: str) -> Coalesce:
        counted = (
            rows.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("*"))
            .values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return entities.annotate(
        mention_count=count_of(Mention.objects.all(), "entity"),
        quote_count=count_of(Quote.objects.exclude(review_status=QuoteReview.REJECTED), "speaker"),
        event_count=count_of(
            EventParticipant.objects.exclude(event__review_status=EventReview.REJECTED), "entity"
        ),
    ).prefetch_related(Prefetch("aliases", queryset=Alias.objects.order_by("kind", "text")))


def entity_live_get(*, slug: str) -> tuple[Entity | None, bool]:
    """The entity a slug names, counts annotated, and whether the slug was a merged one's.

    ``(None, False)`` for an unknown slug. A merged entity's slug gives its target (merges
    keep the pointers flat: one hop). Unlike ``entity_by_slug`` a rejected entity is
    returned: API clients filter by review status. Three queries (aliases prefetched).
    """
    entity = Entity.objects.filter(slug=slug).only("id", "merged_into_id").first()
    if entity is None:
        return None, False
    target_id = entity.merged_into_id or entity.pk
    found = entities_annotate_counts(Entity.objects.filter(pk=target_id)).first()
    return found, target_id != entity.pk


_SEARCH_WORD = re.compile(r"[\w’'-]{3,}")
_SEARCH_STOPWORDS = frozenset({"the", "and", "for", "with", "from", "said", "what", "who"})


def entities_search(*, q: str, limit: int = 20) -> list[Entity]:
    """Live entities named by the whole query or by any of its words ("Helsinki summit"
    finds Helsinki), most words matched first. One query."""
    words = [w for w in _SEARCH_WORD.findall(q.casefold()) if w not in _SEARCH_STOPWORDS][:8]

    def named(text: str) -> Q:
        alias = Alias.objects.filter(entity=OuterRef("pk"), text__icontains=text)
        return Q(name__icontains=text) | Q(Exists(alias))

    wanted = named(q)
    for word in words:
        wanted |= named(word)
    matched = sum(
        (Case(When(named(word), then=1), default=0) for word in words),
        Case(When(named(q), then=len(words) + 1), default=0),
    )
    return list(
        Entity.objects.live()
        .filter(wanted)
        .annotate(matched=matched)
        .order_by("-matched", "name")[:limit]
    )
