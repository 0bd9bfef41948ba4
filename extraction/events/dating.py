"""Dates of events: which trigger a date dates, and which triggers join it.

Each sentence is cut into clauses; each date goes to the nearest trigger of its clause it
can reach (the *head*); two dates joined by "to", "-" or "and" make one range; other
triggers close to a head refine its kind.
"""

from __future__ import annotations

import bisect
import re

from extraction.events import words
from extraction.events.context import (
    Group,
    Mentions,
    Span,
    Trigger,
    barrier_between,
    gap,
)
from extraction.results import DateMention

# How far (in characters) another trigger may stand from a head and its date and still
# belong to the same happening: "meet in Helsinki, Finland, on July 16 for their first
# bilateral summit" (27) but not "...said the Group of Seven should re-admit Russia on
# the eve of its annual summit" (65).
SATELLITE_REACH = 45
# How far a date may stand from its trigger: "during the 2016 presidential campaign" is
# not the date of a "charged" a hundred characters before it.
_DATE_REACH = 60
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
_SATELLITE_TOPIC = re.compile(
    r"\b(?:prepar\w*|ahead|before|after|about|over|discuss\w*|plan\w*)\b", re.IGNORECASE
)
_SATELLITE_BARRIER = re.compile(r"[,;:]|\b(?:that|whether|which|who|and)\b", re.IGNORECASE)
# What a date or a name does not reach across to find its trigger. "and" is allowed:
# "Trump and Putin will hold a summit".
ATTACH_BARRIER = re.compile(r"[,;:]|\b(?:that|whether|which|who)\b", re.IGNORECASE)
# A date at the head of its clause: "On Thursday, ...", "Earlier this month, ...".
# What may stand before a fronted date: "On", "Earlier on", "Three days earlier, on".
_FRONTED = re.compile(
    r"\W*(?:[\w ]{0,24}\b(?:earlier|later|before|after|ago),\s+)?"
    r"(?:(?:on|in|at|by|since|during|early|late|earlier|later)\s+){0,2}",
    re.IGNORECASE,
)
# What a speech verb says, not when it was said: "said the details would be made public".
_REPORTED_CONTENT = re.compile(
    r"\b(?:would|will|was|were|is|are|be|been|had|has|have|could|should|can|may|might|must"
    r"|did|do|does|that|to|whether|if)\b",
    re.IGNORECASE,
)
# What may stand between a date and the noun it dates: "Monday's meeting", "the July 16
# summit", "on July 16 for their first summit".
_DATE_BEFORE_NOUN = re.compile(
    r"(?:['’]s)?(?:\s+(?:"
    + words.alternation("date_before_noun")
    + r"|X|[A-Z][\w.’'-]*|[a-z]+-[a-z-]+))*\s*"
)
_NEAR_WORDS = words.words("near")
# The noun's own passive verb: "The sanctions were first imposed in 2014" dates the
# sanctions; "the summit was expected to produce ... in 2019" is no passive of the noun.
_PASSIVE_AFTER_NOUN = re.compile(
    r"^\s*(?:were|was|(?:has|have|had)\s+been)\s+(?:(?:first|later|then|formally|finally"
    r"|originally)\s+)?(?!expected|supposed|scheduled|set|due)[a-z]+ed\b"
)
_NAMED_BY_YEAR = re.compile(r"\s+(?:[\w.’'-]+\s+){0,2}")


def clauses(body: str, sentence: Span) -> list[Span]:
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


def groups(
    body: str,
    clause: Span,
    dates: list[DateMention],
    triggers: list[Trigger],
    mentions: Mentions,
) -> list[Group]:
    """Each date with its head trigger, and the triggers near it that refine its kind."""
    if not dates or not triggers:
        return []
    starts = [t.start for t in triggers]
    by_head: dict[Trigger, list[DateMention]] = {}
    for date in dates:
        head = _date_head(body, clause, date, triggers, starts, mentions)
        if head is not None:
            by_head.setdefault(head, []).append(date)
    if not by_head:
        return []
    found: list[Group] = []
    for head, head_dates in sorted(by_head.items(), key=lambda item: item[0].start):
        for run in _date_runs(body, head_dates):
            found.append(Group(head, run))
    heads = {g.head for g in found}
    # A trigger's nearest group is one of the few whose spans start around it.
    order = sorted(range(len(found)), key=lambda i: found[i].span[0])
    span_starts = [found[i].span[0] for i in order]
    for trigger in triggers:
        if trigger in heads:
            continue
        index = bisect.bisect_left(span_starts, trigger.start)
        near = sorted(order[max(0, index - 3) : index + 3])
        nearest = min(
            (found[i] for i in near), key=lambda g: gap(*g.span, trigger.start, trigger.end)
        )
        if _close(mentions, nearest.span, trigger):
            nearest.satellites.append(trigger)
    for group in found:
        group.satellites.sort(key=lambda t: t.start)
    return found


def _close(mentions: Mentions, span: Span, trigger: Trigger) -> bool:
    """A trigger near a group, with no comma or reported clause ("said ... that") between."""
    if gap(*span, trigger.start, trigger.end) > SATELLITE_REACH:
        return False
    # An apposition between commas ("in Helsinki, Finland, on July 16") is no barrier; a
    # purpose or topic is ("met Putin on Wednesday to prepare the summit" is a meeting).
    if barrier_between(mentions, span, trigger, _SATELLITE_BARRIER):
        return False
    return not barrier_between(mentions, span, trigger, _SATELLITE_TOPIC)


def _date_head(
    body: str,
    clause: Span,
    date: DateMention,
    triggers: list[Trigger],
    starts: list[int],
    mentions: Mentions,
) -> Trigger | None:
    """The nearest trigger the date can reach without crossing a comma or a new clause.

    A fronted date crosses its comma ("On Thursday, Trump forced a meeting"); others do
    not ("sworn in for a fourth term in May, has long sought a meeting" is no May meeting).
    A noun is dated only by a date of its own phrase ("Monday's meeting", "the summit in
    Helsinki on July 16"), not by the date of another verb ("gave no sign on Wednesday of
    agreements being prepared for the summit"); a speech verb is not dated by a date in
    what was said ("said the details would be made public on Thursday").
    """
    fronted = _FRONTED.fullmatch(body, clause[0], date.start) is not None
    # Only triggers within twice the reach can be reached (see _within_reach).
    lo = bisect.bisect_left(starts, date.start - 2 * _DATE_REACH - 60)
    hi = bisect.bisect_right(starts, date.end + 2 * _DATE_REACH)
    reachable = [
        t
        for t in triggers[lo:hi]
        if _within_reach(body, date, t, mentions)
        and not barrier_between(mentions, (date.start, date.end), t, ATTACH_BARRIER, fronted)
        and _date_fits(body, date, t, fronted, mentions)
    ]
    if not reachable:
        return None
    return min(reachable, key=lambda t: (gap(t.start, t.end, date.start, date.end), t.start))


def _within_reach(body: str, date: DateMention, trigger: Trigger, mentions: Mentions) -> bool:
    """Within ``_DATE_REACH`` characters, a name counting as one word: "the first formal
    summit between President Donald Trump and President Vladimir Putin on July 16"."""
    distance = gap(trigger.start, trigger.end, date.start, date.end)
    if distance <= _DATE_REACH:
        return True
    if distance > 2 * _DATE_REACH:
        return False
    start, end = (
        (trigger.end, date.start) if trigger.end <= date.start else (date.end, trigger.start)
    )
    return len(" ".join(mentions.masked(body, start, end).split())) <= _DATE_REACH


def _date_runs(body: str, dates: list[DateMention]) -> list[list[DateMention]]:
    """Dates of one head, split into happenings; two dates joined by "to"/"-"/"and" are one."""
    runs: list[list[DateMention]] = []
    for date in sorted(dates, key=lambda d: d.start):
        if runs and _RANGE_JOIN.fullmatch(body[runs[-1][-1].end : date.start]):
            runs[-1].append(date)
        else:
            runs.append([date])
    return runs


def _date_fits(
    body: str, date: DateMention, trigger: Trigger, fronted: bool, mentions: Mentions
) -> bool:
    """Whether a date may date this trigger (see _date_head)."""
    if trigger.speech and date.start >= trigger.end:
        return _REPORTED_CONTENT.search(body, trigger.end, date.start) is None
    if trigger.verb or fronted:
        return True
    if date.end <= trigger.start:
        between = mentions.masked(body, date.end, trigger.start)
        return _DATE_BEFORE_NOUN.fullmatch(between) is not None
    start = trigger.end
    passive = _PASSIVE_AFTER_NOUN.match(mentions.masked(body, trigger.end, date.start))
    if passive is not None:
        start += passive.end()
    # Lower-case words of the text model, names and dates aside, that are not near-words.
    loose = [
        word
        for _s, _e, word in mentions.masked_words(start, date.start)
        if word[:1].islower() and word not in _NEAR_WORDS
    ]
    return len(loose) <= 1


def named_by_year(body: str, group: Group) -> bool:
    """An election named by a year before it: "the 2016 election", "2016 U.S. election"."""
    return any(
        d.precision == "year"
        and d.end <= group.head.start
        and _NAMED_BY_YEAR.fullmatch(body, d.end, group.head.start) is not None
        for d in group.dates
    )
