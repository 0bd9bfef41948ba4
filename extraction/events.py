"""Events: dated happenings (summits, meetings, calls, statements, indictments...) in the body.

An event is a *trigger* word (a noun or verb such as "summit", "met", "announced",
"told") and a date expression in the same clause of the same sentence. The steps,
in order:

1. ``_triggers``: every trigger word outside direct quotes (a quote's words are the
   speaker's, not the reporter's account of what happened).
2. ``_clauses``: each sentence is cut into clauses at ";", dashes and conjunctions
   such as "after", "as", ", which" — a date in one clause never dates a trigger in
   another.
3. Each date is attached to the nearest trigger of its clause it can reach (the
   *head*): within ``_DATE_REACH`` characters and not across a comma, "that", "which"
   or "who" (a date at the front of its clause crosses its own comma: "On Thursday,
   Trump met..."). Two dates joined by "-", "to" or "and" make one range. The dateline
   (the publication date on a line of its own at the top) is never an event.
4. The other triggers close to a head (``_SATELLITE_REACH`` characters, no comma or
   "that" between) join its group and refine its kind: "meet ... summit" is a summit,
   "announced the meeting" an announcement. A speech verb ("said", "told") is an event
   only with a named speaker (before it, before an apposition, "he", or the quote it
   cues); as a head it stays a statement unless said in an interview, a call, a tweet or
   a press conference — what is talked about ("urged Trump on Friday to cancel the
   summit") is not the happening. As the cue of a quote it outranks the meeting it was
   said at ("…,” Putin told Bolton at their meeting Wednesday" is Putin's statement).
5. Entities go to the nearest trigger they can reach: those of the group are its
   participants; a place after in/at/to is its place (the city, not the country that
   follows it). A verb without a subject borrows one: "he"/"she"/"they", an apposed
   subject, or the sentence's subject ("Trump has pushed — inviting Putin...").
6. One event per happening: the same kind, compatible dates and shared participants
   or place are merged (the first evidence is kept, the most precise date wins); a plain
   statement is absorbed by the same speaker's interview or press conference that day.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extraction.results import DateMention, Entity, Event, Evidence, Quote
from extraction.text import paragraph_spans, sentence_spans

EVENT_KINDS = (
    "summit",
    "meeting",
    "talks",
    "call",
    "visit",
    "announcement",
    "statement",
    "interview",
    "tweet",
    "press_conference",
    "invitation",
    "sanctions",
    "indictment",
    "annexation",
    "election",
    "other",
)

# Which kind a group of triggers takes: the highest here. A speech verb ("statement")
# sits below meetings unless it is the cue of a quote (see _group_kind).
_KIND_RANK = {
    "announcement": 14,
    "indictment": 13,
    "sanctions": 12,
    "annexation": 11,
    "summit": 10,
    "press_conference": 9,
    "interview": 8,
    "tweet": 7,
    "call": 6,
    "invitation": 5,
    "visit": 4,
    "talks": 3,
    "meeting": 2,
    "election": 1.5,
    "statement": 1,
    "other": 0,
}
_QUOTED_STATEMENT_RANK = 4.5  # above visits, talks and meetings; below calls and interviews

# How far (in characters) another trigger may stand from a head and its date and still
# belong to the same happening: "meet in Helsinki, Finland, on July 16 for their first
# bilateral summit" (27) but not "...said the Group of Seven should re-admit Russia on
# the eve of its annual summit" (65).
_SATELLITE_REACH = 45
# How far a date may stand from its trigger: "during the 2016 presidential campaign" is
# not the date of a "charged" a hundred characters before it.
_DATE_REACH = 60
# What a speech verb was said in: "Pence said in an interview ... on Wednesday".
_SPEECH_FORMS = ("interview", "press_conference", "tweet", "call")
# An aside between commas that names a place or a person: "in Helsinki, Finland, on July 16",
# "Last month, in Singapore, Trump held a summit".
_APPOSITION = re.compile(r",\s+(?:(?:in|at)\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3},")
_SATELLITE_BARRIER = re.compile(r"[,;:]|\b(?:that|whether|which|who|and)\b", re.IGNORECASE)
# What a date or a name does not reach across to find its trigger. "and" is allowed:
# "Trump and Putin will hold a summit".
_ATTACH_BARRIER = re.compile(r"[,;:]|\b(?:that|whether|which|who)\b", re.IGNORECASE)
# A date at the head of its clause: "On Thursday, ...", "Earlier this month, ...".
_FRONTED = re.compile(
    r"\W*(?:(?:on|in|at|by|since|during|early|late|earlier|later)\s+)?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    kind: str
    verb: bool  # a verb needs a subject; a noun does not
    speech: bool  # said, told, added...: an event only with a named speaker


# (pattern, kind, is a verb, is a speech verb). Longest alternatives first.
_LEXICON: tuple[tuple[str, str, bool, bool], ...] = (
    (r"(?:joint\s+)?(?:press|news)\s+(?:conference|briefing)s?", "press_conference", False, False),
    (r"(?:tele)?phone\s+(?:call|conversation)s?", "call", False, False),
    (r"spoke\s+(?:by|on\s+the)\s+(?:tele)?phone", "call", True, False),
    (r"summits?", "summit", False, False),
    (r"meetings?", "meeting", False, False),
    # "meet that target" is not a meeting.
    (
        r"(?:meet(?:s|ing)?|met)(?!\s+(?:\w+\s+)?(?:targets?|goals?|deadlines?|demands?"
        r"|expectations?|standards?|criteria|needs|obligations?|commitments?)\b)"
        r"|host(?:s|ed|ing)",
        "meeting",
        True,
        False,
    ),
    (r"talks|discussions|negotiations", "talks", False, False),
    (r"visit(?:s)?|trip", "visit", False, False),
    (
        r"visit(?:ed|ing)|travel(?:s|ed|led|ing)?\s+to|arriv(?:ed|es|ing)\s+in|flew\s+to",
        "visit",
        True,
        False,
    ),
    (r"announcements?", "announcement", False, False),
    (r"announc(?:e|es|ed|ing)", "announcement", True, False),
    (r"statements?|remarks|speech", "statement", False, False),
    (
        r"said|says|told|tells|added|stated|declared|insisted|warned|urged|called\s+on",
        "statement",
        True,
        True,
    ),
    (r"interviews?", "interview", False, False),
    (r"interviewed", "interview", True, False),
    (r"tweets?", "tweet", False, False),
    (r"tweet(?:ed|ing)", "tweet", True, True),
    (r"invitations?", "invitation", False, False),
    (r"invit(?:e|es|ed|ing)", "invitation", True, False),
    (r"sanctions", "sanctions", False, False),
    (r"sanction(?:ed|ing)|imposed\s+sanctions", "sanctions", True, False),
    (r"indictments?|charges", "indictment", False, False),
    (r"indict(?:s|ed|ing)?|charged", "indictment", True, False),
    (r"annexation", "annexation", False, False),
    (r"annex(?:es|ed|ing)?", "annexation", True, False),
    (r"(?:re-?)?elections?", "election", False, False),
)
# The lookahead on the first letters of the lexicon lets the scanner skip most positions
# fast (about a third of the scan time); keep it in step with _LEXICON.
_TRIGGER_WORD = re.compile(
    r"\b(?=[acdefhijmnprstuvw])(?<![\w-])(?:"
    + "|".join(f"(?P<t{i}>{pattern})" for i, (pattern, *_rest) in enumerate(_LEXICON))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_TRIGGER_WORD_LOWER = re.compile(_TRIGGER_WORD.pattern)

# Clause boundaries. Dashes and semicolons always; subordinating words that start a
# new happening ("the news was released a day after Putin hosted...") and relative
# clauses. "when" is deliberately absent: "startled leaders earlier this month when he
# said..." dates the saying.
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|—|,\s+(?:which|who|where|whereas|but|although|though)\b"
    r"|\s(?:after|before|as|while|because|although|though|whereas|but|since|until)\s",
    re.IGNORECASE,
)
# Text between two dates of one trigger that makes them a range: "July 11-12", "from
# July 11 to 12", "on July 11 and 12".
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|until|and)\s*", re.IGNORECASE)
_LOCATIVE = re.compile(r"(?:\b(?:in|at|to|from|aboard|inside|into)\s+(?:the\s+)?)$", re.IGNORECASE)
_WITH = re.compile(r"\bwith\s+(?:the\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(he|she)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# "its 2014 annexation", "Russia's 2014 annexation": the annexer is the owner.
_DATELINE_NOISE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon|tue|wed|thu|fri|sat|sun"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|updated|published|posted|am|pm"
    r"|utc|gmt|bst|cet|cest|eet|eest|msk|est|edt|cst|cdt|pst|pdt)\b"
    r"|[\d\W_]",
    re.IGNORECASE,
)
_CLAUSE_LEAD = re.compile(r"\W*(?:the\s+)?", re.IGNORECASE)
_THEY = re.compile(r"\bthey\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:\b(?:its|their)|['’]s)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_APPOSED = re.compile(r",\s[^,.;“”\"]{1,70},\s*$")
_INVERTED_CUE = re.compile(r"[,”\"]\s*$")


@dataclass(slots=True)
class _Group:
    """A head trigger, its dates and the triggers that refine it."""

    head: _Trigger
    dates: list[DateMention]
    satellites: list[_Trigger] = field(default_factory=list)
    clause: tuple[int, int] = (0, 0)
    sentence: tuple[int, int] = (0, 0)

    @property
    def triggers(self) -> list[_Trigger]:
        return [self.head, *self.satellites]

    @property
    def span(self) -> tuple[int, int]:
        starts = [self.head.start, *(d.start for d in self.dates)]
        ends = [self.head.end, *(d.end for d in self.dates)]
        return min(starts), max(ends)


def find_events(
    body: str,
    *,
    entities: Sequence[Entity],
    dates: Sequence[DateMention],
    quotes: Sequence[Quote],
) -> tuple[Event, ...]:
    """Dated happenings of the body, one per happening, in order of their evidence.

    >>> from extraction.results import DateMention, Entity
    >>> body = "Putin hosted John Bolton for talks in Moscow on Wednesday."
    >>> people = (Entity("Vladimir Putin", "person", "vladimir-putin", True, ((0, 5),)),
    ...           Entity("John Bolton", "person", "john-bolton", True, ((13, 24),)),
    ...           Entity("Moscow", "place", "moscow", True, ((38, 44),)))
    >>> wednesday = DateMention("Wednesday", 48, 57, "2018-06-27", "day", "weekday")
    >>> [(e.title, e.kind, e.date, e.place) for e in find_events(
    ...     body, entities=people, dates=(wednesday,), quotes=())]
    [('Putin–Bolton talks in Moscow', 'talks', '2018-06-27', 'Moscow')]
    """
    quoted = sorted((q.start - 1, q.end + 1) for q in quotes)
    mentions = _entity_mentions(entities, quoted)
    sentences = sentence_spans(body)
    triggers = [t for t in _triggers(body) if not _inside(quoted, t.start)]
    dateline = _dateline(body)
    usable = sorted(
        (d for d in dates if not _inside(quoted, d.start) and not _within(dateline, d.start)),
        key=lambda d: d.start,
    )
    date_starts = [d.start for d in usable]
    trigger_starts = [t.start for t in triggers]
    events: list[Event] = []
    for sentence in sentences:
        in_sentence = _between(usable, date_starts, sentence)
        if not in_sentence:
            continue
        sentence_triggers = _between(triggers, trigger_starts, sentence)
        for clause in _clauses(body, sentence):
            groups = _groups(
                body,
                clause,
                [d for d in in_sentence if clause[0] <= d.start < clause[1]],
                [t for t in sentence_triggers if clause[0] <= t.start < clause[1]],
            )
            clause_triggers = [t for t in sentence_triggers if clause[0] <= t.start < clause[1]]
            for group in groups:
                group.clause, group.sentence = clause, sentence
                event = _event(body, group, clause_triggers, mentions, quotes)
                if event is not None:
                    events.append(event)
    return tuple(_merge_duplicates(events))


# --- finding triggers, clauses and groups -------------------------------------------------


def _triggers(body: str) -> list[_Trigger]:
    # Scanning a lower-cased copy without IGNORECASE is about twice as fast; the copy has
    # the body's offsets unless lower-casing changed a length ("İ"), then scan the body.
    lowered = body.lower()
    scanner = _TRIGGER_WORD_LOWER if len(lowered) == len(body) else _TRIGGER_WORD
    found = []
    for match in scanner.finditer(lowered if scanner is _TRIGGER_WORD_LOWER else body):
        assert match.lastgroup is not None  # every alternative is a named group
        _pattern, kind, verb, speech = _LEXICON[int(match.lastgroup[1:])]
        found.append(_Trigger(match.start(), match.end(), kind, verb, speech))
    return found


def _clauses(body: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """Clauses of a sentence; a subordinating word stays with the clause it opens."""
    start, end = sentence
    spans = []
    for match in _CLAUSE_BREAK.finditer(body, start, end):
        spans.append((start, match.start()))
        separator = match.group(0)
        if separator.strip() in (";", "—", "–"):
            start = match.end()
        else:
            start = match.start() + len(separator) - len(separator.lstrip(" ,"))
    spans.append((start, end))
    return [(s, e) for s, e in spans if e > s]


def _groups(
    body: str,
    clause: tuple[int, int],
    dates: list[DateMention],
    triggers: list[_Trigger],
) -> list[_Group]:
    """Each date with its head trigger, and the triggers near it that refine its kind."""
    if not dates or not triggers:
        return []
    by_head: dict[_Trigger, list[DateMention]] = {}
    for date in dates:
        head = _date_head(body, clause, date, triggers)
        if head is not None:
            by_head.setdefault(head, []).append(date)
    if not by_head:
        return []
    groups: list[_Group] = []
    for head, head_dates in sorted(by_head.items(), key=lambda item: item[0].start):
        for run in _date_runs(body, head_dates):
            groups.append(_Group(head, run))
    heads = {g.head for g in groups}
    for trigger in triggers:
        if trigger in heads:
            continue
        nearest = min(groups, key=lambda g: _gap(*g.span, trigger.start, trigger.end))
        if _close(body, nearest.span, trigger):
            nearest.satellites.append(trigger)
    for group in groups:
        group.satellites.sort(key=lambda t: t.start)
    return groups


def _close(body: str, span: tuple[int, int], trigger: _Trigger) -> bool:
    """A trigger near a group, with no comma or reported clause ("said ... that") between."""
    if _gap(*span, trigger.start, trigger.end) > _SATELLITE_REACH:
        return False
    # An apposition between commas ("in Helsinki, Finland, on July 16") is no barrier.
    return not _barrier_between(body, span, trigger, _SATELLITE_BARRIER)


def _date_head(
    body: str, clause: tuple[int, int], date: DateMention, triggers: list[_Trigger]
) -> _Trigger | None:
    """The nearest trigger the date can reach without crossing a comma or a new clause.

    A fronted date crosses its comma ("On Thursday, Trump forced a meeting"); others do
    not ("sworn in for a fourth term in May, has long sought a meeting" is no May meeting).
    """
    fronted = _FRONTED.fullmatch(body, clause[0], date.start) is not None
    reachable = [
        t
        for t in triggers
        if _gap(t.start, t.end, date.start, date.end) <= _DATE_REACH
        and not _barrier_between(body, (date.start, date.end), t, _ATTACH_BARRIER, fronted)
    ]
    if not reachable:
        return None
    return min(reachable, key=lambda t: (_gap(t.start, t.end, date.start, date.end), t.start))


def _barrier_between(
    body: str,
    span: tuple[int, int],
    trigger: _Trigger,
    barrier: re.Pattern[str],
    fronted: bool = False,
) -> bool:
    after = trigger.start >= span[1]
    between = body[span[1] : trigger.start] if after else body[trigger.end : span[0]]
    between = _APPOSITION.sub(" ", between)
    if fronted and trigger.start >= span[1]:
        between = between.replace(",", " ", 1)
    return barrier.search(between) is not None


def _date_runs(body: str, dates: list[DateMention]) -> list[list[DateMention]]:
    """Dates of one head, split into happenings; two dates joined by "to"/"-"/"and" are one."""
    runs: list[list[DateMention]] = []
    for date in sorted(dates, key=lambda d: d.start):
        if runs and _RANGE_JOIN.fullmatch(body[runs[-1][-1].end : date.start]):
            runs[-1].append(date)
        else:
            runs.append([date])
    return runs


# --- turning a group into an event ----------------------------------------------------------


def _event(
    body: str,
    group: _Group,
    clause_triggers: list[_Trigger],
    mentions: _Mentions,
    quotes: Sequence[Quote],
) -> Event | None:
    kind = _group_kind(body, group, quotes)
    speaker, addressee = _speaker(body, group, mentions, quotes)
    if group.head.speech and speaker is None and kind in ("statement", "tweet"):
        return None  # "officials said on Monday": nobody to attribute the statement to
    owned = _owned_mentions(body, group, clause_triggers, mentions)
    place = _annexed(group, owned) if kind == "annexation" else _place(body, group, owned)
    if kind in ("statement", "tweet", "interview"):
        participants = [name for name in (speaker, addressee) if name]
        if kind == "interview":
            participants += [
                e.name for s, _e, e in owned if e.kind != "place" and _WITH.search(body[:s])
            ]
    elif kind == "election":
        # People near an election are candidates, voters or investigators; only an owner
        # ("Putin's re-election") is the election's.
        owner = _entity_right_before(body, group.head.start, mentions, possessive=True)
        participants = [owner] if owner else []
    else:
        participants = _participants(body, group, owned, mentions)
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
    title = _title(body, kind, group, participants, place, owned, mentions)
    return Event(
        title=title,
        kind=kind,
        date=date,
        precision=precision,
        evidence=evidence,
        participants=tuple(participants),
        place=place,
        end_date=end_date,
    )


def _group_kind(body: str, group: _Group, quotes: Sequence[Quote]) -> str:
    """The kind of a group: a speech head stays a statement unless said in an interview,
    a tweet, a call or a press conference; otherwise the highest-ranked trigger wins.

    What a speaker talks about ("called on Trump on Friday to cancel the meeting") is not
    the happening; a quote's cue outranks a meeting it was said at ("…,” Putin told Bolton
    at the opening of their meeting Wednesday").
    """
    if group.head.speech:
        forms = [t.kind for t in group.satellites if t.kind in _SPEECH_FORMS]
        return forms[0] if forms else group.head.kind

    def rank(trigger: _Trigger) -> float:
        if trigger.speech:
            cue = _quote_cue(body, trigger, quotes) is not None
            return _QUOTED_STATEMENT_RANK if cue else _KIND_RANK["statement"]
        return _KIND_RANK[trigger.kind]

    return max(group.triggers, key=rank).kind


def _quote_cue(body: str, trigger: _Trigger, quotes: Sequence[Quote]) -> Quote | None:
    """The quote whose cue this speech verb is: same word, within the quote's sentence."""
    word = body[trigger.start : trigger.end].lower()
    for quote in quotes:
        if (
            quote.cue
            and quote.cue.lower() == word
            and abs(_gap(quote.start, quote.end, trigger.start, trigger.end)) < 200
        ):
            return quote
    return None


def _speaker(
    body: str,
    group: _Group,
    mentions: _Mentions,
    quotes: Sequence[Quote],
) -> tuple[str | None, str | None]:
    """Who speaks (and to whom) for a speech verb, tweet or interview in the group."""
    verb = next((t for t in group.triggers if t.speech), None)
    if verb is None:
        if group.head.kind == "interview" or group.head.kind == "statement":
            return _subject(body, group, mentions), None
        return None, None
    quote = _quote_cue(body, verb, quotes)
    addressee = None
    if body[verb.start : verb.end].lower() in ("told", "tells"):
        addressee = _entity_right_after(body, verb.end, mentions, kinds=("person", "organisation"))
    if quote is not None and quote.speaker:
        return quote.speaker, quote.addressee or addressee
    before = _entity_right_before(body, verb.start, mentions) or _apposed_subject(
        body, verb.start, mentions
    )
    if before is not None:
        return before, addressee
    pronoun = _PRONOUN.search(body, max(0, verb.start - 30), verb.start)
    if pronoun is not None:
        return _nearest_person_before(pronoun.start(), mentions), addressee
    # "..., said Pence." — an inverted cue after a comma or a closing quote mark.
    after = _entity_right_after(body, verb.end, mentions, kinds=("person", "organisation"))
    if after is not None and _INVERTED_CUE.search(body, max(0, verb.start - 3), verb.start):
        return after, None
    return None, None


def _owned_mentions(
    body: str,
    group: _Group,
    clause_triggers: list[_Trigger],
    mentions: _Mentions,
) -> list[tuple[int, int, Entity]]:
    """Entity mentions of the clause whose nearest trigger belongs to this group."""
    mine = set(group.triggers)
    start, end = group.clause
    owned = []
    for m_start, m_end, entity in mentions.between(start, end):
        nearest = min(
            clause_triggers,
            key=lambda t: (
                _barrier_between(body, (m_start, m_end), t, _ATTACH_BARRIER),
                _gap(t.start, t.end, m_start, m_end),
            ),
        )
        if nearest in mine:
            owned.append((m_start, m_end, entity))
    return owned


def _participants(
    body: str,
    group: _Group,
    owned: list[tuple[int, int, Entity]],
    mentions: _Mentions,
) -> list[str]:
    people = [(s, e) for s, _end, e in owned if e.kind == "person"]
    organisations = [(s, e) for s, _end, e in owned if e.kind == "organisation"]
    # An organisation named after in/at/to is a venue ("to the White House", "in the
    # Kremlin"); it takes part only when no one else does.
    venues = {e.name for s, e in organisations if _LOCATIVE.search(body, max(0, s - 12), s)}
    names = [e.name for _s, e in sorted(people + organisations, key=lambda item: item[0])]
    if people or len(venues) < len({e.name for _s, e in organisations}):
        names = [name for name in names if name not in venues]
    verb = next((t for t in group.triggers if t.verb), None)
    has_subject = verb is not None and any(s < verb.start for s, _e in people + organisations)
    if verb is not None and not has_subject:
        they = _THEY.search(body, max(group.clause[0], verb.start - 20), verb.start)
        if they is not None:
            # "..., and they spoke by phone in March": the people named before in the sentence.
            earlier = mentions.between(group.sentence[0], they.start())
            names[:0] = [e.name for _s, _e, e in earlier if e.kind == "person"]
        else:
            subject = _subject(body, group, mentions)
            if subject is not None:
                names.insert(0, subject)
    return list(dict.fromkeys(names))


def _subject(body: str, group: _Group, mentions: _Mentions) -> str | None:
    """The doer of a verb with no named subject in its clause."""
    head = next((t for t in group.triggers if t.verb), group.head)
    pronoun = _PRONOUN.search(body, max(group.clause[0], head.start - 30), head.start)
    if pronoun is not None:
        return _nearest_person_before(pronoun.start(), mentions)
    before = _entity_right_before(body, head.start, mentions)
    if before is not None:
        return before
    # The clause's own subject, kept apart from its verb by an apposition: "Dan Coats, the
    # director of national intelligence, issued a statement".
    in_clause = [
        (s, e)
        for s, _end, e in mentions.between(group.clause[0], head.start)
        if e.kind in ("person", "organisation")
    ]
    if in_clause and _CLAUSE_LEAD.fullmatch(body, group.clause[0], in_clause[0][0]):
        return in_clause[0][1].name
    # A participle or relative clause borrows the sentence's subject: "Trump has pushed
    # for better ties — inviting Putin to the White House in a March phone call".
    sentence_start = group.sentence[0]
    earlier = [
        e
        for s, _end, e in mentions.between(sentence_start, group.clause[0])
        if e.kind in ("person", "organisation")
    ]
    return earlier[0].name if earlier else None


def _place(body: str, group: _Group, owned: list[tuple[int, int, Entity]]) -> str | None:
    """The first place introduced by in/at/to (or visited) — the city before its country."""
    visit_verbs = [t for t in group.triggers if t.kind == "visit" and t.verb]
    candidates: list[tuple[int, int, Entity]] = []
    for start, end, entity in owned:
        if entity.kind != "place":
            continue
        introduced = _LOCATIVE.search(body, max(0, start - 12), start) is not None
        visited = any(0 <= start - t.end <= 2 for t in visit_verbs)
        # "said last week that the president would have tea ... in Britain": a place in
        # what was said is not where it was said.
        reported = _barrier_between(body, (start, end), group.head, _ATTACH_BARRIER)
        if (introduced or visited) and not (group.head.speech and reported):
            candidates.append((start, end, entity))
    if not candidates:
        return None
    head = group.head
    return min(candidates, key=lambda m: _gap(head.start, head.end, m[0], m[1]))[2].name


# --- titles -----------------------------------------------------------------------------------


def _title(
    body: str,
    kind: str,
    group: _Group,
    participants: list[str],
    place: str | None,
    owned: list[tuple[int, int, Entity]],
    mentions: _Mentions,
) -> str:
    """A short readable title built from the parts: "Trump–Putin summit in Helsinki"."""
    short = mentions.short
    names = [short.get(name, name) for name in participants]
    where = f" in {place}" if place else ""
    first, rest = (names[0], " and ".join(names[1:])) if names else ("", "")
    owner = _owner(body, group, owned)
    if kind == "annexation":
        return _annexation_title(body, group, owned, mentions, short)
    if kind == "announcement":
        obj = _announced_object(body, group)
        if not names:
            return f"Announcement of {obj}" if obj else "Announcement"
        verb = "announce" if len(names) > 1 else "announces"
        return (
            f"{' and '.join(names)} {verb} {obj}" if obj else f"{' and '.join(names)} announcement"
        )
    if kind in ("statement", "interview"):
        label = "statement to" if kind == "statement" else "interview with"
        if len(names) >= 2:
            return f"{first} {label} {rest}"
        return f"{first} {kind}" if names else kind.capitalize()
    if kind == "tweet":
        return f"{first} tweet" if names else "Tweet"
    if kind == "visit":
        if names:
            verb = "visit" if len(names) > 1 else "visits"
            return f"{' and '.join(names)} {verb} {place or ''}".strip()
        return f"Visit to {place}" if place else "Visit"
    if kind == "invitation" and len(names) >= 2:
        return f"{first} invites {rest}"
    if kind == "meeting" and len(names) >= 2 and owner is None:
        return f"{first} meets {rest}{where}"
    if kind == "election":
        label = "election"
        return f"{first} {label}{where}" if names else f"{label.capitalize()}{where}"
    label = {"press_conference": "press conference", "call": "phone call"}.get(kind, kind)
    if owner is not None:
        return f"{short.get(owner, owner)} {label}{where}"
    if len(names) == 1 and _introduced_by_with(body, participants[0], owned):
        return f"{label.capitalize()} with {first}{where}"
    if names:
        return f"{'–'.join(names)} {label}{where}"
    return f"{label.capitalize()}{where}"


def _owner(body: str, group: _Group, owned: list[tuple[int, int, Entity]]) -> str | None:
    """An organisation named right before a noun trigger: "a Group of Seven meeting"."""
    if group.head.verb:
        return None
    for _start, end, entity in owned:
        if entity.kind == "organisation" and not body[end : group.head.start].strip(" ’'s"):
            return entity.name
    return None


def _introduced_by_with(body: str, name: str, owned: list[tuple[int, int, Entity]]) -> bool:
    return any(
        e.name == name and _WITH.search(body, max(0, s - 10), s) is not None for s, _e, e in owned
    )


def _announced_object(body: str, group: _Group) -> str | None:
    """What an announcement announces when another trigger names it: "the meeting"."""
    for trigger in group.triggers:
        if trigger.kind not in ("announcement", "statement") and not trigger.verb:
            return f"the {body[trigger.start : trigger.end].lower()}"
    return None


def _annexation_title(
    body: str,
    group: _Group,
    owned: list[tuple[int, int, Entity]],
    mentions: _Mentions,
    short: dict[str, str],
) -> str:
    trigger = next(t for t in group.triggers if t.kind == "annexation")
    annexed = _annexed(group, owned)
    annexer = None
    possessive = _POSSESSIVE.search(body, max(0, trigger.start - 30), trigger.start)
    before = [
        e
        for _s, end, e in mentions.between(group.sentence[0], trigger.start)
        if end <= trigger.start and e.name != annexed
    ]
    if before and possessive is not None:
        annexer = short.get(before[-1].name, before[-1].name)
    if annexer and annexed:
        return f"{annexer} annexes {annexed}"
    return f"Annexation of {annexed}" if annexed else "Annexation"


def _annexed(group: _Group, owned: list[tuple[int, int, Entity]]) -> str | None:
    """The territory of an annexation: the first place after the trigger ("of Crimea")."""
    trigger = next(t for t in group.triggers if t.kind == "annexation")
    return next((e.name for s, _e, e in owned if e.kind == "place" and s > trigger.end), None)


def _short_name(entity: Entity) -> str:
    """A known person by surname, anything else by its name without a leading "the".

    Unknown people keep their full name: "Kim Jong Un" does not end in a surname.
    """
    if entity.kind == "person" and entity.known and " " in entity.name:
        return entity.name.rsplit(" ", 1)[1]
    return entity.name.removeprefix("the ")


# --- one event per happening --------------------------------------------------------------------


def _merge_duplicates(events: list[Event]) -> list[Event]:
    """The same kind, compatible dates and shared participants or place: one event.

    A plain statement is also the same happening as an interview or press conference of
    the same speaker on the same date ("Pence said Wednesday..." and "Pence said in an
    interview ... on Wednesday"); the more specific event and its evidence stay.
    """
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if _same_happening(k, event)), None)
        if twin is not None:
            kept[kept.index(twin)] = _merged(twin, event)
            continue
        absorbed = next((k for k in kept if _absorbs(event, k)), None)
        if absorbed is not None:
            kept[kept.index(absorbed)] = event
        elif not any(_absorbs(k, event) for k in kept):
            kept.append(event)
    return kept


def _merged(first: Event, second: Event) -> Event:
    more_precise = second if len(second.date) > len(first.date) else first
    return Event(
        title=first.title,
        kind=first.kind,
        date=more_precise.date,
        precision=more_precise.precision,
        evidence=first.evidence,
        participants=tuple(dict.fromkeys(first.participants + second.participants)),
        place=first.place or second.place,
        end_date=first.end_date or second.end_date,
    )


def _absorbs(specific: Event, plain: Event) -> bool:
    return (
        plain.kind == "statement"
        and specific.kind in ("interview", "press_conference")
        and plain.date == specific.date
        and bool(plain.participants)
        and plain.participants[:1] == specific.participants[:1]
    )


def _same_happening(a: Event, b: Event) -> bool:
    if a.kind != b.kind:
        return False
    if not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    if a.kind in ("statement", "tweet", "interview"):
        # Several people speak on the same day; only the same speaker makes one statement.
        return bool(a.participants) and a.participants[:1] == b.participants[:1]
    if set(a.participants) & set(b.participants):
        return True
    if a.place and a.place == b.place:
        return True
    return not (a.participants or a.place) or not (b.participants or b.place)


# --- small helpers ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mentions:
    """Entity mentions outside quotes in body order, with their starts for bisection."""

    items: list[tuple[int, int, Entity]]
    starts: list[int]
    short: dict[str, str]  # Entity.name -> the name a title uses ("Putin")

    def between(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions that start in ``[start, end)``."""
        return self.items[
            bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)
        ]


def _entity_mentions(entities: Sequence[Entity], quoted: list[tuple[int, int]]) -> _Mentions:
    found = sorted(
        (
            (start, end, entity)
            for entity in entities
            for start, end in entity.mentions
            if not _inside(quoted, start)
        ),
        key=lambda m: m[0],
    )
    short = {entity.name: _short_name(entity) for entity in entities}
    return _Mentions(found, [m[0] for m in found], short)


def _entity_right_before(
    body: str,
    offset: int,
    mentions: _Mentions,
    *,
    possessive: bool = False,
) -> str | None:
    """The person or organisation that ends just before ``offset`` ("Pence said").

    With ``possessive`` only an owner counts: "Putin's re-election".
    """
    window = mentions.between(max(0, offset - 200), offset)
    for _start, end, entity in reversed(window):
        if end > offset:
            continue
        gap = body[end:offset].strip()
        if entity.kind != "place" and (gap in ("’s", "'s") if possessive else not gap):
            return entity.name
        break
    return None


def _apposed_subject(body: str, offset: int, mentions: _Mentions) -> str | None:
    """The subject before an apposition: "Chuck Schumer, the Senate's Democratic leader, said"."""
    match = _APPOSED.search(body, max(0, offset - 80), offset)
    if match is None:
        return None
    return _entity_right_before(body, match.start(), mentions)


def _entity_right_after(
    body: str,
    offset: int,
    mentions: _Mentions,
    *,
    kinds: tuple[str, ...],
) -> str | None:
    for start, _end, entity in mentions.between(offset, offset + 40):
        gap = body[offset:start].strip().lower()
        if gap in ("", "the") and entity.kind in kinds:
            return entity.name
        break
    return None


def _nearest_person_before(offset: int, mentions: _Mentions) -> str | None:
    for _start, end, entity in reversed(mentions.between(0, offset)):
        if end <= offset and entity.kind == "person":
            return entity.name
    return None


def _dateline(body: str) -> tuple[int, int]:
    """The publication-date line near the top of the body, if it has one.

    A short paragraph made of nothing but a date, a time and words like "Updated":
    "June 28, 2018, 12:30 PM UTC". A short lead with words in it is not a dateline.
    """
    for start, end in paragraph_spans(body)[:3]:
        if end - start <= 60 and any(ch.isdigit() for ch in body[start:end]):
            words = _DATELINE_NOISE.sub(" ", body[start:end])
            if sum(ch.isalpha() for ch in words) < 4:
                return start, end
    return 0, 0


def _between(items: list, starts: list[int], span: tuple[int, int]) -> list:
    """Items (sorted, ``starts`` their offsets) that start in ``[start, end)``."""
    return items[bisect.bisect_left(starts, span[0]) : bisect.bisect_left(starts, span[1])]


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _within(span: tuple[int, int], offset: int) -> bool:
    return span[0] <= offset < span[1]


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0
