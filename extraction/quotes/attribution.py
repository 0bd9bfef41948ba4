"""ATTRIBUTION_STRATEGIES: the quote's own clause names its speaker.

Each strategy takes the index, the quote and the last kept quote and returns a ``Said``
(possibly with no speaker: ``“…,” officials said``) or None when its pattern is not
there; ``attribute`` tries them in the order of ``ATTRIBUTION_STRATEGIES``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from extraction.quotes.index import Index, Last, Said
from extraction.quotes.marks import Raw
from extraction.quotes.subjects import (
    joint_speakers,
    leads_to_subject,
    main_subject,
    name_after,
    resolve_pronoun,
    sentence_subject,
    subject_before,
    title_words,
)
from extraction.quotes.vocabulary import (
    ACCORDING_TO,
    ADDRESSED_CUES,
    ATTRIBUTIVE,
    CLAUSE_OPENERS,
    NAMING_CUES,
    REPORTED_CLAUSE,
    SPEECH_NOUN_LEAD,
    cue_lemma,
    is_infinitive,
)
from extraction.results import DateMention
from extraction.text import Span

ATTRIBUTION_STRATEGIES = ("after_quote", "according_to", "before_quote", "colon_lead_in")

# Between a cue and its date stand a few words (``said on``, ``told reporters in Oslo on``,
# ``said in a statement on``, ``said Lindqvist, a diplomat, on``), never a reported clause:
# a word that opens or carries one ends the search (``said that the talks on Friday…``).
_AFTER_CUE_MAX_WORDS = 12
# A relative clause still open: ", who met Putin on" (its date is not the speech's).
_TITLE_MAX_CHARS = 80
# "went on to", "wanted to": the verb an infinitive cue hangs on, and its particle.
_GOVERNING_MAX_WORDS = 2
_PARTICLES = frozenset({"on"})
_IN_RELATIVE = re.compile(r",\s+(?:who|whose|which|where)\b[^,]*$")

Strategy = Callable[[Index, Raw, "Last | None"], "Said | None"]


def attribute(index: Index, raw: Raw, last: Last | None) -> Said | None:
    """The first of ``ATTRIBUTION_STRATEGIES`` that finds the quote's own clause."""
    for name in ATTRIBUTION_STRATEGIES:
        said = _STRATEGIES[name](index, raw, last)
        if said is not None:
            return said if said.strategy == name else replace(said, strategy=name)
    return None


def _after_quote(index: Index, raw: Raw, last: Last | None) -> Said | None:
    """``“…,” Lindqvist said`` / ``“…,” said Lindqvist`` / ``“…” from the start, she said``."""
    body = index.body
    lo, hi = raw.close + 1, raw.after_hi
    cue = next((c for c in index.cues_in(lo, hi) if c[2] not in NAMING_CUES), None)
    if cue is None or cue[2] == ACCORDING_TO:
        return None
    start, end, lemma = cue
    if body[start:end].endswith("ing") or is_infinitive(body, start):
        return None  # ``…”, adding that…``: the participle belongs to the clause before
    if not body[lo:start].strip(" ,—–-\t\n"):
        # Verb first: ``,” said Andrey Kortunov, head of…``.
        speaker = name_after(index, end, hi)
        return said_by(index, speaker, lemma, end, (lo, hi), (start, end), "after_quote")
    kind, speaker, subject_start = subject_before(index, start, lo)
    if kind in ("none", "linked"):
        return None
    if not leads_to_subject(body[lo:subject_start]):
        if kind == "person" and joint_speakers(index, lo, subject_start):
            # ``“…,” Lindqvist and Berg said``: two speakers, and a quote has one.
            return said_by(index, None, lemma, end, (lo, hi), (start, end), "after_quote")
        return None
    if kind == "pronoun":
        speaker = resolve_pronoun(index, subject_start, last)
    return said_by(index, speaker, lemma, end, (lo, hi), (start, end), "after_quote")


def _according_to(index: Index, raw: Raw, last: Last | None) -> Said | None:
    """``“…,” according to Lindqvist`` or ``According to Lindqvist, the plan is “…”``."""
    body = index.body
    after = [c for c in index.cues_in(raw.close + 1, raw.after_hi) if c[2] == ACCORDING_TO]
    before = [c for c in index.cues_in(raw.before_lo, raw.open) if c[2] == ACCORDING_TO]
    if after and leads_to_subject(body[raw.close + 1 : after[0][0]]):
        start, end, _ = after[0]
        stretch = (raw.close + 1, raw.after_hi)
    elif before:
        start, end, _ = before[-1]
        stretch = (raw.before_lo, raw.open)
    else:
        return None
    speaker = name_after(index, end, stretch[1])
    return said_by(index, speaker, ACCORDING_TO, end, stretch, (start, end), "according_to")


def _before_quote(index: Index, raw: Raw, last: Last | None) -> Said | None:
    """``Lindqvist said: “…”``, ``she added that “…”``, ``Lindqvist has called it a “…”``."""
    return clause_before(index, raw.before_lo, raw.open, last, "before_quote")


def _colon_lead_in(index: Index, raw: Raw, last: Last | None) -> Said | None:
    """A paragraph ending ``Lindqvist wrote on Twitter:`` and the next opening with the quote."""
    if raw.paragraph == 0 or raw.open != index.paragraphs[raw.paragraph][0]:
        return None
    hi = index.paragraphs[raw.paragraph - 1][1]
    if index.body[hi - 1] != ":":
        return None
    lo = index.sentences[index.sentence_of(hi - 1)]
    said = clause_before(index, lo, hi, last, "colon_lead_in")
    if said is None and (owner := SPEECH_NOUN_LEAD.search(index.body, lo, hi)):
        # ``His answer:`` / ``Lindqvist's reply:``: the owner of the answer speaks.
        if owner["pronoun"]:
            speaker = resolve_pronoun(index, owner.start(), last)
        else:
            speaker = index.person_at_end.get(owner.end("owner"), (0, None))[1]
        said = Said(speaker, None, strategy="colon_lead_in")
    return said


_STRATEGIES: dict[str, Strategy] = {
    "after_quote": _after_quote,
    "according_to": _according_to,
    "before_quote": _before_quote,
    "colon_lead_in": _colon_lead_in,
}


def clause_before(index: Index, lo: int, hi: int, last: Last | None, strategy: str) -> Said | None:
    """The last cue of ``[lo, hi)`` and its subject: ``Lindqvist told Berg: “``."""
    cues = [c for c in index.cues_in(lo, hi) if c[2] != ACCORDING_TO]
    if not cues:
        return None
    start, end, lemma = cues[-1]
    if is_infinitive(index.body, start):
        # ``Berg went on to say that “…”``, ``she had meant to say “…”``: the subject of
        # the verb the infinitive hangs on.
        start = _governing_verb(index.body, start - 3, lo)
    kind, speaker, subject_start = subject_before(index, start, lo)
    if kind == "linked" or index.body[start:end].endswith("ing"):
        # ``Berg met Halvorsen and said “…”``, ``…, adding: “…”``: the clause's subject.
        speaker = main_subject(index, start, last)
    elif kind == "pronoun":
        speaker = resolve_pronoun(index, subject_start, last)
    elif kind == "none":  # the verb opens the clause: ``said Lindqvist, “…”``
        speaker = name_after(index, end, hi)
    return said_by(index, speaker, lemma, end, (lo, hi), (start, end), strategy)


def _governing_verb(body: str, to: int, lo: int) -> int:
    """Where the verb that ``to`` hangs on starts: ``went on|to``, ``had meant|to``."""
    words = 0
    at = to
    while words < _GOVERNING_MAX_WORDS:
        end = at
        while end > lo and body[end - 1] == " ":
            end -= 1
        start = end
        while start > lo and body[start - 1].isalpha():
            start -= 1
        if start == end or not body[start:end].islower():
            break
        at, words = start, words + 1
        if body[start:end] not in _PARTICLES:
            break
    return at


def said_by(
    index: Index,
    speaker: str | None,
    cue: str,
    cue_end: int,
    stretch: Span,
    cue_span: Span,
    strategy: str,
) -> Said:
    """What a cue found: its speaker, the person it addresses, and the date of the speech."""
    addressee = None
    if cue in ADDRESSED_CUES:
        at = cue_end
        while at < len(index.body) and index.body[at] == " ":
            at += 1
        addressee = _titled_person(index, at)
        if addressee is None:
            found = index.entity_at.get(at)
            if found is None and index.body.startswith("the ", at):  # "told the Nordic Council"
                found = index.entity_at.get(at + 4)
            addressee = found[1] if found else None
    date = _speech_date(index, stretch, cue_span)
    return Said(
        speaker=speaker,
        cue=cue,
        addressee=addressee,
        date=date.date if date else None,
        precision=date.precision if date else None,
        strategy=strategy,
        cue_end=cue_end,
    )


def _titled_person(index: Index, at: int) -> str | None:
    """The person a cue's object names behind a title: ``told NATO Secretary General
    Jens Stoltenberg`` -> Jens Stoltenberg (not NATO, which only qualifies the title)."""
    found = index.first_person_in(at, len(index.body))
    if found is None:
        return None
    start = found[0]
    if start - at > _TITLE_MAX_CHARS:
        return None  # no title is that long; and the gap is not copied for nothing
    if start == at or title_words(index.body[at:start].rstrip()):
        return found[2]
    return None


def _speech_date(index: Index, stretch: Span, cue: Span) -> DateMention | None:
    """The date of the cue in ``stretch``: before it, or just after it, nearest first.

    ``On Monday, Lindqvist said``, ``said on Monday``, ``told reporters on Tuesday``,
    ``said in a statement on Monday``. Not a date that describes a thing ("the July 16
    summit") nor one in what was reported (``said that the talks on Friday…``).
    """
    body = index.body
    best, distance = None, len(body)
    for mention in index.dates_in(*stretch):
        if ATTRIBUTIVE.search(body, max(0, mention.start - 8), mention.start):
            continue
        if mention.end <= cue[0]:
            if _IN_RELATIVE.search(body, stretch[0], mention.start):
                continue  # ``Bolton, who met Putin on Wednesday, said``: the meeting's date
            gap = cue[0] - mention.end
        elif _just_after_cue(index, cue, mention.start):
            gap = mention.start - cue[1]
        else:
            continue
        if gap < distance:
            best, distance = mention, gap
    return best


def _just_after_cue(index: Index, cue: Span, at: int) -> bool:
    words = [word.lower() for word in index.text.words(cue[1], at)]
    if len(words) > _AFTER_CUE_MAX_WORDS or any(word in REPORTED_CLAUSE for word in words):
        return False
    addressed = cue_lemma(index.body[cue[0] : cue[1]]) in ADDRESSED_CUES
    return not words or addressed or words[0] not in CLAUSE_OPENERS


def introduction_date(index: Index, raw: Raw, speaker: str) -> DateMention | None:
    """The date of the sentence that introduces a quote whose own clause has none.

    ``At the news conference on Monday, asked about the vote, Lindqvist did not hesitate.
    “…,” she said.``: the sentence just before the quote's, in its paragraph or closing
    the one before, with the speaker as its subject and a cue of speech ("asked",
    "telling", "said") the date goes with.
    """
    s = index.sentence_of(raw.open)
    key = ("introduction", s, speaker)
    if key not in index.memo:  # many quotes of one sentence ask about the same one
        index.memo[key] = _introduction_date(index, s, speaker)
    return index.memo[key]


def _introduction_date(index: Index, s: int, speaker: str) -> DateMention | None:
    if s <= 0 or index.sentence_para[s] - index.sentence_para[s - 1] > 1:
        return None
    lo, hi = index.sentences[s - 1], index.sentence_end(s - 1)
    if not index.dates_in(lo, hi):
        return None
    cues = index.cues_in(lo, hi)
    if not cues or sentence_subject(index, s - 1)[:2] != ("person", speaker):
        return None
    start, end, _ = cues[0]
    return _speech_date(index, (lo, hi), (start, end))
