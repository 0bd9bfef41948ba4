"""Step 3, mentions: the people, organisations and places an article body names.

>>> body = (
...     "Vladimir Putin met Marta Lindqvist, a Finnish diplomat, in Helsinki. "
...     "Ms. Lindqvist said the Russian leader was calm."
... )
>>> for entity in find_entities(body, register=Register.default()):
...     print(entity.name, entity.kind, entity.known, entity.strategy,
...           [body[s:e] for s, e in entity.mentions])
Vladimir Putin person True register_alias ['Vladimir Putin', 'the Russian leader']
Marta Lindqvist person False unknown_person ['Marta Lindqvist', 'Lindqvist']
Helsinki place True register_alias ['Helsinki']

Six named strategies run in the order of ``MENTION_STRATEGIES``, each in its module:

``register_alias`` (``register_match``)
    Every name and alias of the register passed in (full names, titles, surnames,
    descriptors), case-sensitive (only an alias's leading "the" may be "The": it is not
    part of a name), word-bounded, leftmost-longest. A surname alias always links,
    except when another given name stands right before it ("Ivanka Trump" is not Donald
    Trump), an organisation word or "Jr." right after it ("Trump Tower", "Trump Jr."), or
    an honorific of the other sex ("Mrs. Trump", when every given name of the entry is a
    man's); a compatible given name before it joins the mention ("Yuriy Ushakov").
``unknown_person`` (``unknown``)
    Capitalised name sequences accepted as people on evidence: a title or role before
    them, a speech verb next to them, an appositive role after them, a common given
    name first, a register surname after another given name. Full names found so are
    the unknown people.
``unknown_organisation``
    A name next to a newspaper or channel noun ("the daily Kommersant", "Dagens Nyheter,
    a Swedish newspaper,", "Sanomat newspaper") is an outlet: an organisation, never a
    person, whatever speech verb follows it.
``surname_reference`` (``cluster``)
    A surname, "Mr. Surname" or another spelling of an accepted unknown person, before
    or after the full name, joins that person: one entity per person. A lone given name
    ("his wife, Melania") joins the one full name it begins ("Melania Trump"), else stays
    as written. A lone name on evidence that joins nobody is a person of its own.
``role_descriptor`` (``roles``)
    "the president", "the Kremlin aide": the nearest preceding person whose role fits.
    Roles come from each register entry's description and aliases, and from the title
    or appositive an unknown person was introduced with ("the Queen", "the monarch" for
    "Queen Elizabeth II").

``article_person`` (``article``)
    A lone name is first the person the article names with it: a given name after the
    full name ("Anna" after "Anna Virtanen"), a relative's given name with the family
    name of the person named before it ("his wife, Melania" is Melania Trump), a lone
    surname the register does not take the register person of that surname named before.

Each entity records the first strategy of that order that found a mention of it.

Overlaps: mentions of one kind never overlap. The leftmost-longest alias wins and the
words inside it are not mentions of their own ("Russia's president" is Putin, not
Russia). Words outside an alias keep their own mention: in "U.S. National Security
Adviser John Bolton", "U.S." is a place mention and "National Security Adviser John
Bolton" a Bolton mention. A role descriptor may run over a place or organisation
("the Kremlin aide" is a person mention; "the Kremlin" inside it stays a mention of
the Kremlin).

The vocabulary is data: ``data/lexicon/people.toml``, ``data/given_names.json``,
``data/not_people.json`` and the speech verbs of ``data/lexicon/speech_verbs.toml``.
The step is linear in the body: aliases and role phrases are found through dictionaries
(no compiled pattern per register), people are indexed by surname.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extraction.mentions import article, cluster, register_match, roles, unknown
from extraction.mentions.names import Hit, Span, title_quotes
from extraction.register import Register
from extraction.results import Entity, EntityKind
from extraction.text import Text

__all__ = ["MENTION_STRATEGIES", "find_entities"]

UNKNOWN_ORGANISATION = "unknown_organisation"
MENTION_STRATEGIES = (
    register_match.STRATEGY,
    unknown.STRATEGY,
    UNKNOWN_ORGANISATION,
    cluster.STRATEGY,
    roles.STRATEGY,
    article.STRATEGY,
)


@dataclass(slots=True)
class _Found:
    """What the strategies have found so far in one body."""

    text: Text
    tables: register_match.Tables
    slogans: list[Span]  # quoted title-case phrases, where capitals tell no names
    hits: list[Hit] = field(default_factory=list)
    people: cluster.People = field(default_factory=cluster.People)
    accepted: list[tuple[unknown.Segment, unknown.Evidence]] = field(default_factory=list)
    unsupported: list[unknown.Segment] = field(default_factory=list)
    outlets: list[unknown.Segment] = field(default_factory=list)
    organisations: dict[str, list[Span]] = field(default_factory=dict)  # unknown, by name


def _register_alias(found: _Found) -> None:
    found.hits += register_match.register_hits(found.text.body, found.tables, found.slogans)


def _unknown_person(found: _Found) -> None:
    masked = _mask(found.text.body, found.hits)
    body = unknown.Body(found.text, masked, found.tables.surnames, found.slogans)
    found.accepted, found.unsupported, found.outlets = unknown.candidates(body)
    found.people.add_full_names(found.accepted)


def _unknown_organisation(found: _Found) -> None:
    # Outlets the register does not know ("the daily Kommersant") are organisations.
    for segment in found.outlets:
        found.organisations.setdefault(segment.text, []).append((segment.start, segment.end))


def _surname_reference(found: _Found) -> None:
    found.people.add_references(found.accepted, found.unsupported)
    offset = len(found.tables.entries)
    for number, person in enumerate(found.people.people):
        # A person first seen by a full name or a lone name on evidence was found by
        # ``unknown_person``; the spellings joined to it by this strategy.
        first = min(person.spans)
        for span in person.spans:
            strategy = unknown.STRATEGY if span == first else cluster.STRATEGY
            found.hits.append(Hit(*span, offset + number, strategy))


def _role_descriptor(found: _Found) -> None:
    tables, people = found.tables, found.people.people
    person_hits = [hit for hit in found.hits if _kind(found, hit.key) == "person"]
    found.hits += roles.descriptor_hits(
        found.text.body,
        [*tables.roles, *(frozenset(p.roles) for p in people)],
        [*tables.context, *(frozenset(p.context) for p in people)],
        tables.all_roles,
        person_hits,
    )


def _article_person(found: _Found) -> None:
    found.hits = article.resolve(found.text, found.tables, found.people, found.hits)


_STRATEGIES: dict[str, Callable[[_Found], None]] = {
    register_match.STRATEGY: _register_alias,
    unknown.STRATEGY: _unknown_person,
    UNKNOWN_ORGANISATION: _unknown_organisation,
    cluster.STRATEGY: _surname_reference,
    roles.STRATEGY: _role_descriptor,
    article.STRATEGY: _article_person,
}


def find_entities(text: Text | str, *, register: Register) -> tuple[Entity, ...]:
    """People, organisations and places named in ``text``, in the order of first mention.

    Known entities carry the register's name and slug; unknown people have ``slug=None``
    and one ``Entity`` however many spellings the body uses, named by the fullest.
    Linear in the body: one dictionary look-up per word for the register's aliases, one
    pass of the name-sequence pattern, one of "the" for role descriptors; the register's
    tables are built on the first call with that Register object and cached.
    """
    model = Text.of(text)
    found = _Found(model, register_match.tables_for(register), title_quotes(model.body))
    for strategy in MENTION_STRATEGIES:
        _STRATEGIES[strategy](found)
    return _entities(found)


def _kind(found: _Found, key: int) -> EntityKind:
    entries = found.tables.entries
    return entries[key].kind if key < len(entries) else "person"


def _mask(body: str, hits: list[Hit]) -> str:
    """The body with known mentions blanked out, offsets unchanged."""
    pieces = []
    position = 0
    for hit in hits:
        start, end = hit.start, hit.end
        pieces.append(body[position:start])
        pieces.append("\x00" * (end - start))
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _entities(found: _Found) -> tuple[Entity, ...]:
    spans: dict[int, list[Span]] = {}
    first_strategy: dict[int, int] = {}
    for start, end, key, strategy, _ in found.hits:
        spans.setdefault(key, []).append((start, end))
        rank = MENTION_STRATEGIES.index(strategy)
        first_strategy[key] = min(first_strategy.get(key, rank), rank)
    entries = found.tables.entries
    entities = []
    for key, found_spans in spans.items():
        mentions = tuple(sorted(set(found_spans)))
        strategy = MENTION_STRATEGIES[first_strategy[key]]
        if key < len(entries):
            entry = entries[key]
            entities.append(
                Entity(entry.name, entry.kind, entry.slug, True, mentions, strategy=strategy)
            )
        else:
            name = found.people.people[key - len(entries)].name()
            entities.append(Entity(name, "person", None, False, mentions, strategy=strategy))
    for name, outlet_spans in found.organisations.items():
        mentions = tuple(sorted(set(outlet_spans)))
        entities.append(
            Entity(name, "organisation", None, False, mentions, strategy=UNKNOWN_ORGANISATION)
        )
    return tuple(sorted(entities, key=lambda entity: entity.mentions[0]))
