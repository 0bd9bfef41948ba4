"""Writes to the entity register."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from extraction.register import REGISTER_FILE
from summit_kb.text import normalise_name


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
