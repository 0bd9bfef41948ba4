"""Titles of events: who did what, from the trigger and its arguments.

A kind's title is the first of its templates (TITLE_TEMPLATES) whose parts the text
gives: "Trump–Putin summit in Helsinki", "Putin hosts Bolton", "Indictment of 12
officers". None when the text gives none of them, so that no event is called just
"Summit".
"""

from __future__ import annotations

import re

from extraction.events import words
from extraction.events.context import Group, Mention, Mentions
from extraction.events.dating import named_by_year
from extraction.events.roles import LOCATIVE, TO, WITH, annexed
from extraction.events.words import EVENT_KINDS, OTHER_TITLES

_PHRASE_STOP = words.words("phrase_stop")
_DETERMINERS = words.words("determiners")

# --- titles ---
# What stands before a noun that is only the topic or purpose of another verb.
TOPIC_LEAD = re.compile(
    r"\b(?:for|about|over|toward|towards|ahead\s+of|before|after)\s+(?:(?:a|an|the)\s+)?"
    r"(?:[\w’'-]+\s+)?$",
    re.IGNORECASE,
)


_PLAIN_SUBJECT = re.compile(r"(?:[\w’'.-]+\s+){1,4}?$")


_TITLE_WORDS = 8


_LABELS: dict[str, str] = words.LABELS


_VENUE = re.compile(r"\s+((?:at|in)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})")


_PHRASE = (
    r"((?:(?:the|a|an)\s+)?(?!(?:on|in|at|for|with|by|the|a|an|of|to|from|during|over|last"
    r"|next|this|D)\b)(?:\w[\w’'.-]*\s+){0,5}?\w[\w’'.-]*)"
    r"(?=\s*(?:[,;.]|\b(?:on|in|at|for|with|by|during|over|from|to|after|before|who|that"
    r"|which|and|D)\b|$))"
)


_VERB_OBJECT = re.compile(rf"\s*(?:D\s*)?{_PHRASE}")


_NOUN_OBJECT = re.compile(rf"\s*(?:(?:on|in|last)\s+)?(?:D\s*)?(?P<prep>of|against|on)\s+{_PHRASE}")


_TRAILING_AUX = re.compile(r"(?:\s+(?:were|was|been|had|has|have|being|is|are|be))+\s*$")


_TRAILING_APPOSITION = re.compile(r",\s[^,]{1,60},\s*$")


_POSSESSIVE = re.compile(r"(?:\b(?:its|their)|['’]s)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def title(parts: TitleParts) -> str | None:
    """A short readable title built from the parts: "Trump–Putin summit in Helsinki".

    Who (participants, an owner such as "NATO"), what (the kind, or the object of an
    indictment or an announcement) and where; None when the text gives none of them,
    so that no event is called just "Summit". At most ``_TITLE_WORDS`` words.
    """
    title = next((t for t in map(parts.fill, _templates(parts.kind)) if t is not None), None)
    place = parts.get("place")
    if title is None:
        return None
    if len(title.split()) > _TITLE_WORDS and place and title.endswith(f" in {place}"):
        title = title.removesuffix(f" in {place}")
    if len(title.split()) > _TITLE_WORDS and " of " in title:
        # "Indictment of twelve officers of Russia's military intelligence agency"
        head, _of, _rest = title.rpartition(" of ")
        title = head if len(head.split()) >= 2 else title
    return " ".join(title.split()[:_TITLE_WORDS])


# --- the title of each kind: templates tried in order ------------------------------------
#
# A template is used when every field it names outside square brackets has a value; a
# bracketed part is left out when one of its fields has none. "..." continues with the
# templates every kind shares (GENERIC). The fields are computed from the event's parts
# by the functions of TitleParts below, each only when a template asks for it.
GENERIC = (
    "{owner} {label}[ in {place}]",
    "{Label} with {with_first}[ in {place}]",
    "{dash_names} {label}[ in {place}]",
    "{Label} in {place}",
    "{Label} {venue}",
    "{Label} of {of_phrase}",
)
TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "annexation": ("{annexer} annexes {annexed}", "Annexation of {annexed}", "Annexation"),
    "other": ("{and_names} {noun_lower}[ {other_venue}]", "{noun} {other_venue}"),
    "announcement": (
        "{and_names} {announces} {announced}",
        "{and_names} announcement",
        "Announcement of {announced}",
    ),
    "statement": ("{first} statement to {rest}", "{first} statement"),
    "interview": ("{first} interview with {rest}", "{first} interview"),
    "tweet": ("{first} tweet",),
    "visit": (
        "{first} visits {rest}[ in {place}]",
        "Visit to {to_first}",
        "{first} visits {target}",
        "{first} visit",
        "Visit to {target}",
    ),
    "invitation": ("{first} invites {rest}", "..."),
    "indictment": ("{first} indicts {accused}", "Indictment of {accused}", "..."),
    "sanctions": ("{dash_names} sanctions on {accused}", "Sanctions on {accused}", "..."),
    "meeting": (
        "{first} meets {met}[ in {place}]",
        "Meeting with {met_one}[ in {place}]",
        "{first} meets {met_phrase}",
        "...",
    ),
    "election": ("{first} {word}[ in {place}]", "{year_name}", "{Word} in {place}"),
}
_FIELD = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"\[([^\]]*)\]")


def _templates(kind: str) -> tuple[str, ...]:
    own = TITLE_TEMPLATES.get(kind, ("...",))
    return tuple(t for template in own for t in (GENERIC if template == "..." else (template,)))


def _fill(parts: TitleParts, template: str) -> str | None:
    """The template with its fields filled, or None when a required one has no value."""

    def optional(match: re.Match[str]) -> str:
        inner = match.group(1)
        values = [parts.get(name) for name in _FIELD.findall(inner)]
        return _FIELD.sub(lambda m: parts.get(m.group(1)), inner) if all(values) else ""

    required = _OPTIONAL.sub("", template)
    if not all(parts.get(name) for name in _FIELD.findall(required)):
        return None
    return _FIELD.sub(lambda m: parts.get(m.group(1)), _OPTIONAL.sub(optional, template))


class TitleParts:
    """The fields a title template may name, each computed once when first asked for."""

    def __init__(
        self,
        body: str,
        kind: str,
        group: Group,
        participants: list[str],
        place: str | None,
        owned: list[Mention],
        mentions: Mentions,
    ) -> None:
        self.body, self.kind, self.group = body, kind, group
        self.participants, self.owned, self.mentions = participants, owned, mentions
        self.names = [mentions.short.get(name, name) for name in participants]
        self._values: dict[str, str] = {"place": place or ""}

    def fill(self, template: str) -> str | None:
        return _fill(self, template)

    def get(self, name: str) -> str:
        if name not in self._values:
            self._values[name] = getattr(self, f"_{name}")() or ""
        return self._values[name]

    # who
    def _first(self) -> str | None:
        return self.names[0] if self.names else None

    def _rest(self) -> str:
        return " and ".join(self.names[1:])

    def _and_names(self) -> str:
        return " and ".join(self.names)

    def _dash_names(self) -> str:
        return "–".join(self.names)

    def _owner(self) -> str | None:
        owner = _owner(self.body, self.group, self.owned)
        return self.mentions.short.get(owner, owner) if owner else None

    def _with_first(self) -> str | None:
        one = len(self.names) == 1
        if one and _introduced_by(self.body, self.participants[0], self.owned, WITH):
            return self.names[0]
        return None

    def _to_first(self) -> str | None:
        if self.names and _introduced_by(self.body, self.participants[0], self.owned, TO):
            return self.names[0]
        return None

    # what
    def _label(self) -> str:
        return _LABELS.get(self.kind, self.kind)

    def _Label(self) -> str:  # the capitalised field of the templates
        return self.get("label").capitalize()

    def _word(self) -> str:
        return self.body[self.group.head.start : self.group.head.end].lower()

    def _Word(self) -> str:
        return self.get("word").capitalize()

    def _noun(self) -> str:
        word = self.get("word")
        return next((n for stem, n in OTHER_TITLES if word.startswith(stem)), word.capitalize())

    def _noun_lower(self) -> str:
        return self.get("noun").lower()

    def _announces(self) -> str:
        return "announce" if len(self.names) > 1 else "announces"

    def _announced(self) -> str | None:
        return _announced_object(self.body, self.group, self.mentions)

    def _accused(self) -> str | None:
        return _object_phrase(self.body, self.group, self.mentions)

    def _year_name(self) -> str | None:
        if not named_by_year(self.body, self.group):
            return None
        year = next(d for d in self.group.dates if d.precision == "year")
        return " ".join(self.body[year.start : self.group.head.end].split())

    def _annexed(self) -> str | None:
        return annexed(self.group, self.owned)

    def _annexer(self) -> str | None:
        return _annexer(self.body, self.group, self.mentions, self.get("annexed"))

    def _met(self) -> str | None:
        return self.get("rest") if self.get("owner") == "" else None

    def _met_one(self) -> str | None:
        head = self.group.head
        if len(self.names) != 1 or not head.verb:
            return None
        mention = next((s for s, _e, e in self.owned if e.name == self.participants[0]), -1)
        return self.names[0] if mention > head.end else None  # "met Prime Minister May"

    def _met_phrase(self) -> str | None:
        head, body = self.group.head, self.body
        if len(self.names) != 1 or not head.verb or self.get("met_one"):
            return None
        obj = _VERB_OBJECT.match(self.mentions.masked(body, head.end, head.end + 60))
        if obj is None or "D" in obj.group(1).split():
            return None
        # "meet members of Congress"
        return _read_back(body, head.end + obj.start(1), head.end + obj.end(1), self.mentions)

    # where
    def _venue(self) -> str | None:
        return _venue(self.body, self.group, self.owned, self.mentions)

    def _other_venue(self) -> str | None:
        place = self.get("place")
        return f"in {place}" if place else self.get("venue")

    def _target(self) -> str | None:
        target = self.get("place") or self.get("venue")
        return target.removeprefix("at ").removeprefix("in ")

    def _of_phrase(self) -> str | None:
        """ "an unscheduled meeting of the alliance's leaders" """
        head, body = self.group.head, self.body
        if head.verb:
            return None
        match = _NOUN_OBJECT.match(self.mentions.masked(body, head.end, head.end + 60))
        if match is None or match.group("prep") != "of":
            return None
        last = match.lastindex or 0
        phrase = _read_back(
            body, head.end + match.start(last), head.end + match.end(last), self.mentions
        )
        if "D" not in match.group(last).split() and len(phrase.split()) <= 5:
            return phrase
        return None


def plain_title(body: str, group: Group) -> str:
    """A title from the words themselves when no name is around: a noun with the words
    that modify it ("telephone conversation", "working lunch"), a verb with the few
    words of its subject ("the 29 allies adopted").

    >>> body = "The allies adopted a declaration on Wednesday."
    >>> plain_title(body, Group(Trigger(11, 18, "other", True, False), []))
    'The allies adopted'
    """
    head = group.head
    lo = group.clause[0] if group.clause else 0
    if head.verb:
        before = _PLAIN_SUBJECT.search(body, max(lo, head.start - 200), head.start)
        words = [*(before[0].split() if before else []), body[head.start : head.end]]
    else:
        words = [body[head.start : head.end]]
        if words[0].lower() in EVENT_KINDS or words[0].lower() in _LABELS.values():
            # A bare kind word names nothing: say when ("Summit of March 20").
            first, last = group.dates[0], group.dates[-1]
            words += ["of", body[first.start : last.end].removeprefix("on ")]
    title = " ".join(" ".join(words).split()[-_TITLE_WORDS:])
    return title[:1].upper() + title[1:]


def _venue(body: str, group: Group, owned: list[Mention], mentions: Mentions) -> str | None:
    """Where, when no place entity says it: "at Chequers", "to the Kremlin"."""
    for start, _end, entity in owned:
        if entity.kind == "organisation" and LOCATIVE.search(body, max(0, start - 12), start):
            return "at " + mentions.short.get(entity.name, entity.name)
    for trigger in group.triggers:
        match = _VENUE.match(body, trigger.end)
        if match is not None:
            return match.group(1)
    return None


def _object_phrase(body: str, group: Group, mentions: Mentions) -> str | None:
    """Who or what an indictment or sanctions are against, as a short noun phrase.

    "indicted 12 Russian military intelligence officers on charges" and "the indictment
    on Friday of 12 Russian officers" give the phrase after the trigger; "Twelve officers
    of the GRU were indicted" and "the 12 officers indicted last Friday" the one before.
    """
    for trigger in sorted(group.triggers, key=lambda t: t is not group.head):
        if trigger.kind not in ("indictment", "sanctions"):
            continue
        stop = min(len(body), trigger.end + 90)
        # "imposed sanctions on Russia" reads like the noun: the object follows "on".
        noun_like = not trigger.verb or body[trigger.end - 9 : trigger.end].lower() == "sanctions"
        start = trigger.end
        if trigger.kind == "sanctions" and not body[trigger.start : trigger.end].lower().startswith(
            ("sanction", "imposed sanctions")
        ):
            # "extended its economic sanctions against Russia": the object follows the noun.
            found = body.lower().find("sanctions", trigger.end, stop)
            start, noun_like = (found + len("sanctions"), True) if found >= 0 else (start, False)
        pattern = _NOUN_OBJECT if noun_like else _VERB_OBJECT
        match = pattern.match(mentions.masked(body, start, stop))
        word = body[trigger.start : trigger.end].lower()
        if (
            match is not None
            and word.startswith("charge")
            and pattern is _NOUN_OBJECT
            and match.group("prep") != "against"
        ):
            match = None  # "charges of hacking" names the crime, not the accused
        last = match.lastindex if match is not None else None
        if match is not None and last is not None and "D" not in match.group(last).split():
            # The mask keeps offsets, so the phrase is read back from the body.
            phrase = _read_back(body, start + match.start(last), start + match.end(last), mentions)
            if len(phrase.split()) <= 6:
                return phrase
        if trigger.verb and start == trigger.end:
            phrase = _phrase_before(
                body, max(group.clause[0], trigger.start - 90), trigger.start, mentions
            )
            if phrase:
                return phrase
    return None


def _read_back(body: str, start: int, end: int, mentions: Mentions) -> str:
    """The body's words for a stretch found in the mask, to the end of a name that closes
    it (a masked name is a one-letter "X" followed by spaces), without a full stop."""
    for _s, name_end, _entity in mentions.between(end - 1, end):
        end = max(end, name_end)
    phrase = body[start:end]
    last = phrase.rsplit(maxsplit=1)[-1] if phrase.strip() else ""
    if last.endswith(".") and "." not in last[:-1]:
        phrase = phrase[:-1]  # "officers." but not "U.S."
    return phrase


def _phrase_before(body: str, start: int, end: int, mentions: Mentions) -> str | None:
    """The noun phrase that ends right before a passive or participle verb.

    "Twelve officers of the GRU were indicted" -> "Twelve officers of the GRU"; a date
    ends the phrase ("the Justice Department on Friday charged" has none).
    """
    masked = mentions.masked(body, start, end)
    text = _TRAILING_AUX.sub("", masked)
    text = _TRAILING_APPOSITION.sub("", text).rstrip(" ,")
    # The text model's tokens, names as "X" and dates as "D", joined into the runs that
    # touch ("officers.", "X’s"): a run that ends in a comma or opens with a quote mark
    # ends the phrase.
    chunks: list[list] = []
    for w_start, w_end, word in mentions.masked_words(start, start + len(text)):
        if chunks and chunks[-1][1] == w_start:
            chunks[-1][1], chunks[-1][2] = w_end, chunks[-1][2] + word
        else:
            chunks.append([w_start, w_end, word])
    words: list[tuple[int, int]] = []
    for w_start, w_end, word in reversed(chunks):
        bare = word.strip(",;:").lower()
        if (
            word.endswith((",", ";", ":"))
            or bare in _PHRASE_STOP
            or word == "D"
            or not (word[:1].isalnum() or word in ("'s", "’s"))
        ):
            break
        words.append((w_start - start, w_end - start))
        if len(words) >= 8:
            break
    words.reverse()
    # A masked name is one "X" in the mask: read the words back from the body's stretch,
    # to the end of a name that closes the phrase.
    if not words:
        return None
    texts = _read_back(body, start + words[0][0], start + words[-1][1], mentions).split()
    while texts and (texts[0].lower() in _DETERMINERS or texts[0] in ("'s", "’s")):
        texts.pop(0)
    if len(texts) > 6 and "of" in texts:
        texts = texts[: texts.index("of")]
    if not texts or len(texts) > 6 or not any(w[:1].isalnum() for w in texts):
        return None
    return " ".join(texts)


def _owner(body: str, group: Group, owned: list[Mention]) -> str | None:
    """An organisation named right before a noun trigger: "a Group of Seven meeting"."""
    if group.head.verb:
        return None
    for _start, end, entity in owned:
        if (
            entity.kind == "organisation"
            and end <= group.head.start
            and not body[end : group.head.start].strip(" ’'s")
        ):
            return entity.name
    return None


def _introduced_by(body: str, name: str, owned: list[Mention], word: re.Pattern[str]) -> bool:
    return any(
        e.name == name and word.search(body, max(0, s - 10), s) is not None for s, _e, e in owned
    )


def _announced_object(body: str, group: Group, mentions: Mentions) -> str | None:
    """What an announcement announces: another trigger ("announced the meeting") or the
    phrase before a participle ("The indictment of 12 officers, announced on Friday")."""
    verb = next((t for t in group.triggers if t.kind == "announcement" and t.verb), None)
    nouns = [
        t for t in group.triggers if t.kind not in ("announcement", "statement") and not t.verb
    ]
    if verb is not None:
        # "the approach to that meeting was complicated when Rosenstein announced charges":
        # what follows the verb is what it announces.
        nouns.sort(key=lambda t: (t.start < verb.start, abs(t.start - verb.end)))
    for trigger in nouns:
        return f"the {body[trigger.start : trigger.end].lower()}"
    if verb is not None and body[verb.start : verb.end].lower() == "announced":
        lead = body.rfind(",", max(group.sentence[0], verb.start - 4), verb.start)
        if lead >= 0:
            return _phrase_before(body, max(group.sentence[0], lead - 90), lead, mentions)
    return None


def _annexer(body: str, group: Group, mentions: Mentions, annexed: str) -> str | None:
    """Who annexes: the owner before the trigger ("Russia's 2014 annexation of Crimea")."""
    trigger = next(t for t in group.triggers if t.kind == "annexation")
    possessive = _POSSESSIVE.search(body, max(0, trigger.start - 30), trigger.start)
    before = [
        e
        for _s, end, e in mentions.between(
            max(group.sentence[0], trigger.start - 300), trigger.start
        )
        if end <= trigger.start and e.name != annexed
    ]
    if before and possessive is not None:
        return mentions.short.get(before[-1].name, before[-1].name)
    return None
