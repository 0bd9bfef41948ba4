"""Writes to the entity register."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction

from extraction.register import REGISTER_FILE
from summit_kb.text import normalise_name

if TYPE_CHECKING:
    from entities.models import Entity


def register_sync(
    *, entity_model: Any = None, alias_model: Any = None, path: Path = REGISTER_FILE
) -> int:
    """Load the story's register file into the database; returns how many entries it holds.

    Idempotent: entries are matched by slug, missing aliases are added, nothing an editor
    added is removed. The model classes are parameters so that the data migration can pass
    its historical models (which have no custom ``save``).
    """
    if entity_model is None or alias_model is None:
        from entities.models import Alias, Entity

        entity_model, alias_model = Entity, Alias
    entries = json.loads(path.read_text(encoding="utf-8"))["entities"]
    with transaction.atomic():
        for item in entries:
            entity, _created = entity_model.objects.get_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "kind": item["kind"],
                    "description": item.get("description") or "",
                    "wikidata_id": item.get("wikidata") or "",
                    "review_status": "confirmed",
                },
            )
            known = set(
                alias_model.objects.filter(entity=entity).values_list("normalised", flat=True)
            )
            for alias in item.get("aliases", ()):
                normalised = normalise_name(alias["text"])
                if normalised in known:
                    continue
                alias_model.objects.create(
                    entity=entity, text=alias["text"], normalised=normalised, kind=alias["kind"]
                )
                known.add(normalised)
    return len(entries)


def candidate_person_find_or_create(*, name: str) -> Entity | None:
    """The entity a person's name found by the workers stands for, creating a candidate.

    One candidate however many articles name the person: an alias with the same
    normalised name is looked up first (following merges). A name an editor rejected
    stays rejected: None is returned and nothing is linked to it.

    Safe under concurrency: two workers creating the same candidate at once end with one
    row, the loser of the race reading the winner's (the unique slug decides).
    """
    from django.db import IntegrityError
    from django.utils.text import slugify

    from entities.models import Alias, AliasKind, Entity, EntityKind, ReviewStatus

    normalised = normalise_name(name)
    for _ in range(3):
        alias = (
            Alias.objects.select_related("entity__merged_into")
            .filter(normalised=normalised, entity__kind=EntityKind.PERSON)
            .order_by("entity__merged_into", "id")
            .first()
        )
        if alias is not None:
            entity = alias.entity.merged_into or alias.entity
            return None if entity.review_status == ReviewStatus.REJECTED else entity
        if " " not in normalised and (known := _person_by_surname(normalised)) is not None:
            return known
        base = slugify(name)[:180] or "person"
        existing = Entity.objects.filter(slug=base).first()
        if existing is not None and normalise_name(existing.name) == normalised:
            return existing
        slug = (
            base
            if existing is None
            else f"{base}-{Entity.objects.filter(slug__startswith=base).count() + 1}"
        )
        try:
            with transaction.atomic():
                entity = Entity.objects.create(
                    name=name,
                    slug=slug,
                    kind=EntityKind.PERSON,
                    review_status=ReviewStatus.CANDIDATE,
                )
                Alias.objects.create(entity=entity, text=name, kind=AliasKind.FULL_NAME)
                return entity
        except IntegrityError:
            continue  # another worker created it (or took the slug) first: look again
    raise RuntimeError(f"could not create or find the candidate person {name!r}")


def _person_by_surname(surname: str) -> Entity | None:
    """The one person whose full name ends in ``surname`` ("Lindqvist said", in an article
    that never gives her first name); None when nobody or several people fit."""
    from entities.models import Entity, EntityKind, ReviewStatus

    fitting = [
        entity
        for entity in Entity.objects.filter(
            kind=EntityKind.PERSON, merged_into__isnull=True, name__iendswith=f" {surname}"
        ).exclude(review_status=ReviewStatus.REJECTED)[:3]
        if normalise_name(entity.name).rsplit(" ", 1)[-1] == surname
    ]
    return fitting[0] if len(fitting) == 1 else None


def entity_merge(*, sources: list[Entity], target: Entity, by: Any = None) -> int:
    """Merge ``sources`` into ``target``: their mentions, quotes, aliases and participations
    move to the target, and each source keeps a ``merged_into`` pointer so its old URL
    redirects. Returns how many entities were merged. One transaction.
    """
    from django.utils import timezone

    from articles.models import Mention, Quote
    from entities.models import Alias, AliasKind, Entity
    from timeline.models import Event, EventParticipant

    sources = [s for s in sources if s.pk != target.pk]
    if not sources:
        return 0
    ids = [s.pk for s in sources]
    with transaction.atomic():
        Mention.objects.filter(entity_id__in=ids).update(entity=target)
        if target.kind == "person":
            Quote.objects.filter(speaker_id__in=ids).update(speaker=target)
        else:
            Quote.objects.filter(speaker_id__in=ids).update(speaker=None)
        Quote.objects.filter(addressee_id__in=ids).update(addressee=target)
        Event.objects.filter(place_id__in=ids).update(place=target)
        for participation in EventParticipant.objects.filter(entity_id__in=ids):
            EventParticipant.objects.get_or_create(event_id=participation.event_id, entity=target)
        EventParticipant.objects.filter(entity_id__in=ids).delete()
        known = set(target.aliases.values_list("normalised", flat=True))
        for source in sources:
            # The source's own name becomes an alias of the target.
            names = [(source.name, AliasKind.FULL_NAME)]
            names += source.aliases.values_list("text", "kind")
            for text, kind in names:
                normalised = normalise_name(text)
                if normalised not in known and normalised != normalise_name(target.name):
                    Alias.objects.create(entity=target, text=text, kind=kind)
                    known.add(normalised)
            source.aliases.all().delete()
        Entity.objects.filter(pk__in=ids).update(
            merged_into=target, reviewed_by=by, reviewed_at=timezone.now()
        )
        Entity.objects.filter(merged_into_id__in=ids).update(merged_into=target)  # chains
    return len(sources)


def articles_naming(*, text: str) -> list[int]:
    """Ids of the articles whose body contains ``text`` (a new alias): to reprocess them."""
    from articles.models import Article

    return list(Article.objects.filter(body__icontains=text).values_list("pk", flat=True))
