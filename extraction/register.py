"""The entity register: the known people, organisations and places extraction links to.

Extraction never reads a database. The Django side builds a ``Register`` from its
tables; the command line and the tests use ``Register.default()``, the register of
the story shipped in ``extraction/data/register.json`` (the same file the data
migration loads).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from extraction.results import EntityKind

AliasKind = Literal["full_name", "surname", "title", "descriptor"]

REGISTER_FILE = Path(__file__).parent / "data" / "register.json"


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    kind: AliasKind


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    slug: str
    name: str
    kind: EntityKind
    description: str = ""
    aliases: tuple[Alias, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Register:
    entries: tuple[RegisterEntry, ...]

    @classmethod
    def from_dict(cls, data: dict) -> Register:
        return cls(
            tuple(
                RegisterEntry(
                    slug=item["slug"],
                    name=item["name"],
                    kind=item["kind"],
                    description=item.get("description") or "",
                    wikidata=item.get("wikidata"),
                    aliases=tuple(
                        Alias(text=a["text"], kind=a["kind"]) for a in item.get("aliases", ())
                    ),
                )
                for item in data["entities"]
            )
        )

    @classmethod
    def from_file(cls, path: Path) -> Register:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def default(cls) -> Register:
        """The register of the story, as shipped with the project (read once per process)."""
        return _default_register()

    def by_slug(self, slug: str) -> RegisterEntry | None:
        return next((entry for entry in self.entries if entry.slug == slug), None)


@cache
def _default_register() -> Register:
    return Register.from_file(REGISTER_FILE)
