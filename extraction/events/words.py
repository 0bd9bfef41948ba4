"""The event step's vocabulary, derived once at import from ``data/lexicon/events.toml``.

Nothing here is kept by hand: the trigger regex, the three-letter stems the fast scan
skips on and its first-letter lookahead come from the trigger forms; the speech-verb
triggers come from ``speech_verbs.toml`` (every verb flagged ``statement``).

>>> "sai" in TRIGGER_STEMS and "sum" in TRIGGER_STEMS
True
>>> TRIGGERS[0].kind, TRIGGERS[0].verb
('press_conference', False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extraction import lexicon

_DATA = lexicon.load("events")

EVENT_KINDS: tuple[str, ...] = tuple(_DATA["kinds"])
KIND_RANK: dict[str, float] = dict(_DATA["kinds"])
QUOTED_STATEMENT_RANK: float = _DATA["ranks"]["quoted_statement"]
SPEECH_FORMS: tuple[str, ...] = tuple(_DATA["speech"]["forms"])
OTHER_TITLES: tuple[tuple[str, str], ...] = tuple(_DATA["other_titles"].items())
LABELS: dict[str, str] = dict(_DATA["labels"])
LEDE_KINDS: tuple[str, ...] = tuple(_DATA["words"]["lede_kinds"])


def words(key: str) -> frozenset[str]:
    """A word list of ``[words]`` as a set."""
    return frozenset(_DATA["words"][key])


def alternation(key: str) -> str:
    """A word list of ``[words]`` as a regex alternation; a space matches any white space."""
    return _spaced(lexicon.alternation(_DATA["words"][key]))


def _spaced(pattern: str) -> str:
    return pattern.replace(r"\ ", r"\s+")


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One ``[[triggers]]`` entry: its kind, whether a verb or a speech verb, its forms."""

    kind: str
    verb: bool  # a verb needs a subject; a noun does not
    speech: bool  # said, told, added...: an event only with a named speaker
    forms: tuple[str, ...]
    pattern: str


def _speech_verb_forms() -> list[str]:
    present = set(_DATA["speech"]["present"])
    forms: list[str] = []
    for verb in lexicon.speech_verbs().values():
        if "statement" not in verb.flags:
            continue
        forms.append(verb.past)
        if verb.lemma in present:
            forms.append(verb.present)
        # The past of a spelling variant: "criticised".
        forms += [form for form in verb.other_forms if form.endswith("ed")]
    return forms


def _entry(raw: dict[str, Any]) -> TriggerEntry:
    forms = list(raw.get("forms", ()))
    if raw.get("speech_verbs"):
        forms = _speech_verb_forms() + forms
    pattern = _spaced(lexicon.alternation(forms))
    if raw.get("next"):
        pattern += r"\s+" + _spaced(lexicon.alternation(raw["next"]))
    if raw.get("not_object"):
        words_ = lexicon.alternation(raw["not_object"])
        pattern += rf"(?!\s+(?:\w+\s+)?{words_}\b)"
    if raw.get("object"):
        word = re.escape(raw["object"])
        pattern += rf"(?=\s+(?:(?!(?:that|which|whether)\b)[\w’'-]+\s+){{0,3}}?{word}\b)"
    if raw.get("after"):
        # A look-behind needs a fixed width: one per word.
        pattern = "(?:" + "|".join(rf"(?<={re.escape(w)}\s)" for w in raw["after"]) + ")" + pattern
    return TriggerEntry(
        kind=raw["kind"],
        verb=raw["part"] == "verb",
        speech=bool(raw.get("speech")),
        forms=tuple(forms),
        pattern=pattern,
    )


TRIGGERS: tuple[TriggerEntry, ...] = tuple(_entry(raw) for raw in _DATA["triggers"])
# Verbs that trigger only with a person right after them: "called Putin".
PERSON_AFTER = frozenset(
    form.lower()
    for raw, entry in zip(_DATA["triggers"], TRIGGERS, strict=True)
    if raw.get("person_after")
    for form in entry.forms
)
_FIRST_WORDS = sorted({form.lower().split()[0] for entry in TRIGGERS for form in entry.forms})
# The first three letters of every trigger word: the fast scan tries the full lexicon only
# where a word starts like one.
TRIGGER_STEMS: tuple[str, ...] = tuple(sorted({word[:3] for word in _FIRST_WORDS}))
_FIRST_LETTERS = "".join(sorted({word[0] for word in _FIRST_WORDS}))
TRIGGER_WORD = re.compile(
    rf"\b(?=[{re.escape(_FIRST_LETTERS)}])(?<![\w-])(?:"
    + "|".join(f"(?P<t{i}>{entry.pattern})" for i, entry in enumerate(TRIGGERS))
    + r")(?![\w-])",
    re.IGNORECASE,
)
# The same without IGNORECASE, for the lower-cased text (about twice as fast).
TRIGGER_WORD_LOWER = re.compile(TRIGGER_WORD.pattern)
TRIGGER_START = re.compile(r"\b(?<![\w-])" + lexicon.alternation(TRIGGER_STEMS))
