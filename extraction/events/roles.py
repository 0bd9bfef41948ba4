"""Roles of an event: who speaks, who takes part, where it happens.

Entities go to the nearest trigger they can reach: those of a group are its
participants; a place after in/at/to is its place (the city, not the country that
follows it). A verb without a subject borrows one: "he"/"she"/"they", an apposed
subject, or the sentence's subject ("Trump has pushed — inviting Putin...").
"""

from __future__ import annotations

import bisect
import re

from extraction.events import words
from extraction.events.context import (
    Group,
    Mention,
    Mentions,
    Trigger,
    barrier_between,
    entity_right_after,
    entity_right_before,
    gap,
    nearest_person_before,
)
from extraction.events.dating import ATTACH_BARRIER, SATELLITE_REACH

# How far a subject, an object or an owner may stand from its trigger: no slot of a
# clause is wider, and a sentence without punctuation may go on for ever (issue 15).
_NEAR_SUBJECT = 300
_LEAD_PUNCTUATION = re.compile(r"[\s,—–]*")
LOCATIVE = re.compile(r"(?:\b(?:in|at|to|from|aboard|inside|into)\s+(?:the\s+)?)$", re.IGNORECASE)


WITH = re.compile(r"\bwith\s+(?:the\s+)?$", re.IGNORECASE)


_AT_NOUN = re.compile(r"\bat\s+(?:(?:the|a|an|their|his|her)\s+)?(?:[\w’'-]+\s+){0,2}$")


TO = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)


_PRONOUN = re.compile(r"\b(he|she)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)


# "its 2014 annexation", "Russia's 2014 annexation": the annexer is the owner.
_CLAUSE_LEAD = re.compile(r"\W*(?:the\s+)?", re.IGNORECASE)


_THEY = re.compile(r"\bthey\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


# A speaking body without a register name: an organisation noun at the end of the subject
# ("Russia's defence ministry", "the Interfax news agency") or a title in capitals after
# "The" ("The Post", "The Sun") — only before "reported", what publications do.
_BODY_SUBJECT = re.compile(
    r"(?P<body>(?:(?:[Tt]he|[A-Z][\w.-]*['’]s)\s+)?(?:[\w.’'-]+\s+){0,4}?"
    + words.alternation("body_nouns")
    + r")(?:\s+(?:also|later|then|first|again))?\s+$"
)


_PAPER_SUBJECT = re.compile(r"(?P<body>[Tt]he\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})\s+$")


_APPOSED = re.compile(r",\s[^,.;“”\"]{1,70},\s*$")


_INVERTED_CUE = re.compile(r"[,”\"]\s*$")


# Words between a subject and its verb: auxiliaries and adverbs ("Trump is due to meet").
_AUX = "(?:" + words.alternation("auxiliaries") + "|D)"


# A modifier inside a noun phrase: not a preposition, conjunction or article.
_MODIFIER = (
    r"(?:(?!(?:of|in|at|on|for|to|from|with|about|over|by|and|or|but|that|which|who|the|a"
    r"|an|as|after|before|while|when|since|during|into|against|between|D|X)\b)[a-z][\w’'-]*"
    r"|[A-Z][\w.’'-]+|\d[\w-]*|D|X)"
)


_AND_GAP = re.compile(r"\s*(?:,\s*and|and|,|&|[–-])\s*")


# "NATO leaders", "Kremlin officials": the organisation acts through its people.
_PEOPLE_OF = r"(?:\s+" + words.alternation("people_of") + ")?"


_SUBJECT_GAP = re.compile(
    rf"{_PEOPLE_OF}(?:['’]s)?(?:\s*(?:,\s*and|and|,|&)\s*X)*\s*(?:,[^,;]{{1,80}},)?(?:\s*{_AUX}\b)*\s*"
)


# An owner before a noun: "NATO summit", "Trump–Putin summit", "Bolton's first visit".
_OWNER_GAP = re.compile(
    rf"(?:\s*[–-]\s*X)?(?:\s+(?:[A-Z][\w.’'-]+|\d[\w-]*|D))*\s*"
    rf"|['’]s(?:\s+{_MODIFIER}){{0,3}}\s*"
)


_OBJECT_GAP = re.compile(
    r"\s*(?:(?:on|in|last)\s+)?(?:D\s*)?(?:(?:with|by|to)\s+)?(?:the\s+)?(?:D\s*)?"
    r"(?:[A-Z][\w.’'-]*\s+){0,3}"
)


_COMPLEMENT_GAP = re.compile(
    r"\s*(?:D\s*)?(?:(?:in|at)\s+(?:the\s+)?X\s*)?(?:D\s*)?"
    r"(?:with|between|by|of|among|from|to)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}"
)


_HOLDER_VERBS = words.alternation("holder_verbs")


# Who holds a noun happening: "Trump opened the NATO summit", "they held talks".
_HOLDER_GAP = re.compile(
    rf"{_PEOPLE_OF}(?:\s*(?:,\s*and|and|,)\s*X)*\s*(?:,[^,;]{{1,80}},)?(?:\s*{_AUX}\b)*\s+{_HOLDER_VERBS}"
    rf"\s+(?:(?:the|a|an|his|her|their|its|this|another)\s+)?(?:{_MODIFIER}\s+){{0,3}}"
)


_POSSESSIVE_PRONOUN = re.compile(r"\b(?:his|her)\s+(?:[a-z][\w’'-]*\s+){0,2}$")


# A phrase fronted before the clause's subject: "In a March phone call ..., Trump ...".
_FRONTED_PHRASE = re.compile(r"\W*(?:in|at|during|after|before|on)\s+[^,;]{1,120},\s*", re.I)


# A "who" clause, and the main clause after it: "Trump, who is visiting Britain, met May".
_RELATIVE_LEAD = re.compile(r"\s*who\b[^;]{0,100}$")


def speaker_of(body: str, group: Group, mentions: Mentions) -> tuple[str | None, str | None]:
    """Who speaks (and to whom) for a speech verb, tweet or interview in the group."""
    verb = next((t for t in group.triggers if t.speech), None)
    if verb is None:
        if group.head.kind == "interview" or group.head.kind == "statement":
            # "Dan Coats, the director of national intelligence, issued a statement":
            # who issues, gives or makes it.
            holders = [] if group.head.verb else noun_holder(body, group, mentions)
            return (holders[0] if holders else subject_of(body, group, mentions)), None
        return None, None
    quote = mentions.cues.cued_by(verb)
    addressee = None
    if body[verb.start : verb.end].lower() in ("told", "tells"):
        addressee = entity_right_after(body, verb.end, mentions, kinds=("person", "organisation"))
    if quote is not None and quote.speaker:
        return quote.speaker, quote.addressee or addressee
    before = entity_right_before(body, verb.start, mentions) or _apposed_subject(
        body, verb.start, mentions
    )
    if before is not None:
        return before, addressee
    pronoun = _PRONOUN.search(body, max(0, verb.start - 30), verb.start)
    if pronoun is not None:
        return nearest_person_before(body, pronoun.start(), mentions), addressee
    # "..., said Pence." — an inverted cue after a comma or a closing quote mark.
    after = entity_right_after(body, verb.end, mentions, kinds=("person", "organisation"))
    if after is not None and _INVERTED_CUE.search(body, max(0, verb.start - 3), verb.start):
        return after, None
    if _RELATIVE_LEAD.match(body, group.clause[0], verb.start):
        # "Mr Trump, who said on Twitter last week that...": the name the clause hangs on.
        return antecedent_of(body, group.clause[0], mentions), addressee
    return None, None


def owned_mentions(
    body: str,
    group: Group,
    clause_triggers: list[Trigger],
    mentions: Mentions,
) -> list[Mention]:
    """Entity mentions of the clause whose nearest trigger belongs to this group.

    The nearest trigger a mention reaches without a barrier, else the nearest of all. A
    barrier before the nearest trigger on one side bars the farther ones on that side too,
    so only the nearest trigger on each side is tried: one or two looks per mention
    instead of one per trigger (issue 15).
    """
    by_trigger = mentions.owners.get(group.clause)
    if by_trigger is None:
        by_trigger = _nearest_triggers(group.clause, clause_triggers, mentions)
        mentions.owners[group.clause] = by_trigger
    owned = [m for t in group.triggers for m in by_trigger.get(t, ())]
    return sorted(owned, key=lambda m: m[0])


def _nearest_triggers(
    clause: tuple[int, int], clause_triggers: list[Trigger], mentions: Mentions
) -> dict[Trigger, list[Mention]]:
    """Each trigger of a clause with the mentions of the clause it is nearest to (found
    once per clause, not once per group)."""
    start, end = clause
    starts = [t.start for t in clause_triggers]
    by_trigger: dict[Trigger, list[Mention]] = {}
    for m_start, m_end, entity in mentions.between(start, end):
        index = bisect.bisect_left(starts, m_start)
        # The nearest before (by its end) and the nearest at or after the mention.
        before = max(clause_triggers[max(0, index - 3) : index], key=lambda t: t.end, default=None)
        after = clause_triggers[index] if index < len(clause_triggers) else None
        sides = [t for t in (before, after) if t is not None]
        nearest = min(
            sides,
            key=lambda t: (
                barrier_between(mentions, (m_start, m_end), t, ATTACH_BARRIER),
                gap(t.start, t.end, m_start, m_end),
                t.start,
            ),
        )
        by_trigger.setdefault(nearest, []).append((m_start, m_end, entity))
    return by_trigger


def participants_of(
    body: str,
    group: Group,
    owned: list[Mention],
    mentions: Mentions,
) -> list[str]:
    """The doers and the done-to of the group's triggers, not everyone in the clause.

    "Putin hosted Bolton", "talks between Trump and Putin", "Bolton's visit", "announced
    by Rosenstein": names in those slots take part; "questions about Trump" or "the
    pressure on the president" only mention someone.
    """
    names = _slotted(body, group, owned, mentions)
    verb = next((t for t in group.triggers if t.verb), None)
    has_subject = verb is not None and any(
        s < verb.start and e.name in names for s, _end, e in owned
    )
    if verb is not None and not has_subject:
        they = _THEY.search(body, max(group.clause[0], verb.start - 20), verb.start)
        if they is not None:
            # "..., and they spoke by phone in March": the people named before in the sentence.
            # (read back at most _NEAR_SUBJECT characters: a sentence may be endless)
            earlier = mentions.between(
                max(group.sentence[0], they.start() - 2 * _NEAR_SUBJECT), they.start()
            )
            names[:0] = [e.name for _s, _e, e in earlier if e.kind == "person"]
        else:
            subject = subject_of(body, group, mentions)
            if subject is not None:
                names.insert(0, subject)
    elif verb is None:
        holder = noun_holder(body, group, mentions)
        if not holder and (
            group.head.kind == "visit" or _AT_NOUN.search(body, group.clause[0], group.head.start)
        ):
            # "Trump leaves Washington on Tuesday for a week-long trip": the traveller is
            # the clause's subject; so is who speaks or acts "at a joint news conference".
            subject = clause_subject(body, group, mentions)
            holder = [subject] if subject else []
        if holder:
            names[:0] = [n for n in holder if n not in names]
    return list(dict.fromkeys(names))


def _slotted(
    body: str,
    group: Group,
    owned: list[Mention],
    mentions: Mentions,
) -> list[str]:
    """Owned people and organisations that stand in a slot of one of the group's triggers."""
    actors = [(s, e, entity) for s, e, entity in owned if entity.kind != "place"]
    # An organisation named after in/at/to is a venue ("to the White House", "in the
    # Kremlin"); it takes part only when no one else does.
    venues = {
        entity.name
        for s, _e, entity in actors
        if entity.kind == "organisation" and LOCATIVE.search(body, max(0, s - 12), s)
    }
    slotted: list[Mention] = []
    for start, end, entity in actors:
        # The head and the verbs of the group have slots; a noun that only refines the
        # kind does not lend its owner ("a White House visit when he called Putin").
        slotting = [t for t in group.triggers if t is group.head or t.verb]
        if any(_in_slot(body, start, end, t, mentions) for t in slotting):
            slotted.append((start, end, entity))
    # A name joined by "and" to one in a slot is in it too: "Trump and Putin will meet".
    for start, end, entity in actors:
        if (start, end, entity) in slotted:
            continue
        for s2, e2, _other in slotted:
            gap = body[end:s2] if end <= s2 else body[e2:start]
            if _AND_GAP.fullmatch(gap):
                slotted.append((start, end, entity))
                break
    names = [e.name for _s, _e, e in sorted(slotted, key=lambda m: m[0])]
    people = [n for n in names if n not in venues]
    return people if people else names


def _in_slot(body: str, start: int, end: int, trigger: Trigger, mentions: Mentions) -> bool:
    """A name in the subject, object, owner or complement slot of a trigger."""
    if gap(start, end, trigger.start, trigger.end) > _NEAR_SUBJECT:
        return False  # no slot is that wide
    if end <= trigger.start:
        between = mentions.masked(body, end, trigger.start)
        if trigger.verb:
            return _SUBJECT_GAP.fullmatch(between) is not None
        return _OWNER_GAP.fullmatch(between) is not None
    if start >= trigger.end:
        between = mentions.masked(body, trigger.end, start)
        if trigger.verb:
            return _OBJECT_GAP.fullmatch(between) is not None
        return _COMPLEMENT_GAP.fullmatch(between) is not None
    return False


def noun_holder(body: str, group: Group, mentions: Mentions) -> list[str]:
    """Who holds, opens or attends a noun happening, or owns it through "his"/"her".

    "Trump opened the NATO summit", "Clinton and Yeltsin held a summit", "his meeting
    with Putin"; "In a March phone call ..., Trump suggested a visit" (the caller is the
    subject after the fronted phrase).
    """
    head = group.head
    clause_start = group.clause[0]
    window = mentions.between(max(clause_start, head.start - 120), head.start)
    for index in range(len(window) - 1, -1, -1):
        start, end, entity = window[index]
        if entity.kind == "place" or end > head.start:
            continue
        if _HOLDER_GAP.fullmatch(mentions.masked(body, end, head.start)):
            # "Bill Clinton and Boris Yeltsin held a summit": the pair holds it.
            pair = [entity.name]
            while index > 0 and _AND_GAP.fullmatch(body, window[index - 1][1], start):
                index -= 1
                start = window[index][0]
                pair.insert(0, window[index][2].name)
            return pair
    pronoun = _POSSESSIVE_PRONOUN.search(body, max(clause_start, head.start - 40), head.start)
    if pronoun is not None:
        person = nearest_person_before(body, pronoun.start(), mentions)
        return [person] if person else []
    if _RELATIVE_LEAD.match(body, clause_start, head.start):
        # "Bolton, who prepared the meeting during a visit to Putin": the visitor is Bolton.
        antecedent = antecedent_of(body, clause_start, mentions)
        return [antecedent] if antecedent else []
    fronted = _FRONTED_PHRASE.match(body, clause_start, head.start + 200)
    if fronted is not None and fronted.end() > head.end:
        for _start, _end, entity in mentions.between(fronted.end(), fronted.end() + 40):
            if entity.kind != "place":
                return [entity.name]
    return []


def subject_of(body: str, group: Group, mentions: Mentions) -> str | None:
    """The doer of a verb with no named subject next to it, or None when it has none.

    Tried in order: "he"/"she" before the verb; a name right before it; the clause's
    leading name kept apart by an apposition ("Dan Coats, the director of national
    intelligence, issued a statement"); the name a "who" clause hangs on ("Niinistö, who
    visited Trump"); the sentence's subject for a participle ("Trump has pushed for better
    ties — inviting Putin to the White House"). A subject that is not a name ("a federal
    grand jury had indicted") leaves the verb without one.
    """
    head = next((t for t in group.triggers if t.verb), group.head)
    pronoun = _PRONOUN.search(body, max(group.clause[0], head.start - 30), head.start)
    if pronoun is not None:
        return nearest_person_before(body, pronoun.start(), mentions)
    before = entity_right_before(body, head.start, mentions)
    if before is not None:
        return before
    lead = mentions.first_between(group.clause[0], head.start, ("person", "organisation"))
    if (
        lead is not None
        and _CLAUSE_LEAD.fullmatch(body, group.clause[0], lead[0])
        and head.start - lead[1] <= _NEAR_SUBJECT
        and _SUBJECT_GAP.fullmatch(mentions.masked(body, lead[1], head.start))
    ):
        return lead[2].name
    if _RELATIVE_LEAD.match(body, group.clause[0], head.start):
        return antecedent_of(body, group.clause[0], mentions)
    text = body[head.start : head.end].lower()
    if text.endswith("ing") and _LEAD_PUNCTUATION.fullmatch(body, group.clause[0], head.start):
        earlier = mentions.first_between(
            group.sentence[0], group.clause[0], ("person", "organisation")
        )
        return earlier[2].name if earlier else None
    return None


def clause_subject(body: str, group: Group, mentions: Mentions) -> str | None:
    """The name a clause opens with ("Trump leaves Washington..."), if it opens with one."""
    lead = mentions.first_between(group.clause[0], group.head.start)
    if (
        lead is not None
        and lead[2].kind != "place"
        and _CLAUSE_LEAD.fullmatch(body, group.clause[0], lead[0])
    ):
        return lead[2].name
    return None


def antecedent_of(body: str, clause_start: int, mentions: Mentions) -> str | None:
    """The name a "who" clause hangs on: "Niinistö, who visited Trump" -> Niinistö."""
    comma = body.rfind(",", max(0, clause_start - 3), clause_start + 1)
    return entity_right_before(body, comma if comma >= 0 else clause_start, mentions)


def place_of(body: str, group: Group, owned: list[Mention], mentions: Mentions) -> str | None:
    """The first place introduced by in/at/to (or visited) — the city before its country."""
    visit_verbs = [t for t in group.triggers if t.kind == "visit" and t.verb]
    candidates: list[Mention] = []
    for start, end, entity in owned:
        if entity.kind != "place":
            continue
        introduced = LOCATIVE.search(body, max(0, start - 12), start) is not None
        visited = any(0 <= start - t.end <= 2 for t in visit_verbs)
        # "said last week that the president would have tea ... in Britain": a place in
        # what was said is not where it was said.
        reported = barrier_between(mentions, (start, end), group.head, ATTACH_BARRIER)
        # "opened the NATO summit ... with an attack on Germany, telling ... gas from Russia":
        # a place far from every trigger of the group, or across a comma, is not its place.
        near = any(
            gap(t.start, t.end, start, end) <= SATELLITE_REACH
            and not barrier_between(mentions, (start, end), t, ATTACH_BARRIER)
            for t in group.triggers
        )
        if group.head.speech or group.head.kind == "statement":
            # "said on Thursday in statements released ... in Washington": only a place
            # right after the saying is where it was said.
            near = any(0 <= start - t.end <= 20 for t in group.triggers)
        if (introduced or visited) and near and not (group.head.speech and reported):
            candidates.append((start, end, entity))
    if not candidates:
        return None
    head = group.head
    # "travelling to Finland for his meeting with Putin in Helsinki": the meeting's place
    # is the one after it.
    return min(
        candidates,
        key=lambda m: (
            not head.verb and m[0] < head.start,
            gap(head.start, head.end, m[0], m[1]),
        ),
    )[2].name


def unnamed_body(body: str, clause_start: int, verb_start: int) -> str | None:
    """A speaking body the register has no name for, as the subject right before a speech
    verb: "Russia's defence ministry said", "The state-run RIA Novosti news agency
    reported", "The Post reported". People without a name ("officials said") are no body.

    >>> unnamed_body("Russia's defence ministry said last week that...", 0, 26)
    "Russia's defence ministry"
    >>> unnamed_body("Officials said on Monday that...", 0, 10) is None
    True
    """
    lo = max(clause_start, verb_start - 80)
    match = _BODY_SUBJECT.search(body, lo, verb_start)
    if match is None and body.startswith("reported", verb_start):
        match = _PAPER_SUBJECT.search(body, lo, verb_start)
    if match is None or _CLAUSE_LEAD.fullmatch(body, clause_start, match.start()) is None:
        return None
    phrase = " ".join(match.group("body").split())
    return phrase.removeprefix("The ").removeprefix("the ")


def _apposed_subject(body: str, offset: int, mentions: Mentions) -> str | None:
    """The subject before an apposition: "Chuck Schumer, the Senate's Democratic leader, said"."""
    match = _APPOSED.search(body, max(0, offset - 80), offset)
    if match is None:
        return None
    return entity_right_before(body, match.start(), mentions)


def annexed(group: Group, owned: list[Mention]) -> str | None:
    """The territory of an annexation: the first place after the trigger ("of Crimea")."""
    trigger = next(t for t in group.triggers if t.kind == "annexation")
    return next((e.name for s, _e, e in owned if e.kind == "place" and s > trigger.end), None)
