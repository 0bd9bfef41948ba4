"""Strategy ``surname_reference``: the spellings of one unknown person become one entity.

A surname, "Mr. Surname" or another spelling of an accepted unknown person, before or
after the full name, joins that person. A lone given name ("his wife, Melania") joins the
one full name it begins ("Melania Trump"), else stays as written: a relative's surname is
not guessed from the person named before. A month surname joins when it does not read as
the month ("May's plan", not "in May").

People are indexed by surname and by given name, so each spelling costs one look-up,
not a scan of everybody named so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extraction.mentions.names import Span, compatible, name_key
from extraction.mentions.unknown import Evidence, Segment
from extraction.mentions.vocabulary import GIVEN_NAMES, not_name

STRATEGY = "surname_reference"


@dataclass(slots=True)
class Person:
    surname: str
    given: str  # name key of the first given name, "" when only a surname was seen
    middle: str = ""  # the middle names or initials of a full name: "W." in George W. Bush
    spellings: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)
    # Known by one word only: a given name after a kin word ("his wife, Melania"), or a
    # common given name; a surname a later strategy may give it ("Melania Trump").
    kin: bool = False
    lone_given: bool = False
    full_name: str = ""

    def name(self) -> str:
        if self.full_name:
            return self.full_name
        return max(self.spellings, key=lambda text: (len(text.split()), len(text)))


class People:
    """The unknown people of one body, in the order they were found, with indexes."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_surname: dict[str, list[Person]] = {}
        self._by_given: dict[str, list[Person]] = {}
        # Lone words no person took: a later strategy may find them a person named in full.
        self.loose: list[Segment] = []

    def add_full_names(self, accepted: list[tuple[Segment, Evidence]]) -> None:
        """Full names on evidence: each is a person, or another spelling of one."""
        for segment, evidence in accepted:
            if len(segment.words) >= 2:
                person = self._match_person(segment) or self._new_person(segment)
                self._add(person, segment, evidence)

    def add_references(
        self, accepted: list[tuple[Segment, Evidence]], unsupported: list[Segment]
    ) -> None:
        """Lone words on evidence join a full name by surname or given name, else are a
        person of their own; unproven spellings only ever join somebody."""
        for segment, evidence in accepted:
            if len(segment.words) == 1:
                person = self._match_person(segment) or self._match_given(
                    segment, evidence.given_only
                )
                if person is None:
                    person = self._new_person(segment)
                    person.kin = evidence.given_only
                    person.lone_given = evidence.given_only or _given_name(segment)
                self._add(person, segment, evidence)
        for segment in unsupported:
            person = self._match_person(segment) or self._match_given(segment, False)
            if person is not None:
                self._add(person, segment, None)
            elif len(segment.words) == 1 and not segment.royal:
                self.loose.append(segment)

    def _match_given(self, segment: Segment, given_only: bool) -> Person | None:
        """The one person with a full name whose given name is this lone word, else None."""
        word = segment.words[0]
        if segment.royal or not_name(word) or not (given_only or word.lower() in GIVEN_NAMES):
            return None
        fitting = self._by_given.get(name_key(word), ())
        return fitting[0] if len(fitting) == 1 else None

    def _new_person(self, segment: Segment) -> Person:
        given = name_key(segment.words[0]) if len(segment.words) >= 2 else ""
        person = Person(surname=segment.words[-1], given=given, middle=_middle(segment))
        self.people.append(person)
        self._by_surname.setdefault(person.surname, []).append(person)
        if given:
            self._by_given.setdefault(given, []).append(person)
        return person

    def _match_person(self, segment: Segment) -> Person | None:
        """The person a spelling belongs to: same surname, compatible given name; when
        several fit, the one mentioned nearest before it, else the first one after it."""
        given = name_key(segment.words[0]) if len(segment.words) >= 2 else ""
        middle = _middle(segment)
        fitting = [
            person
            for person in self._by_surname.get(segment.words[-1], ())
            if compatible(given, person.given)
            # George W. Bush and George H.W. Bush: two middles that differ are two people.
            and (not middle or not person.middle or middle == person.middle)
        ]
        if len(fitting) <= 1:
            return fitting[0] if fitting else None
        earlier = [p for p in fitting if p.spans and p.spans[0][0] < segment.start]
        if earlier:
            return max(earlier, key=lambda p: max(s for s, _ in p.spans if s < segment.start))
        return min(fitting, key=lambda p: p.spans[0][0] if p.spans else 0)

    def _add(self, person: Person, segment: Segment, evidence: Evidence | None) -> None:
        person.spans.append((segment.start, segment.end))
        person.spellings.append(segment.text)
        if evidence is not None:
            person.roles |= evidence.roles
            person.context |= evidence.context
        if not person.given and len(segment.words) >= 2:
            person.given = name_key(segment.words[0])
            self._by_given.setdefault(person.given, []).append(person)
        person.middle = person.middle or _middle(segment)


def _given_name(segment: Segment) -> bool:
    return not segment.royal and segment.words[0].lower() in GIVEN_NAMES


def _middle(segment: Segment) -> str:
    """The words between the given name and the surname, folded: "H.W." -> "hw"."""
    return "".join(segment.words[1:-1]).replace(".", "").lower()
