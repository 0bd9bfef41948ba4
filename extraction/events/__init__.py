"""Events: dated happenings (summits, meetings, calls, statements, indictments...) in the body.

An event is a *trigger* word (a noun or verb such as "summit", "met", "announced",
"told") and a date expression in the same clause of the same sentence. The parts:

- ``triggers``: every trigger word outside direct quotes (a quote's words are the
  speaker's, not the reporter's account of what happened); the lexicon is data,
  ``data/lexicon/events.toml``, read by ``words``.
- ``dating``: each sentence is cut into clauses at ";", dashes and conjunctions such as
  "after", "as", ", which" — a date in one clause never dates a trigger in another. Each
  date goes to the nearest trigger of its clause it can reach (the *head*); two dates
  joined by "-", "to" or "and" make one range; the dateline is never an event. Other
  triggers close to a head join its group and refine its kind.
- ``happenings``: a group's kind (a speech verb stays a statement unless said in an
  interview, a call, a tweet or a press conference; as the cue of a quote it outranks
  the meeting it was said at), and the event built from it.
- ``roles``: who speaks, who takes part, where.
- ``titles``: a kind → templates table: "Trump–Putin summit in Helsinki".
- ``same`` and ``merge``: the one definition of the same happening (shared with the
  timeline), and one event per happening in the article.

The strategies that find an event run in the order of ``EVENT_STRATEGIES``, and each
event records the one that found it:

- ``dated_trigger``: a trigger and a date of its clause;
- ``lede_noun``: the first sentence's date and the meeting-like noun that comes late in
  it ("Trump stood beside Putin on Monday ..., at the end of a summit in Helsinki");
- ``antecedent``: "the meeting opened on Wednesday" named after the happening of its
  kind told before it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extraction.events import dating, triggers
from extraction.events.context import Mentions, Span, Trigger, entity_mentions, inside, within
from extraction.events.happenings import event_of, lede_event
from extraction.events.merge import merge_duplicates, resolve_vague
from extraction.events.same import KIND_FAMILIES, same_happening
from extraction.events.words import EVENT_KINDS
from extraction.results import DateMention, Entity, Event, Quote
from extraction.text import Text

__all__ = ["EVENT_KINDS", "EVENT_STRATEGIES", "KIND_FAMILIES", "find_events", "same_happening"]

EVENT_STRATEGIES = ("dated_trigger", "lede_noun", "antecedent")


@dataclass(frozen=True, slots=True)
class _Article:
    """What the strategies read: the text, its usable dates, names and triggers."""

    text: Text
    dates: list[DateMention]
    mentions: Mentions
    triggers: list[Trigger]


def find_events(
    text: Text | str,
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
    >>> [(e.title, e.kind, e.date, e.place, e.strategy) for e in find_events(
    ...     body, entities=people, dates=(wednesday,), quotes=())]
    [('Putin–Bolton talks in Moscow', 'talks', '2018-06-27', 'Moscow', 'dated_trigger')]
    """
    text = Text.of(text)
    body = text.body
    # A quote's words are claims, not reports; a transcript's answers (no marks around
    # them) are the speaker's own account and are read like the story's sentences.
    quoted = sorted((q.start - 1, q.end + 1) for q in quotes if body[q.start - 1 : q.start] != " ")
    dateline = text.dateline or (0, 0)
    usable = sorted(
        (d for d in dates if not inside(quoted, d.start) and not within(dateline, d.start)),
        key=lambda d: d.start,
    )
    mentions = entity_mentions(text, entities, quoted, usable, triggers.QuoteCues(text, quotes))
    found = [
        t
        for t in (triggers.naming_as_speech(body, t, mentions.cues) for t in triggers.scan(text))
        if not inside(quoted, t.start) and triggers.keep(body, t, mentions)
    ]
    article = _Article(text, usable, mentions, found)
    events: list[Event] = []
    for strategy in EVENT_STRATEGIES:
        events = _STRATEGIES[strategy](article, events)
    return tuple(merge_duplicates(events))


def _dated_triggers(article: _Article, events: list[Event]) -> list[Event]:
    """A trigger and a date of its clause, sentence by sentence."""
    body, mentions = article.text.body, article.mentions
    date_starts = [d.start for d in article.dates]
    trigger_starts = [t.start for t in article.triggers]
    found = list(events)
    for sentence in article.text.sentences:
        in_sentence = _starting_in(article.dates, date_starts, sentence)
        if not in_sentence:
            continue
        for clause in dating.clauses(body, sentence):
            clause_dates = _starting_in(article.dates, date_starts, clause)
            clause_triggers = _starting_in(article.triggers, trigger_starts, clause)
            for group in dating.groups(body, clause, clause_dates, clause_triggers, mentions):
                group.clause, group.sentence = clause, sentence
                event = event_of(body, group, clause_triggers, mentions, "dated_trigger")
                if event is not None:
                    found.append(event)
    return found


def _lede(article: _Article, events: list[Event]) -> list[Event]:
    """The happening of the first sentence whose noun comes late (see ``lede_event``)."""
    if not article.text.sentences:
        return events
    lede = lede_event(
        article.text.body,
        article.text.sentences[0],
        article.dates,
        article.triggers,
        article.mentions,
        events,
    )
    return [lede, *events] if lede is not None else events


def _antecedents(article: _Article, events: list[Event]) -> list[Event]:
    return resolve_vague(events)


_STRATEGIES: dict[str, Callable[[_Article, list[Event]], list[Event]]] = {
    "dated_trigger": _dated_triggers,
    "lede_noun": _lede,
    "antecedent": _antecedents,
}


def _starting_in(items: list, starts: list[int], span: Span) -> list:
    """Items (sorted, ``starts`` their offsets) that start in ``[start, end)``."""
    return items[bisect_left(starts, span[0]) : bisect_left(starts, span[1])]
