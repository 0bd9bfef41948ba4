"""The vocabulary of extraction, read from the TOML files in ``extraction/data/lexicon/``.

Words live in data, not in code (STYLE.md rule 21): a new house style is a change to a
data file plus a row in a test table. The tables the steps use are *derived* here, once
per process, from the entries of the files: every form of a speech verb comes from its
lemma by the inflection rules below, so no list of forms is kept in step by hand.

>>> verbs = speech_verbs()
>>> verbs["say"].forms
('said', 'says', 'saying')
>>> sorted(speech_forms("addressed"))[:4]
['asked', 'asking', 'asks', 'telling']
>>> cue_lemma("tweets"), cue_lemma("labelled")
('tweeted', 'labeled')
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

LEXICON_DIR = Path(__file__).parent / "data" / "lexicon"

SpeechFlag = Literal[
    "cue", "naming", "addressed", "statement", "person", "before", "single", "talk_of", "talk_about"
]
_FLAGS: tuple[SpeechFlag, ...] = (
    "cue",
    "naming",
    "addressed",
    "statement",
    "person",
    "before",
    "single",
    "talk_of",
    "talk_about",
)


@cache
def load(name: str) -> Mapping[str, Any]:
    """The parsed TOML file ``data/lexicon/<name>.toml`` (read once per process)."""
    with (LEXICON_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def words(name: str, key: str) -> frozenset[str]:
    """A list of words of a lexicon file as a set: ``words("text", "abbreviations")``."""
    return frozenset(load(name)[key])


# --- speech verbs -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    """One verb of speech or reporting, with all its written forms."""

    lemma: str
    past: str
    present: str
    participle: str
    other_forms: tuple[str, ...]  # spelling variants: "emphasise", "labelled"
    cue_as: str | None  # the form a quote's cue reports ("tweeted"), None: no quote cue
    flags: frozenset[SpeechFlag]

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.past, self.present, self.participle, *self.other_forms)


@cache
def speech_verbs() -> Mapping[str, SpeechVerb]:
    """Every speech verb of ``speech_verbs.toml`` by lemma."""
    return {
        lemma: _speech_verb(lemma, entry) for lemma, entry in load("speech_verbs")["verbs"].items()
    }


def _speech_verb(lemma: str, entry: Mapping[str, Any]) -> SpeechVerb:
    past = entry.get("past") or _past(lemma)
    others: list[str] = []
    for variant in entry.get("also", ()):
        others += [variant, _present(variant), _past(variant), _participle(variant)]
    others += entry.get("also_past", ())
    flags = frozenset(flag for flag in _FLAGS if entry.get(flag))
    return SpeechVerb(
        lemma=lemma,
        past=past,
        present=entry.get("present") or _present(lemma),
        participle=entry.get("participle") or _participle(lemma),
        other_forms=tuple(dict.fromkeys(others)),
        cue_as=(entry.get("cue_as") or past) if entry.get("cue") else None,
        flags=flags,
    )


@cache
def speech_forms(flag: SpeechFlag, *, tenses: tuple[str, ...] = ()) -> frozenset[str]:
    """Every written form of the verbs that carry ``flag``.

    ``tenses`` narrows to some forms ("past", "present", "participle"); spelling variants
    count as every tense.
    """
    found: set[str] = set()
    for verb in speech_verbs().values():
        if flag not in verb.flags:
            continue
        if not tenses:
            found.update(verb.forms)
            continue
        found.update(getattr(verb, tense) for tense in tenses)
        found.update(verb.other_forms)
    return frozenset(found)


@cache
def _cue_lemmas() -> Mapping[str, str]:
    return {
        form: verb.cue_as
        for verb in speech_verbs().values()
        if verb.cue_as is not None
        for form in verb.forms
    }


def cue_lemma(form: str) -> str | None:
    """The cue a quote reports for a written form: "says" -> "said"; None if no cue."""
    return _cue_lemmas().get(form)


# English inflection of the regular verbs of speech: the first rule whose pattern ends the
# lemma replaces what it matched. Irregular forms are written in the data file instead.
_INFLECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "present": ((r"(s|sh|ch|x|z)$", r"\1es"), (r"([^aeiou])y$", r"\1ies"), (r"$", "s")),
    "past": ((r"e$", "ed"), (r"([^aeiou])y$", r"\1ied"), (r"$", "ed")),
    "participle": ((r"ie$", "ying"), (r"([^e])e$", r"\1ing"), (r"$", "ing")),
}


def _inflect(lemma: str, form: str) -> str:
    """>>> [_inflect(w, "past") for w in ("say", "reply", "argue", "add")]
    ['sayed', 'replied', 'argued', 'added']
    """
    for pattern, replacement in _INFLECTIONS[form]:
        if re.search(pattern, lemma):
            return re.sub(pattern, replacement, lemma, count=1)
    return lemma


def _present(lemma: str) -> str:
    return _inflect(lemma, "present")


def _past(lemma: str) -> str:
    return _inflect(lemma, "past")


def _participle(lemma: str) -> str:
    return _inflect(lemma, "participle")


# --- regular expressions from word lists --------------------------------------------------


def alternation(words: Iterable[str]) -> str:
    """A regex for any of ``words``, nested by shared prefix: ``s(?:a(?:id|ys))``.

    A flat alternation of sixty words is tried word by word at every position of a text;
    the nested one fails on the first letter that no word has there.

    >>> alternation(["said", "says", "told"])
    '(?:sa(?:id|ys)|told)'
    >>> bool(re.fullmatch(alternation(["ask", "asked"]), "asked"))
    True
    """
    return _alternation(sorted(set(words)))


def _alternation(words: list[str]) -> str:
    heads: dict[str, list[str]] = {}
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
    if not heads:
        return ""
    branches = []
    for head, tails in heads.items():
        # Fold a run of single-child nodes into one literal: "told" not "t(?:o(?:l(?:d)))".
        prefix = head
        while len(tails) == 1 and tails[0]:
            prefix += tails[0][0]
            tails = [tails[0][1:]]
        rest = _alternation(tails) if tails != [""] else ""
        branches.append(re.escape(prefix) + rest)
    either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{either})?" if "" in words else either
