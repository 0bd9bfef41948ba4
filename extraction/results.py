"""The frozen dataclasses that extraction returns.

Every offset is a half-open ``[start, end)`` index into ``Document.body``, so
``body[start:end]`` is exactly the text the result talks about.

Dates are ISO strings cut to their precision: ``"2018-07-16"`` (day),
``"2018-06"`` (month) or ``"2014"`` (year). A date the text cannot pin down
keeps the coarser precision; it is never padded with a made-up day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["person", "organisation", "place"]
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Document:
    """An article split into its parts; ``body`` is the text every offset indexes."""

    body: str
    headline: str | None = None
    published: dt.datetime | None = None  # time-zone aware when it has a time
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place named in the body.

    ``known`` entities come from the register and carry its ``slug``; unknown
    ones (a person quoted by name who is not in the register) have ``slug=None``
    and one ``Entity`` however many spellings the article uses.
    """

    name: str
    kind: EntityKind
    slug: str | None
    known: bool
    mentions: tuple[tuple[int, int], ...]
    # Which mentions strategy found the entity (mentions.MENTION_STRATEGIES): "register_alias",
    # "unknown_person", ...; shown to editors as the reason it is there.
    strategy: str = ""


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the body resolved against the publication date.

    "met on Wednesday" in an article of Thursday 28 June 2018 gives
    ``DateMention("Wednesday", 7, 16, "2018-06-27", "day", "weekday")``.
    """

    expression: str
    start: int
    end: int
    date: str
    precision: Precision
    strategy: str  # which named strategy found it, e.g. "explicit", "weekday"
    end_date: str | None = None  # the last day of a range such as "July 11-12"


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote; ``text`` is what stands between the marks."""

    text: str
    start: int
    end: int
    speaker: str | None  # an Entity.name, or None when nobody can be named
    cue: str | None  # the cue verb as a lemma-ish word: "said", "told", "tweeted"
    addressee: str | None = None  # an Entity.name
    date: str | None = None  # when it was said, when the text gives it
    precision: Precision | None = None
    # Which attribution strategy chose the speaker (quotes.ATTRIBUTION_STRATEGIES, then
    # quotes.INHERITANCE_STRATEGIES), or why there is none: "after_quote", "same_paragraph",
    # "transcript_turn", "unattributed"...; shown to editors as the reason for the speaker.
    strategy: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that reports an event, and the date expression as written."""

    start: int
    end: int
    text: str
    expression: str


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening reported by the article."""

    title: str
    kind: str  # "summit", "meeting", "announcement", "call", ... see events.EVENT_KINDS
    date: str
    precision: Precision
    evidence: Evidence
    participants: tuple[str, ...] = ()  # Entity.name values
    place: str | None = None  # an Entity.name of kind place
    end_date: str | None = None
    # Which trigger strategy found the event (events.EVENT_STRATEGIES): "verb_trigger",
    # "noun_trigger", ...; shown to editors as the reason it is there.
    strategy: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A stretch of text extraction refused to read, with the reason (shown to editors)."""

    reason: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one article."""

    document: Document
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    skipped: tuple[Skipped, ...] = field(default=())
