"""Reads of the entity register."""

from __future__ import annotations

from functools import lru_cache

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
