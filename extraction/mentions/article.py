"""Strategy ``article_person``: a lone name is first the person the article names with it.

It runs last, when everybody the article names in full is known, in the register or not:

- a lone given name is the person named in full with it ("Anna" after "Anna Virtanen");
- a given name after a kin word takes the family name of the person the sentence names
  before it ("Trump and his wife, Melania" names Melania Trump): a relative named by a
  given name alone shares the family name, or the article would give hers. The register's
  entry of that full name when there is one, else an unknown person of that name;
- a lone surname the register does not take is the register person of that surname the
  article has already named ("Niinistö" after "Sauli Niinistö" when two entries share
  the surname and the alias links neither): never a surname-only person beside him.

Every look-up is a dictionary of the people of this article: no scan of the register.
"""

from __future__ import annotations

from bisect import bisect_left

from extraction.mentions.cluster import People, Person
from extraction.mentions.names import Hit, name_key
from extraction.mentions.register_match import Tables, normalise
from extraction.mentions.unknown import Segment
from extraction.text import Text

STRATEGY = "article_person"

_IN_FULL = ("full_name", "title")


class _Named:
    """Who the article names, by given name and by surname, with where first."""

    def __init__(self, tables: Tables, hits: list[Hit]) -> None:
        self.first: dict[int, int] = {}  # key -> start of its first mention
        self.in_full: set[int] = set()  # register keys named by a full name or title
        for hit in hits:
            self.first[hit.key] = min(self.first.get(hit.key, hit.start), hit.start)
            if hit.alias in _IN_FULL:
                self.in_full.add(hit.key)
        self.by_given: dict[str, set[int]] = {}
        self.by_surname: dict[str, set[int]] = {}
        entries = tables.entries
        for key in self.first:
            if key < len(entries) and entries[key].kind == "person":
                self.by_surname.setdefault(tables.family_names[key], set()).add(key)
                if key in self.in_full:
                    for given in tables.given_names[key]:
                        self.by_given.setdefault(given, set()).add(key)

    def given(self, word: str) -> int | None:
        """The one register person named in full with this given name."""
        found = self.by_given.get(name_key(word), set())
        return next(iter(found)) if len(found) == 1 else None

    def surname(self, word: str, before: int) -> int | None:
        """The one register person of this surname named before ``before``."""
        found = [key for key in self.by_surname.get(word, ()) if self.first[key] < before]
        return found[0] if len(found) == 1 else None


def resolve(text: Text, tables: Tables, people: People, hits: list[Hit]) -> list[Hit]:
    """The hits with lone names moved to the person the article names with them."""
    offset = len(tables.entries)
    named = _Named(tables, hits)
    moved: dict[int, int] = {}
    person_hits = sorted(
        (hit.start, hit.key)
        for hit in hits
        if hit.key >= offset or tables.entries[hit.key].kind == "person"
    )
    for number, person in enumerate(people.people):
        key = offset + number
        start = min(person.spans)[0]
        target: int | None = None
        if person.lone_given:
            target = named.given(person.spellings[0])
            if target is None and person.kin:
                target = _relative(text, tables, people, person, key, person_hits)
        elif not person.given:
            target = named.surname(person.surname, start)
        if target is not None and target != key:
            moved[key] = target
    found = [
        hit._replace(key=moved[hit.key], strategy=STRATEGY) if hit.key in moved else hit
        for hit in hits
    ]
    found += _loose(people.loose, named)
    return found


def _relative(
    text: Text,
    tables: Tables,
    people: People,
    person: Person,
    key: int,
    person_hits: list[tuple[int, int]],
) -> int | None:
    """Whom "his wife, Melania" names: given name + the family name of the person the
    sentence names before it (or, when it names none, the first person of the sentence
    before: "He and his wife, Melania"). A register entry or another unknown person of that full
    name is the target; else this person is renamed and stays itself (None)."""
    start = min(person.spans)[0]
    sentence_start = text.sentence_at(start)[0]
    lo = bisect_left(person_hits, (sentence_start,))
    hi = bisect_left(person_hits, (start,))
    before = [k for _, k in person_hits[lo:hi] if k != key]
    if before:
        possessor = before[-1]  # "Trump and his wife, Melania"
    else:
        # "He and his wife, Melania": the subject of the sentence before, its first person.
        index = text.sentence_index(start) - 1
        if index < 0:
            return None
        previous = bisect_left(person_hits, (text.sentences[index][0],))
        if previous >= lo:
            return None
        possessor = person_hits[previous][1]
    family = _family_name(tables, people, possessor)
    if not family:
        return None
    given = person.spellings[0]
    full = f"{given} {family}"
    entry = tables.full_names.get(normalise(full))
    if entry is not None:
        return entry
    offset = len(tables.entries)
    for number, other in enumerate(people.people):
        if other is not person and other.surname == family and other.given == name_key(given):
            return offset + number
    person.full_name = full
    return None


def _family_name(tables: Tables, people: People, key: int) -> str:
    offset = len(tables.entries)
    if key < offset:
        return tables.family_names[key]
    other = people.people[key - offset]
    return "" if other.lone_given else other.surname


def _loose(loose: list[Segment], named: _Named) -> list[Hit]:
    """Lone words no person took, that name a register person of the article."""
    found = []
    for segment in loose:
        word = segment.words[0]
        key = named.given(word)
        if key is None:
            key = named.surname(word, segment.start)
        if key is not None:
            found.append(Hit(segment.start, segment.end, key, STRATEGY))
    return found
