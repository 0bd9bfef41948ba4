"""The event step's structure: its lexicon is data, its strategies drive and are
recorded, it merges one happening into one event, and its work grows linearly."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from extraction import lexicon
from extraction.events import EVENT_STRATEGIES, find_events, words
from extraction.events.triggers import scan
from extraction.results import DateMention, Entity, Quote
from extraction.text import Text
from tests.extraction.test_events import _events

# --- the lexicon as data ---------------------------------------------------------------


def test_the_trigger_stems_and_lookahead_are_derived_from_every_form():
    forms = [form for entry in words.TRIGGERS for form in entry.forms]
    assert len(forms) > 150
    for form in forms:
        assert form.lower()[:3] in words.TRIGGER_STEMS, form
    # Each form, written in a sentence of its own, is found by the fast scan as the full
    # lexicon finds it.
    body = ". ".join(f"They {form} it" for form in forms)
    full = [(m.start(), m.end()) for m in words.TRIGGER_WORD.finditer(body)]
    assert [(t.start, t.end) for t in scan(Text.of(body))] == full


def test_speech_verb_triggers_are_the_statement_verbs_of_speech_verbs_toml():
    speech = {
        body[t.start : t.end]
        for body in ["Marta Lindqvist " + f + " on Monday." for f in _all_speech_forms()]
        for t in scan(Text.of(body))
        if t.speech
    }
    for verb in lexicon.speech_verbs().values():
        if "statement" in verb.flags:
            assert verb.past in speech, verb.lemma
        elif verb.past not in ("tweeted",):
            assert verb.past not in speech, verb.lemma  # "explained" is no statement


def _all_speech_forms() -> list[str]:
    return [verb.past for verb in lexicon.speech_verbs().values()]


def test_no_trigger_word_list_is_kept_in_the_code():
    from pathlib import Path

    import extraction.events as package

    source = "".join(
        path.read_text(encoding="utf-8") for path in Path(package.__file__).parent.glob("*.py")
    )
    for code in (
        "host(?:s|ed|ing)",
        '"telephoned"',
        "_TRIGGER_STEMS = [",
        "_SENTENCE_END",
        "_LOOSE_WORD",
    ):
        assert code not in source


# --- strategies -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, strategy",
    [
        ("Bolton met Putin in Moscow on Wednesday.", "dated_trigger"),
        (
            "Trump stood beside Putin on Monday and smiled for the cameras at the end of a "
            "summit in Helsinki.",
            "lede_noun",
        ),
        (
            "NATO leaders held a summit in Brussels on July 11. The summit opened on "
            "Wednesday with a breakfast.",
            "antecedent",
        ),
    ],
)
def test_each_event_records_the_strategy_that_found_it(body, strategy):
    found = {e.strategy for e in _events(body)}
    assert strategy in found
    assert found <= set(EVENT_STRATEGIES)


# --- one happening, one event, in an article ------------------------------------------------


@pytest.mark.parametrize(
    "body, count",
    [
        # Two mentions of one summit: one event.
        (
            "Trump and Putin will hold a summit in Helsinki on July 16. "
            "Their meeting in Helsinki on July 16 is the first.",
            1,
        ),
        # A visit to the city of a summit is not the summit.
        (
            "Trump and Putin will hold a summit in Helsinki on July 16. "
            "Putin arrived in Helsinki on July 16.",
            2,
        ),
        # Different principal participants: two meetings of one day.
        (
            "Trump met Putin in Helsinki on July 16. Trump met Lindqvist in Helsinki on July 16.",
            2,
        ),
    ],
)
def test_one_happening_is_one_event_and_two_are_two(body, count):
    events = _events(body)
    assert len(events) == count, [(e.kind, e.title, e.participants) for e in events]


# --- linear work on hostile input (issue 15) ----------------------------------------------


def _calls(run: Callable[[], object]) -> int:
    """Python and built-in function calls made by ``run``: a measure of work, not time."""
    count = 0

    def profile(_frame, event, _arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count


def _unpunctuated(n: int) -> tuple[str, list[Entity], list[DateMention], list[Quote]]:
    """One endless sentence: names, trigger words and dates with no punctuation."""
    parts, people, dates = [], {"Trump": [], "Putin": [], "Lindqvist": []}, []
    offset = 0
    for i in range(n):
        name = ("Trump", "Putin", "Lindqvist")[i % 3]
        chunk = f"{name} met officials on Monday and talks went on "
        people[name].append((offset, offset + len(name)))
        monday = offset + chunk.index("Monday")
        dates.append(DateMention("Monday", monday, monday + 6, "2018-07-16", "day", "weekday"))
        parts.append(chunk)
        offset += len(chunk)
    entities = [Entity(n, "person", None, True, tuple(spans)) for n, spans in people.items()]
    return "".join(parts), entities, dates, []


def _many_quotes(n: int) -> tuple[str, list[Entity], list[DateMention], list[Quote]]:
    """Many short quotes, each cued by "said", and a dated statement after each."""
    parts, quotes, spans, dates, offset = [], [], [], [], 0
    for _ in range(n):
        chunk = "“Yes,” Putin said on Monday. "
        quotes.append(Quote("Yes,", offset + 1, offset + 5, "Vladimir Putin", "said"))
        spans.append((offset + 7, offset + 12))
        dates.append(
            DateMention("on Monday", offset + 18, offset + 27, "2018-07-16", "day", "weekday")
        )
        parts.append(chunk)
        offset += len(chunk)
    entities = [Entity("Vladimir Putin", "person", None, True, tuple(spans))]
    return "".join(parts), entities, dates, quotes


def _many_events(n: int) -> tuple[str, list[Entity], list[DateMention], list[Quote]]:
    """Many sentences, each a dated meeting of its own day: many events to merge."""
    parts, spans, dates, offset = [], [], [], 0
    for i in range(n):
        day = f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}"
        chunk = f"Trump met Putin on {day}. "
        spans += [(offset, offset + 5), (offset + 10, offset + 15)]
        dates.append(DateMention(day, offset + 19, offset + 29, day, "day", "iso"))
        parts.append(chunk)
        offset += len(chunk)
    trump = Entity("Donald Trump", "person", None, True, tuple(spans[0::2]))
    putin = Entity("Vladimir Putin", "person", None, True, tuple(spans[1::2]))
    return "".join(parts), [trump, putin], dates, []


@pytest.mark.parametrize("shape", [_unpunctuated, _many_quotes, _many_events])
def test_the_work_grows_linearly_with_the_text(shape):
    def work(n: int) -> int:
        body, entities, dates, quotes = shape(n)
        text = Text.of(body)
        return _calls(lambda: find_events(text, entities=entities, dates=dates, quotes=quotes))

    small, large = work(150), work(600)
    # Four times the text: about four times the work (a quadratic path gives sixteen).
    assert large <= 5 * small, (small, large)
