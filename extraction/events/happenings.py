"""From a group of triggers and dates to an event: its kind, roles, date and title."""

from __future__ import annotations

import bisect
import re

from extraction.events import titles
from extraction.events.context import Group, Mentions, Trigger, entity_right_before
from extraction.events.dating import named_by_year
from extraction.events.roles import (
    LOCATIVE,
    WITH,
    annexed,
    noun_holder,
    owned_mentions,
    participants_of,
    place_of,
    speaker_of,
    unnamed_body,
)
from extraction.events.titles import TOPIC_LEAD
from extraction.events.words import KIND_RANK, LEDE_KINDS, QUOTED_STATEMENT_RANK, SPEECH_FORMS
from extraction.results import DateMention, Event, Evidence

# A summit named as the setting of an encounter, and the encounter before it in the sentence.
_SETTING_LEAD = re.compile(
    r"\b(?:sidelines\s+of|during)\s+(?:(?:a|an|the|their)\s+)?(?:[\w’'-]+\s+){0,2}$"
)
_ENCOUNTER = re.compile(r"\b(?:met|meet(?:s|ing)?|talks|conversations?|spoke)\b", re.IGNORECASE)
# How far after "announced" the charges or sanctions it announces may stand.
_ACT_REACH = 100
_DEFINITE = re.compile(r"(?:\b(?:the|that|this)|['’]s)\s+(?:\S+\s+)?$", re.IGNORECASE)
# A noun that is a topic of another verb: "damage from an interview", "ahead of the summit".
_TOPIC_BEFORE = re.compile(
    r"\b(?:about|over|from|into|toward|towards|regarding|ahead\s+of|before|after|for|on"
    r"|against)"
    r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)


def event_of(
    body: str,
    group: Group,
    clause_triggers: list[Trigger],
    mentions: Mentions,
    strategy: str,
) -> Event | None:
    kind = _refined_kind(body, group, _group_kind(group, mentions), clause_triggers, mentions)
    speaker, addressee = speaker_of(body, group, mentions)
    speaking_body = None
    if speaker is None and kind in ("statement", "tweet"):
        verb = next((t for t in group.triggers if t.speech), None)
        if verb is not None:
            speaking_body = unnamed_body(body, group.clause[0], verb.start)
        if group.head.speech and speaking_body is None:
            return None  # "officials said on Monday": nobody to attribute the statement to
    owned = owned_mentions(body, group, clause_triggers, mentions)
    place = (
        annexed(group, owned) if kind == "annexation" else place_of(body, group, owned, mentions)
    )
    if kind in ("statement", "tweet", "interview"):
        participants = [name for name in (speaker, addressee) if name]
        if kind == "interview":
            participants += [
                e.name
                for s, _e, e in owned
                if e.kind != "place" and WITH.search(body, max(0, s - 12), s)
            ]
    elif kind == "election":
        # People near an election are candidates, voters or investigators; only an owner
        # ("Putin's re-election") is the election's. An election named by its year ("the
        # 2016 election") is titled by that name: "2016 U.S. presidential election".
        owner = entity_right_before(body, group.head.start, mentions, possessive=True)
        holders = [] if named_by_year(body, group) else noun_holder(body, group, mentions)
        participants = [owner] if owner else holders[:1]
    else:
        participants = participants_of(body, group, owned, mentions)
        if speaker and speaker not in participants and group.head.speech:
            participants.insert(0, speaker)
    participants = list(dict.fromkeys(participants))
    first, last = group.dates[0], group.dates[-1]
    date, precision = first.date, first.precision
    end_date = first.end_date
    if last is not first and last.date > first.date:
        end_date = last.date
    expression = body[first.start : last.end]
    sentence_start, sentence_end = group.sentence
    evidence = Evidence(
        start=sentence_start,
        end=sentence_end,
        text=body[sentence_start:sentence_end],
        expression=expression,
    )
    title = titles.title(titles.TitleParts(body, kind, group, participants, place, owned, mentions))
    if title is None and speaking_body is not None:
        label = "tweet" if kind == "tweet" else "statement"
        title = f"{speaking_body[:1].upper()}{speaking_body[1:]} {label}"
    if title is None:
        # Nobody, nowhere and nothing to name it by: "the meeting opened on Wednesday" may
        # name the happening told before it (see _resolve_vague); anything else is too vague.
        # A happening with its own date and trigger but no name around it ("a telephone
        # conversation on March 20, held at the American side's initiative") is still
        # dated news: it is titled by its kind. Not a bare speech verb: "said on Monday"
        # with nobody to say it is no event.
        lead = max(0, group.head.start - 16)
        if not group.head.verb and _DEFINITE.search(body, lead, group.head.start):
            title = ""
        elif group.head.speech or kind in ("election", "tweet"):
            return None
        elif not group.head.verb and TOPIC_LEAD.search(body, lead, group.head.start):
            return None  # "Aides prepared for a summit on Monday": a topic, not a report
        else:
            title = titles.plain_title(body, group)
    return Event(
        title=title,
        kind=kind,
        date=date,
        precision=precision,
        evidence=evidence,
        participants=tuple(participants),
        place=place,
        end_date=end_date,
        strategy=strategy,
    )


def _group_kind(group: Group, mentions: Mentions) -> str:
    """The kind of a group: a speech head stays a statement unless said in an interview,
    a tweet, a call or a press conference; otherwise the highest-ranked trigger wins.

    What a speaker talks about ("called on Trump on Friday to cancel the meeting") is not
    the happening; a quote's cue outranks a meeting it was said at ("…,” Putin told Bolton
    at the opening of their meeting Wednesday").
    """
    if group.head.speech:
        forms = [t.kind for t in group.satellites if t.kind in SPEECH_FORMS]
        return forms[0] if forms else group.head.kind

    def rank(trigger: Trigger) -> float:
        if trigger.speech:
            cue = mentions.cues.cued_by(trigger) is not None
            return QUOTED_STATEMENT_RANK if cue else KIND_RANK["statement"]
        return KIND_RANK[trigger.kind]

    return max(group.triggers, key=rank).kind


def _refined_kind(
    body: str, group: Group, kind: str, clause_triggers: list[Trigger], mentions: Mentions
) -> str:
    """Two corrections to the ranked kind, for what the words around it say.

    An announcement of charges or sanctions is the legal act itself ("Rosenstein
    announced on Friday that 12 officers had been charged" is an indictment), not news of
    a meeting ("announced the summit" stays an announcement). A summit named as the
    setting of another encounter ("met on the sidelines of the G20 summit in July 2017",
    "a brief conversation during the APEC summit") is a meeting of those who met there.
    """
    if kind == "announcement":
        verb = next((t for t in group.triggers if t.kind == "announcement"), group.head)
        after = bisect.bisect_left(clause_triggers, verb.end, key=lambda t: t.start)
        act = next(
            (
                t
                for t in clause_triggers[after : after + 12]
                if t.kind in ("indictment", "sanctions")
                and 0 <= t.start - verb.end <= _ACT_REACH
                and mentions.same_sentence(verb.end, t.start)
            ),
            None,
        )
        if act is not None:
            if act not in group.triggers:
                group.satellites.append(act)  # its object names the title
            return act.kind
    if kind == "summit" and not group.head.verb and group.head.kind == "summit":
        lead = body[max(group.sentence[0], group.head.start - 60) : group.head.start]
        if _SETTING_LEAD.search(lead) and _ENCOUNTER.search(
            body, max(group.sentence[0], group.head.start - 400), group.head.start
        ):
            return "meeting"
    return kind


def lede_event(
    body: str,
    sentence: tuple[int, int],
    dates: list[DateMention],
    triggers: list[Trigger],
    mentions: Mentions,
    events: list[Event],
) -> Event | None:
    """The happening of the article's first sentence when no trigger is near its date.

    A news lede dates its main happening even when the noun that names it comes late:
    "Trump stood beside Putin on Monday and declined ..., at the end of a summit in the
    Finnish capital". The date is the lede's first; the happening is its highest-ranked
    meeting-like noun that is not a topic ("damage from an interview"); the people named
    before the date are its participants.
    """
    start, end = sentence
    date = next((d for d in dates if start <= d.start < end), None)
    if date is None or date.precision != "day":
        return None
    if any(e.evidence.start == start and e.evidence.expression == date.expression for e in events):
        return None  # the lede's date already dates a happening
    nouns = [
        t
        for t in triggers
        if date.end <= t.start < end
        and t.start - date.end <= 250
        and not t.verb
        and t.kind in LEDE_KINDS
        and not _TOPIC_BEFORE.search(body, max(start, t.start - 30), t.start)
    ]
    if not nouns:
        return None
    head = nouns[0]  # the nearest after the date
    group = Group(head, [date], clause=(start, end), sentence=(start, end))
    actors = [
        (s, e, entity)
        for s, e, entity in mentions.between(start, date.start)
        if entity.kind != "place" and not LOCATIVE.search(body, max(0, s - 12), s)
    ]
    participants = list(dict.fromkeys(entity.name for _s, _e, entity in actors))
    owned = [m for m in mentions.between(start, end) if m[2].kind == "place" and m[0] > head.end]
    place = place_of(body, group, owned, mentions)
    title = titles.title(
        titles.TitleParts(body, head.kind, group, participants, place, actors + owned, mentions)
    )
    if title is None:
        return None
    return Event(
        title=title,
        kind=head.kind,
        date=date.date,
        precision=date.precision,
        evidence=Evidence(start, end, body[start:end], date.expression),
        participants=tuple(participants),
        place=place,
        end_date=date.end_date,
        strategy="lede_noun",
    )
