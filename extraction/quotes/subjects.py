"""Who stands in a cue's subject slot, and whom "he", "she" or "they" stands for."""

from __future__ import annotations

import re

from extraction.quotes.index import NAME_PARENTHESIS, Index, Last, Person
from extraction.quotes.vocabulary import (
    ASKED,
    AUXILIARIES,
    CLAUSE_BREAK,
    CONJUNCTIONS,
    COORDINATORS,
    CUE_FORMS,
    FRONTED_SUBJECT,
    LEADING_WORDS,
    NOT_TITLE,
    PREPOSITION_BEFORE,
    PRONOUNS,
)

# Between a cue verb and the name after it ("said Kremlin aide Yuri Ushakov") no clause ends.
_NAME_GAP_STOP = re.compile(r"[,;:!?“”\"]|[a-z]{3,}\.\s")
_NAME_GAP_MAX_WORDS = 6
# "HELSINKI — Lindqvist said…": a dateline in capitals opening the sentence.
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'’]+\s+)*[A-Z][A-Z.'’]+\s*[—–-]+\s*")
_JOINT = re.compile(r"\s+(?:and|or)\s+[A-Z]")
_TITLE_WORDS = re.compile(r"[\w’'.-]+(?:\s+[\w’'.-]+){0,5}")
# How far back "he" or "she" may look for a subject, in sentences.
_PRONOUN_REACH = 4
_LEADING_MAX_WORDS = 30
# Title words before a subject's name: "Kremlin foreign-policy aide Yuri Ushakov".
_TITLE_MAX_WORDS = 6


def subject_before(index: Index, verb: int, lo: int) -> tuple[str, str | None, int]:
    """Who stands in the subject slot before ``verb``: (kind, person name, where it starts).

    kind is ``person`` (an entity), ``pronoun`` (he/she/they), ``other`` (words that are
    no entity: "officials", "the Kremlin", "a spokesman for Berg"), ``linked`` (the verb
    shares the subject of the clause before: "and said", "but added") or ``none``
    (nothing before the verb).
    """
    body = index.body
    position = verb
    for _ in range(4):  # skip "has", "also", "repeatedly" between subject and verb
        end = position
        while end > lo and body[end - 1].isspace():
            end -= 1
        start = end
        while start > lo and body[start - 1].isalpha():
            start -= 1
        word = body[start:end]
        if not word.islower() or not (
            word in AUXILIARIES or (len(word) > 4 and word.endswith("ly"))
        ):
            break
        position = start
    end = position
    while end > lo and body[end - 1].isspace():
        end -= 1
    if end <= lo:
        return "none", None, end
    found = index.person_at_end.get(end)
    if found:
        if PREPOSITION_BEFORE.search(body, max(lo, found[0] - 10), found[0]):
            return "other", None, found[0]  # "a spokesman for Tomas Berg said"
        return "person", found[1], found[0]
    start = end
    while start > lo and body[start - 1].isalpha():
        start -= 1
    word = body[start:end].lower()
    if word in PRONOUNS:
        return "pronoun", None, start
    if word in COORDINATORS:
        return "linked", None, start
    if word == "who":  # "Lindqvist, who called it a “…”"
        comma = start
        while comma > lo and body[comma - 1] == " ":
            comma -= 1
        found = index.person_at_end.get(comma - 1) if body[comma - 1 : comma] == "," else None
        if found:
            return "person", found[1], found[0]
    if body[end - 1] == ",":
        appositive = _appositive_subject(index, lo, end - 1)
        if appositive:
            return "person", appositive[2], appositive[0]
    return "other", None, start


def _appositive_subject(index: Index, lo: int, comma: int) -> Person | None:
    """``Andrey Kortunov, head of the council, said``: the first person followed by a comma."""
    for match in CLAUSE_BREAK.finditer(index.body, lo, comma):
        lo = match.end()
    for mention in index.iter_persons(lo, comma):
        tail = NAME_PARENTHESIS.match(index.body, mention[1])
        end = tail.end() if tail else mention[1]
        if end < comma and index.body[end] == ",":
            return mention
    return None


def name_after(index: Index, position: int, hi: int) -> str | None:
    """The person just after a cue: ``said Kremlin aide Yuri Ushakov`` -> Yuri Ushakov."""
    found = index.first_person_in(position, hi)
    if found is None:
        return None
    gap = index.body[position : found[0]]
    if len(gap.split()) > _NAME_GAP_MAX_WORDS or _NAME_GAP_STOP.search(gap):
        return None
    return found[2]


def joint_speakers(index: Index, lo: int, subject_start: int) -> bool:
    """``” Marta Lindqvist and`` before the subject: the first of two speakers."""
    first = index.persons_in(lo, subject_start)
    if len(first) != 1:
        return False
    body = index.body
    return (
        not body[lo : first[0][0]].strip(" ,")
        and body[first[0][1] : subject_start].strip() == "and"
    )


def leads_to_subject(prefix: str) -> bool:
    """What may stand between a closing mark and the speaker's name.

    Nothing, a clause ended by a comma (``” from the meeting, Bolton said``), or a few
    words of title with no conjunction (``” Kremlin foreign-policy aide Yuri Ushakov``).
    """
    stripped = prefix.strip()
    if not stripped or stripped.endswith(","):
        return True
    if stripped[0] in ".!?":
        return False  # ``”. The report also says``: a new sentence, not this quote's clause
    if not _TITLE_WORDS.fullmatch(stripped):
        return False
    return not any(word.lower() in CONJUNCTIONS for word in stripped.split())


def title_words(gap: str) -> bool:
    """A few capitalised words of title: ``NATO Secretary General`` (before a name)."""
    return bool(_TITLE_WORDS.fullmatch(gap)) and all(word[0].isupper() for word in gap.split())


def main_subject(index: Index, cue: int, last: Last | None) -> str | None:
    """The speaker of the sentence a participle or coordinated cue continues.

    The last quote's speaker when that quote is in the same sentence, else the subject
    of the sentence (``After meeting Berg, Lindqvist praised the plan, calling it “…”``
    -> Lindqvist; ``The ministry thanked Berg, calling…`` -> nobody).
    """
    s = index.sentence_of(cue)
    sentence_start = index.sentences[s]
    if last is not None and last.said.cue and last.close >= sentence_start:
        return last.said.speaker
    kind, speaker, at = sentence_subject(index, s, cue)
    if kind == "pronoun":
        return resolve_pronoun(index, at, last)
    return speaker


def resolve_pronoun(index: Index, position: int, last: Last | None) -> str | None:
    """The person "he", "she" or "they" stands for, in this order of preference:

    1. the speaker of the last quote (this or the paragraph before) when nobody else
       has been named since;
    2. the first person named earlier in the same sentence;
    3. the subject of the sentences before, walking back through this paragraph and the
       one before: a person subject (``Asked whether…, Lindqvist paused.``), the person
       asked (``A reporter asked Lindqvist whether…``), the one person a sentence with
       no person subject names. A sentence with a pronoun subject, or naming nobody,
       sends the walk one sentence further back; two people and no subject stop it.
    """
    s = index.sentence_of(position)
    # Section headings between do not put the last speaker out of reach.
    rank = index.rank[index.sentence_para[s]]
    if last is not None and last.said.cue and rank - index.rank[last.paragraph] <= 1:
        known = {last.said.speaker, last.said.addressee}
        if all(p[2] in known for p in index.iter_persons(last.close, position)):
            # An unnamed last speaker ("officials said") is no reason to reach further back.
            return last.said.speaker
    earlier = index.first_person_in(index.sentences[s], position)
    if earlier:
        return earlier[2]
    for back in range(s - 1, max(-1, s - 1 - _PRONOUN_REACH), -1):
        if rank - index.rank[index.sentence_para[back]] > 1:
            break
        kind, speaker, at = sentence_subject(index, back)
        if kind == "person":
            return speaker
        if kind == "pronoun":
            # ``When Trump stood beside Putin…, he was answering…``: the pronoun subject
            # stands for the subject of the fronted clause, not for any name before it
            # (``Asked whether she wanted Berg to win, she…`` is not Berg).
            named_before = index.first_person_in(index.sentences[back], at)
            if named_before and FRONTED_SUBJECT.fullmatch(
                index.body, index.sentences[back], named_before[0]
            ):
                return named_before[2]
            continue
        lo, hi = index.sentences[back], index.sentence_end(back)
        speaking = _speaking_subject(index, lo, hi)
        if speaking:
            return speaking
        asked = _person_asked(index, lo, hi)
        if asked:
            return asked
        named = {p[2] for p in index.iter_persons(lo, hi)}
        if len(named) == 1:
            return named.pop()
        if named:
            return None
    return None


def _speaking_subject(index: Index, lo: int, hi: int) -> str | None:
    """``In an interview with Berg, Lindqvist said…``: the person a cue of the sentence has
    for its subject, when the sentence's own subject could not be named."""
    for start, _end, _lemma in index.cues_in(lo, hi):
        kind, speaker, _at = subject_before(index, start, lo)
        if kind == "person":
            return speaker
    return None


def _person_asked(index: Index, lo: int, hi: int) -> str | None:
    """``A reporter asked Lindqvist whether…``: the person a question was put to."""
    for _, end, lemma in index.cues_in(lo, hi):
        if lemma == ASKED:
            at = end
            while at < hi and index.body[at] == " ":
                at += 1
            found = index.person_at_start.get(at)
            if found:
                return found
    return None


def sentence_subject(index: Index, s: int, hi: int | None = None) -> tuple[str, str | None, int]:
    """Who the subject of sentence ``s`` (up to ``hi``) is: (kind, person name, where).

    Phrases in front of the subject are passed over (``At the news conference on Monday,
    asked about the vote, Lindqvist…``), and so are a few words of title (``Kremlin aide
    Yuri Ushakov``, ``The Senate majority leader, Mitch McConnell,``). kind is ``person``,
    ``pronoun`` (he/she/they), ``other`` (``The Kremlin said``, ``Berg’s office said``)
    or ``none`` (no words outside quotes).
    """
    lo = index.sentences[s]
    hi = index.sentence_end(s) if hi is None else hi
    body = index.body
    dateline = _DATELINE.match(body, lo, hi)  # "HELSINKI — Lindqvist said…"
    words = index.words_outside(dateline.end() if dateline else lo, hi)
    first = next(words, None)
    for _ in range(3):  # "At the news conference on Monday, asked by a reporter, …"
        if first is None:
            return "none", None, lo
        word = body[first[0] : first[1]]
        leads = word.lower() in LEADING_WORDS or (
            word.endswith(("ed", "ing")) and word.lower() not in CUE_FORMS
        )
        if not leads or first[0] in index.person_at_start:
            break
        for _ in range(_LEADING_MAX_WORDS):
            comma = next(words, None)
            if comma is None or body[comma[0]] == ",":
                break
        if comma is None or body[comma[0]] != ",":
            return "other", None, first[0]
        first = next(words, None)
    if first is None:
        return "none", None, lo
    first_word = body[first[0] : first[1]]
    if first_word.lower() in PRONOUNS:
        return "pronoun", None, first[0]
    if first_word in CUE_FORMS:  # the verb first: "said Marta Lindqvist, a diplomat"
        speaker = name_after(index, first[1], hi)
        return ("person", speaker, first[0]) if speaker else ("other", None, first[0])
    word_span: tuple[int, int] | None = first
    for _ in range(_TITLE_MAX_WORDS + 1):
        assert word_span is not None
        found = index.person_at_start.get(word_span[0])
        if found:
            end = index.person_end_at_start[word_span[0]]
            if _JOINT.match(body, end):
                return "other", None, word_span[0]  # "Berg and Halvorsen said"
            if not body.startswith(("’s", "'s"), end):
                return "person", found, word_span[0]
            # "Berg’s office said" has no person subject; "Berg’s aide Ana Lind said" has.
        text = body[word_span[0] : word_span[1]]
        # A verb ends the subject: "The ministry thanked Halvorsen" has none we can name.
        if (
            text.lower() in NOT_TITLE
            or text in CUE_FORMS
            or (text.islower() and text.endswith("ed"))
        ):
            break
        word_span = next(words, None)
        if word_span is None:
            break
    return "other", None, first[0]
