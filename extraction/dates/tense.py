"""The tense of the clause around a date expression: is what it dates gone or to come?

Dates that depend on the tense ("met on Wednesday" against "will meet on Wednesday",
"in March" written in June) read the words of the clause around the expression, from
the tokens of its sentence in the text model; the markers are the lists of
``data/lexicon/tense.toml``.

>>> ctx = Context(Text.of("Putin met Bolton on Wednesday and will see Trump in July."), None)
>>> ctx.tense(20, 29), ctx.tense(51, 55)
('past', 'future')
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from extraction.dates import vocabulary as v
from extraction.dates.reading import is_possessive, word_before
from extraction.text import Span, Text

Tense = Literal["past", "future"] | None
# Inside the walk a clause may also leave the tense open: "was expected to meet on July
# 16" tells of a plan as it stood, so the search stops there without a tense.
_Marked = Literal["past", "future", "open"] | None

_TENSE_REACH = 200  # characters read on either side of an expression
_TOKEN_REACH = 100  # tokens fetched on either side: more than _TENSE_REACH can hold
_FIRST_TOKENS = 24  # tokens fetched first: a marker is mostly among them
_PRESENT_REACH = 80  # characters before "in <Month>" read for the clause's verb
# Marks between two words that break the clause: quotes, brackets, stops, dashes.
_CLAUSE_MARKS = frozenset("\"'“”‘’()[],;:.!?—–-…")
_GLUED_MARKS = _CLAUSE_MARKS - {"—", "–"}  # a dash stands apart even when it touches


class Context:
    """The text and the publication date, and the tense of the clause around an expression."""

    __slots__ = ("body", "published", "text")

    def __init__(self, text: Text, published: dt.date | None) -> None:
        self.text = text
        self.body = text.body
        self.published = published

    def tense(self, start: int, end: int) -> Tense:
        """The tense of the clause around ``body[start:end]``, or None when nothing says.

        The nearest marker before the expression in its own clause decides ("Putin met
        Bolton on Wednesday"); else the nearest after it in the clause ("On Wednesday,
        Putin met Bolton"); else the nearest before it, then after it, in the sentence.
        A date inside a noun phrase ("the July 16 summit") takes no tense from the verbs
        after it. A date after "before" and a verb in -ing ("before flying to Helsinki on
        Monday") lies ahead when no verb of the sentence says otherwise: it is the next
        step of a plan ("He is in Scotland before flying to Helsinki on Monday").
        Words are read outwards from the expression, up to the sentence's end or
        ``_TENSE_REACH`` characters, and only until a marker turns up.
        """
        marked = self._marked(start, end)
        return None if marked == "open" else marked

    def clause_tense(self, start: int, end: int) -> Tense:
        """The tense of a marker in the expression's own clause only (``tense`` falls back
        on markers beyond a comma or a clause word): None when its clause says nothing."""
        marked = self._marked(start, end, near_only=True)
        return None if marked == "open" else marked

    def _marked(self, start: int, end: int, *, near_only: bool = False) -> _Marked:
        text = self.text
        previous = word_before(text, start).lower()
        if previous == "since":
            return "past"  # "since January": from a time gone by
        sentence_start, sentence_end = text.sentence_at(start)
        lo = max(sentence_start, start - _TENSE_REACH)
        before_tense, before_far, leaning, marker = _nearest_marker(text, start, lo, backwards=True)
        in_noun_phrase = previous in v.TENSE["attributive"] or is_possessive(previous)
        if in_noun_phrase and marker in v.REPORTING:
            # "a spokesman said Tuesday the July 16 summit would go ahead": the verb
            # dates the report; the happening the phrase names has no tense of its own.
            return "open"
        if before_tense and not before_far:
            return before_tense
        if in_noun_phrase:
            # See ATTRIBUTIVE in tense.toml: the verbs after it are not about the date.
            return None if near_only else before_tense or leaning
        hi = min(max(sentence_end, end), end + _TENSE_REACH)
        after_tense, after_far, _, _ = _nearest_marker(text, end, hi, backwards=False)
        if after_tense and not after_far:
            return after_tense
        if near_only:
            return None
        return before_tense or after_tense or leaning


def _nearest_marker(
    text: Text, offset: int, bound: int, *, backwards: bool
) -> tuple[_Marked, bool, Tense, str]:
    """The first tense marker met walking from ``offset`` (an end of the expression) to
    ``bound``, whether a clause break was crossed on the way, the weaker lean of a
    "before flying to" met on the way back (see ``Context.tense``), and the marker.

    A few tokens are fetched first, as a marker is mostly among them; all that the
    reach can hold only when they are not enough.
    """
    fetch = text.tokens_before if backwards else text.tokens_after
    spans = fetch(offset, _FIRST_TOKENS)
    found = _walk(text, spans, bound, backwards=backwards)
    if found[0] is None and _short(spans, bound, backwards):
        found = _walk(text, fetch(offset, _TOKEN_REACH), bound, backwards=backwards)
    return found


def _walk(
    text: Text, spans: list[Span], bound: int, *, backwards: bool
) -> tuple[_Marked, bool, Tense, str]:
    """``_nearest_marker`` through ``spans``, the tokens on one side of the expression
    (nearest last when ``backwards``)."""
    body, lower = text.body, text.lower
    crossed = False
    leaning: Tense = None
    nearer = nearer2 = ""  # the words read just before, nearer the expression
    nearer_written = ""
    infinitive = False  # "agreed on June 30 to hold the summit on July 16"
    step = -1 if backwards else 1
    for index in range(len(spans) - 1, -1, -1) if backwards else range(len(spans)):
        start, end = spans[index]
        if (start < bound) if backwards else (end > bound):
            break  # out of the sentence or the reach
        first = body[start]
        if not (first.isalnum() or first == "_"):
            if first in _CLAUSE_MARKS:
                crossed = True  # a comma, a dash or a quote mark between it and the expression
            continue
        word = lower[start:end]
        written = body[start:end]
        hyphen = word.rfind("-")
        if hyphen >= 0:
            word, written = word[hyphen + 1 :], written[hyphen + 1 :]
        if word in v.TENSE["clause_words"]:
            crossed = True
            if backwards and word == "before" and nearer[-3:] == "ing":
                leaning = "future"
        elif word in v.MARKER_WORDS or word.endswith(("ed", "’ll", "'ll")):
            farther = _farther_words(text, spans, index, step, bound, 1 if backwards else 2)
            if backwards:  # the words after it in the text are those read already
                before, after, next_after = [*farther, ""][0], nearer, nearer2
            else:
                before, (after, next_after) = nearer, [*farther, "", ""][:2]
            tense = word_tense(word, written, before, after, next_after, backwards=backwards)
            if infinitive and word in v.TENSE["intent"]:
                # An intent governs the infinitive that holds the date, words away.
                tense = "open" if before in v.TENSE["past_auxiliaries"] else "future"
            if tense == "past" and hyphen > 0:
                tense = None  # an adjective: "Kremlin-backed", "nuclear-armed"
            if tense:
                return tense, crossed, leaning, word
        elif backwards and word == "to" and _is_verb_after_to(nearer_written):
            infinitive = True
        nearer, nearer2, nearer_written = lower[start:end], nearer, written
    return None, crossed, leaning, ""


def _is_verb_after_to(written: str) -> bool:
    """Whether a word after "to" may be the verb of an infinitive: "to hold", not "to
    Moscow", "to the summit", "to 2019"."""
    lower = written.lower()
    return (
        written[:1].isalpha()
        and written.islower()
        and lower not in v.TENSE["adjective_intro"]
        and lower not in v.TENSE["not_subject"]
    )


def _short(spans: list[Span], bound: int, backwards: bool) -> bool:
    """Whether ``spans`` stopped short of ``bound``: a walk through them saw too little."""
    if len(spans) < _FIRST_TOKENS:
        return False  # the text ends (or starts) within them
    return spans[0][0] >= bound if backwards else spans[-1][1] <= bound


def _farther_words(
    text: Text, spans: list[Span], index: int, step: int, bound: int, count: int
) -> list[str]:
    """Up to ``count`` lower-cased words after ``spans[index]`` going ``step``, within
    ``bound`` (see ``_nearest_marker``)."""
    body, found = text.body, []
    k = index + step
    while 0 <= k < len(spans) and len(found) < count:
        start, end = spans[k]
        if (start < bound) if step < 0 else (end > bound):
            break
        if body[start].isalnum() or body[start] == "_":
            found.append(text.lower[start:end])
        k += step
    return found


class Words:
    """The words of ``[start, end)`` in order, and the punctuation between them:
    ``marks[k]`` is what stands right before ``words[k]`` (``marks[-1]``: after the
    last word), "" when only white space does."""

    __slots__ = ("marks", "spans", "text", "words")

    def __init__(self, text: Text, start: int, end: int) -> None:
        self.text = text
        body = text.body
        spans: list[Span] = []
        marks = [""]
        for span in text.tokens(start, end):
            first = body[span[0]]
            if first.isalnum() or first == "_":
                spans.append(span)
                marks.append("")
            else:
                marks[-1] += first
        lower = text.lower
        self.spans, self.marks = spans, marks
        self.words = [lower[s:e] for s, e in spans]

    def written(self) -> list[str]:
        """The words as written (``words`` holds them lower-cased)."""
        body = self.text.body
        return [body[s:e] for s, e in self.spans]

    def glued(self, index: int) -> bool:
        """Whether a quote mark, a bracket or a stop touches ``words[index]``: "summit,"."""
        body = self.text.body
        start, end = self.spans[index]
        return body[start - 1 : start] in _GLUED_MARKS or body[end : end + 1] in _GLUED_MARKS


def word_tense(
    word: str, written: str, before: str, after: str, next_after: str, *, backwards: bool
) -> _Marked:
    """The tense ``word`` marks, given its neighbours and the side of the expression it is on.

    >>> word_tense("met", "met", "putin", "bolton", "on", backwards=True)
    'past'
    >>> word_tense("held", "held", "be", "on", "monday", backwards=True) is None  # "will be held"
    True
    """
    if word in v.TENSE["future"] or word.endswith(("’ll", "'ll")):
        return "future"
    arranged = after == "to" or (after in v.TENSE["arranged"] and next_after in ("to", "for"))
    if word in v.TENSE["present_be"] and arranged:
        return "future"
    if word in v.TENSE["past_be"] and arranged:
        return "open"  # "was to meet", "were due to start": a plan as it stood then
    if (word in v.TENSE["intent"] and after == "to") or (
        word in v.TENSE["set_for"] and after == "for"
    ):
        # "plans to meet"; "had planned to meet", "was set for Monday": as it stood then
        return "open" if before in v.TENSE["past_auxiliaries"] else "future"
    if word in v.TENSE["expected"] and after in v.TENSE["time_prepositions"]:
        # "a summit expected in mid-July", "talks due on Monday"; "was expected in July"
        return "open" if before in v.TENSE["past_auxiliaries"] else "future"
    if word in v.TENSE["past"]:
        return "past"
    lower_case = written[:1].islower()
    if word in v.THEN_VERBS and before == "then" and lower_case:
        return "future"  # see then_schedule in tense.toml
    if word in v.TENSE["plural_schedule"] and lower_case:
        noun = (
            before in v.TENSE["adjective_intro"]
            or before in v.TENSE["not_subject"]
            or is_possessive(before)
        )
        return None if noun or before in v.TENSE["not_schedule"] else "future"
    if word in v.TENSE["schedule"] and lower_case:
        noun = (
            before in v.TENSE["adjective_intro"]
            or before in v.TENSE["not_subject"]
            or is_possessive(before)
        )
        return None if noun else "future"
    if word in v.TENSE["perfect_participles"]:
        # "had spoken" is past; "is spoken", "were seen" leave it to the auxiliary.
        perfect = before in v.TENSE["past_perfect"] or (backwards and _is_present_perfect(before))
        return "past" if perfect else None
    if not lower_case:
        return None  # "Ted", "Fed", "the Met": names, not verbs
    if word in v.TENSE["irregular_past"] or (
        len(word) > 4
        and word.endswith("ed")
        and word not in v.TENSE["not_past_verbs"]
        and (not word.endswith("eed") or word in v.TENSE["eed_past_verbs"])
    ):
        if before in v.TENSE["be_forms"]:
            return None  # passive or present: "will be held", "is expected"
        if _is_present_perfect(before) and not backwards:
            return None  # see present_perfect in tense.toml
        if before in v.TENSE["adjective_intro"] or is_possessive(before):
            return None  # an adjective: "the planned summit", "Russia's alleged meddling"
        return "past"
    return None


def _is_present_perfect(word: str) -> bool:
    return word in v.TENSE["present_perfect"] or word.endswith(("’ve", "'ve"))


def present_verb_before(text: Text, start: int) -> bool:
    """Whether "in <Month>" follows a verb in the present in its own clause, when no
    other word of the sentence gave a tense: a present said of a month is one to come.

    The verb is found by its shape, a lower-case word in -s right after a name or after
    a determiner and a noun ("Roe faces a vote", "The treaty expires"), or "is"/"are".

    >>> text = Text.of("The treaty expires in November. Lindqvist's talks in March.")
    >>> present_verb_before(text, 22), present_verb_before(text, 54)
    (True, False)
    """
    if word_before(text, start).lower() != "in":
        return False
    sentence_start = text.sentence_at(start)[0]
    words = Words(text, max(sentence_start, start - _PRESENT_REACH), start)
    written = words.written()[:-1]  # the words before "in"
    for k in range(len(written) - 1, -1, -1):
        if any(mark in ",;:.!?" for mark in words.marks[k + 1][:1]):
            return False  # the clause or the sentence starts after it
        word = written[k]
        lower = words.words[k]
        if lower in v.TENSE["clause_words"]:
            return False
        if lower in v.TENSE["present_be"]:
            return True
        if (
            not word.islower()
            or len(word) < 4
            or not word.endswith("s")
            or word.endswith(("ss", "us", "is", "’s", "'s"))
            or lower in v.TENSE["not_present"]
            or k == 0
        ):
            continue
        glued = words.marks[k][:1]  # "Rusk, visits", "leaders’ visits"
        if glued in (",", ";", ":") or is_possessive(words.words[k - 1] + glued):
            continue
        previous = written[k - 1]
        if (
            previous[:1].isupper()
            or previous in v.TENSE["relative_pronouns"]  # "Rusk, who faces a vote in …"
            or (k >= 2 and words.words[k - 2] in v.TENSE["determiners"])
        ):
            return True
    return False
