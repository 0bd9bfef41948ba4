"""Strategy ``unknown_person``: capitalised names the register does not know, accepted as
people on evidence.

Evidence, tried in order: a title or role before the name, a speech verb next to it, an
appositive role after it, a common given name first (``data/given_names.json``), a
register surname after another given name. Organisations, places (``data/not_people.json``
and what a dateline such as "TURNBERRY, South Ayrshire —" names), a lone word after
"at"/"in", a name after "said" that is the subject of what was said ("said Finland had"),
headline-case lines and sentence-initial ordinary words are refused. A royal title and
regnal numeral belong to the name ("Queen Elizabeth II"), and so does "Jr.".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from extraction import lexicon
from extraction.mentions import vocabulary as v
from extraction.mentions.names import (
    GAP,
    NAME_AFTER,
    NAME_SEQUENCE,
    NAME_WORD,
    UP,
    Span,
    clean,
    in_spans,
)
from extraction.mentions.register_match import JUNIOR_AFTER
from extraction.mentions.roles import last_role_phrase, role_phrase, role_set
from extraction.text import Text

STRATEGY = "unknown_person"

_CUE_ALT = lexicon.alternation(v.CUE_VERBS)
CUE_AFTER = re.compile(rf"{GAP}(?:{v.alternation('cue_adverbs')}{GAP}){{0,2}}{_CUE_ALT}(?!\w)")
_DETERMINER = v.alternation("determiners")
_APPOSITIVE = re.compile(
    rf",\s+(?:{_DETERMINER}\s+)?"
    rf"(?P<mods>(?:(?!{v.alternation('appositive_stops')}\b)[\w.’'-]+\s+){{0,3}}?)"
    rf"(?P<role>(?i:{lexicon.alternation(v.ROLE_NOUNS)}))(?![\w-])"
    r"|,\s+(?:who|whose)\b|,\s+\d{1,3},|,\s+(?:the\s+)?former\b"
)
_APPOSITIVE_THEN_CUE = re.compile(
    rf",[ \u00a0]+(?:a|an|the)[ \u00a0]+[^,.;:\n“”\"]{{1,120}},{GAP}{_CUE_ALT}(?!\w)"
)
_ROYAL_BEFORE = re.compile(
    r"(?<![\w\-’'])(?:"
    + v.alternation("royal_prefixes")
    + r"[ \u00a0]+)?(?:"
    + "|".join(sorted(v.ROYAL_TITLES))
    + r")[ \u00a0]+$"
)
# A regnal numeral after a royal name: "Elizabeth II", "Benedict XVI". A lone "I" only
# before punctuation: otherwise it is the pronoun ("Prince Harry I met").
_REGNAL_AFTER = re.compile(
    r"[ \u00a0]+(?:(?=[XVI]{2})X{0,3}(?:IX|IV|VI{0,3}|I{1,3})|V|X{1,3}|I(?=[,.;:)]))(?![\w\-’'])"
)
_MEDIA_ALT = v.alternation("media_nouns")
# An outlet: "Sanomat newspaper", "Dagens Nyheter, a Swedish newspaper," (the noun ends
# the appositive: "a newspaper columnist" is a person).
_MEDIA_AFTER = re.compile(rf"{GAP}{_MEDIA_ALT}(?![\w-])")
_MEDIA_APPOSITIVE = re.compile(
    rf",\s+(?:{_DETERMINER}\s+)?"
    rf"(?:(?!{v.alternation('appositive_stops')}\b)[\w.’'-]+\s+){{0,3}}?"
    rf"{_MEDIA_ALT}(?=\s*[,.;:)—–]|\s+(?:in|of|from|based)\b)"
)
_CLAUSE_VERB_AFTER = re.compile(rf"{GAP}{v.alternation('clause_verbs')}(?!\w)")
_MONTH_NUMBER_AFTER = re.compile(r"[ \u00a0]*(?:\d|,[ \u00a0]*\d)")
_POSSESSIVE_NAME = re.compile(r"[A-Z][\w.-]*['’]s")
_SENTENCE_OPENERS = "\"'“‘([—–-"
# Index of the body's words: " word" followed by a space or , . ; : (has_lower), and
# what follows "the " (after_the).
_LOWER_WORD = re.compile(r"(?<= )[^\s,.;:]+(?=[ ,.;:])")
_AFTER_THE = re.compile(r"[Tt](?=he (\S+))")
_PUNCTUATED = re.compile(r"[,.;:]")
_WORDS_BEFORE = 4
_WORDS_REACH = 60  # characters


class Segment(NamedTuple):
    start: int
    end: int
    words: tuple[str, ...]  # name words and initials, particles dropped
    text: str  # as written, particles kept: "Ludovica de la Torre"; "Queen Elizabeth II"
    royal: bool = False  # the text carries a royal title: its one word is not a given name


class Evidence(NamedTuple):
    roles: frozenset[str]
    context: frozenset[str]
    given_only: bool = False  # "his wife, Melania": a given name, not a surname


_BARE = Evidence(frozenset(), frozenset())
# Not a person but an outlet: the name is an organisation's.
MEDIA = Evidence(frozenset(), frozenset({"media"}))


class Body:
    """What the unknown-person rules need to know about one body, computed once.

    Every question is answered from an index built in one pass over the body, never by a
    search of the whole text per word.
    """

    def __init__(
        self, text: Text, masked: str, surnames: frozenset[str], slogans: list[Span]
    ) -> None:
        self.model = text
        self.text = text.body
        self.masked = masked
        self.surnames = surnames
        self._lower_words: frozenset[str] | None = None
        self._punctuated: dict[str, bool] = {}
        self._after_the: list[str] | None = None
        self.headline_lines = _headline_lines(text)
        self.title_quotes = slogans
        self.datelines = _dateline_places(self.text)

    def has_lower(self, word: str) -> bool:
        """Whether ``word`` also appears in lower case: then it is an ordinary word."""
        lower = word.lower()
        if _PUNCTUATED.search(lower):  # an initial ("R."): rare, answered once each
            known = self._punctuated.get(lower)
            if known is None:
                known = any(f" {lower}{after}" in self.text for after in " ,.;:")
                self._punctuated[lower] = known
            return known
        if self._lower_words is None:
            self._lower_words = frozenset(_LOWER_WORD.findall(self.text))
        return lower in self._lower_words

    def after_the(self, word: str) -> bool:
        """Whether ``word`` appears after "the": "the Pentagon" is a thing, not a person."""
        if self._after_the is None:
            self._after_the = sorted(set(_AFTER_THE.findall(self.text)))
        following = self._after_the
        index = bisect_left(following, word)
        return index < len(following) and following[index].startswith(word)

    def in_headline_line(self, offset: int) -> bool:
        """Whether ``offset`` is in a line or a quoted phrase written in title case."""
        return in_spans(self.headline_lines, offset) or in_spans(self.title_quotes, offset)

    def words_before(self, start: int) -> list[str]:
        """Up to four raw words right before ``start`` on the same line; [] if glued to it."""
        if not start or self.text[start - 1] not in " \u00a0":
            return []
        spans = self.model.spaced_words_before(start, _WORDS_BEFORE, _WORDS_REACH)
        return [self.text[s:e] for s, e in spans]


def _headline_lines(text: Text) -> list[Span]:
    """Lines written in headline case: most long words capitalised, no closing stop."""
    body = text.body
    spans = []
    start = 0
    for line in body.split("\n"):
        end = start + len(line)
        stripped = line.rstrip(" \t\"'”’)]")
        if stripped and stripped[-1] not in ".!?:;,":
            words = [(s, e) for s, e in text.tokens(start, end) if e - s >= 4 and body[s].isalpha()]
            capitalised = sum(1 for s, _ in words if body[s].isupper())
            if words and capitalised / len(words) >= 0.6:
                spans.append((start, end))
        start = end + 1
    return spans


# A dateline: a place in capitals opening a paragraph, then a region or a dash
# ("TURNBERRY, South Ayrshire —", "HELSINKI (Nordic Wire) —").
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[{UP}][{UP}'’.\-]+(?:[ ][{UP}][{UP}'’.\-]+)*)"
    r"(?:,[ ]+(?P<region>[A-Z][\w.’'-]*(?:[ ][A-Z][\w.’'-]*){0,3})"
    r"|(?=[ ]*(?:\([^)\n]{1,40}\)[ ]*)?[—–-]))",
    re.MULTILINE,
)


def _dateline_places(text: str) -> frozenset[str]:
    """Words a dateline names as places, as they are written in running text.

    "TURNBERRY, South Ayrshire — ..." gives Turnberry, South Ayrshire and Ayrshire.
    """
    places: set[str] = set()
    for match in _DATELINE.finditer(text):
        places.add(match.group("place").title())
        region = match.group("region")
        if region:
            places.add(region)
            places.update(region.split())
    return frozenset(places)


def candidates(
    body: Body,
) -> tuple[list[tuple[Segment, Evidence]], list[Segment], list[Segment]]:
    """Name candidates of the masked body: accepted with their evidence, unsupported
    spellings that may still join a person found on evidence, and outlets (newspapers,
    channels) that are organisations."""
    accepted: list[tuple[Segment, Evidence]] = []
    unsupported: list[Segment] = []
    outlets: list[Segment] = []
    for match in NAME_SEQUENCE.finditer(body.masked):
        text = match.group()
        if v.not_name(text):
            # Most one-word sequences: "The", "Wednesday", "Russian". A month may still be
            # a surname seen before ("May said"); it can only join a person found already.
            if text in v.MONTH_SURNAMES and _month_as_surname(body, match.start(), text):
                unsupported.append(Segment(match.start(), match.end(), (text,), text))
            continue
        parts = [(s, e, body.text[s:e]) for s, e in body.model.spaced_words(*match.span())]
        if (body.headline_lines or body.title_quotes) and body.in_headline_line(match.start()):
            # Headline case hides which words are names: only known surnames link here.
            unsupported.extend(
                Segment(s, e, (word,), word) for s, e, word in parts if NAME_WORD.fullmatch(word)
            )
            continue
        for segment in _segments(body, text, parts):
            evidence = _evidence(body, segment)
            if evidence is MEDIA:
                outlets.append(_outlet_name(parts, segment))
            elif evidence is None:
                unsupported.append(_full_form(body.text, segment, royal=False))
            else:
                accepted.append((_full_form(body.text, segment, royal=True), evidence))
    return accepted, unsupported, outlets


def _outlet_name(parts: list[tuple[int, int, str]], segment: Segment) -> Segment:
    """An outlet is named by its whole capitalised sequence up to the segment ("the Nordic
    Wire agency" is Nordic Wire), without the sentence words before it ("The")."""
    kept = [part for part in parts if part[0] <= segment.start]
    while kept and v.not_name(kept[0][2]) and kept[0][2] not in v.NATIONALITIES:
        kept = kept[1:]
    if not kept:
        return segment
    start = kept[0][0]
    words = tuple(text for s, _, text in parts if start <= s < segment.end)
    return Segment(start, segment.end, words, " ".join(words))


def _full_form(text: str, segment: Segment, *, royal: bool) -> Segment:
    """What belongs to a name around it: a royal title and regnal numeral ("Queen
    Elizabeth II"), a generational suffix ("Donald Trump Jr.").

    The words stay the name alone, so a later "Elizabeth" or "Queen Elizabeth" joins her.
    """
    suffix = JUNIOR_AFTER.match(text, segment.end)
    if suffix is not None:
        end = suffix.end()
        return segment._replace(end=end, text=segment.text + text[segment.end : end])
    title = _ROYAL_BEFORE.search(text, max(0, segment.start - 20), segment.start)
    if title is None or not royal:
        return segment
    end = segment.end
    numeral = _REGNAL_AFTER.match(text, end)
    if numeral is not None:
        end = numeral.end()
    start = title.start()
    spelled = " ".join(text[start:end].split())
    return Segment(start, end, segment.words, spelled, royal=True)


def _month_as_surname(body: Body, start: int, month: str) -> bool:
    """Whether a month name reads as a surname: "May said", "with May", "May's plan".

    Not after a word of time ("in May", "last May's vote", "from April to May") nor before
    a number ("May 3"). It can only join a person the article names in full.
    """
    text = body.text
    end = start + len(month)
    if CUE_AFTER.match(text, end):
        return True
    if _MONTH_NUMBER_AFTER.match(text, end):
        return False
    before = [clean(word) for word in body.words_before(start)]
    possessive = text.startswith(("'s", "’s"), end)
    if before and before[-1] in (v.POSSESSIVE_TIME_WORDS if possessive else v.TIME_WORDS):
        return False
    return not (
        before and before[-1] == "to" and any(w.title() in v.DAYS_AND_MONTHS for w in before)
    )


def _segments(body: Body, sequence: str, parts: list[tuple[int, int, str]]) -> list[Segment]:
    """Split a capitalised sequence into name candidates at words that are not names.

    "Finnish President Sauli Niinisto" gives "Sauli Niinisto"; "Air Force Two" gives
    nothing (an organisation's last word rejects the whole sequence).
    """
    words = [text for _, _, text in parts if text not in v.PARTICLES]
    if words[-1] in v.ORG_HEADS or sequence in v.NOT_PEOPLE:
        return []
    segments: list[Segment] = []
    current: list[tuple[int, int, str]] = []
    for position, (start, end, text) in enumerate(parts):
        previous = current[-1][2].lower() if current else ""
        if text in v.MONTH_SURNAMES and previous in v.GIVEN_NAMES:
            current.append((start, end, text))  # "Theresa May"
        elif v.not_name(text) or (
            position == 0 and _at_sentence_start(body.text, start) and body.has_lower(text)
        ):
            _flush(current, segments)
            current = []
        else:
            current.append((start, end, text))
    _flush(current, segments)
    return segments


def _flush(parts: list[tuple[int, int, str]], segments: list[Segment]) -> None:
    while parts and parts[0][2] in v.PARTICLES:
        parts = parts[1:]
    while parts and (parts[-1][2] in v.PARTICLES or parts[-1][2].endswith(".")):
        parts = parts[:-1]
    words = tuple(text for _, _, text in parts if text not in v.PARTICLES)
    if words and sum(1 for word in words if not word.endswith(".")) <= 4:
        text = " ".join(text for _, _, text in parts)
        segments.append(Segment(parts[0][0], parts[-1][1], words, text))


def _at_sentence_start(text: str, offset: int) -> bool:
    position = offset - 1
    while position >= 0 and (text[position].isspace() or text[position] in _SENTENCE_OPENERS):
        if text[position] == "\n":
            return True
        position -= 1
    return position < 0 or text[position] in ".!?:"


def _evidence(body: Body, segment: Segment) -> Evidence | None:
    """Why a candidate is a person, or None. Tried in order: title, cue verb, appositive,
    given name (the last only for two words or more)."""
    text, start, end, name = body.text, segment.start, segment.end, segment.text
    single = len(segment.words) == 1
    if name in v.NOT_PEOPLE or name in body.datelines:
        return None  # "TURNBERRY, South Ayrshire —": the dateline names a place
    before = body.words_before(start)
    if _is_outlet(text, end, before):
        return MEDIA
    if text[max(0, start - 4) : start] in ("the ", "The "):
        return None
    if single and (len(name) < 3 or body.after_the(name)):
        return None  # "the Pentagon said": a thing, not a person
    title = _title_evidence(before, single)
    if title is not None:
        return title
    if single and before and before[-1] in v.PLACE_PREPOSITIONS:
        return None  # "at Turnberry": a place unless a title says otherwise
    if not single and segment.words[0] in v.NOT_PEOPLE:
        return None  # "Scotland Yard said": a place's name starts it, not a given name
    if CUE_AFTER.match(text, end):
        return _BARE
    cues = v.CUES_BEFORE_SINGLE if single else v.CUES_BEFORE
    if before and before[-2:] == ["according", "to"]:
        return _BARE
    if before and before[-1] in cues and not _CLAUSE_VERB_AFTER.match(text, end):
        # "..., said Lindgren." names the speaker; in "said Finland had agreed" the name
        # is the subject of what was said.
        return _BARE
    appositive = _APPOSITIVE.match(text, end)
    if appositive is not None and not NAME_AFTER.match(text, appositive.end()):
        # Not when a name follows the role: in "before Helsinki, the special counsel
        # Robert Mueller", the role is Mueller's title.
        return _appositive_evidence(appositive)
    if not single and _APPOSITIVE_THEN_CUE.match(text, end):
        # "Marisa Kell, a student who waited outside, told CNN": whatever the appositive
        # says, a name of two words set off by it and then speaking is a person.
        return _BARE
    first = segment.words[0].split("-")[0].lower()
    if not single and first in v.GIVEN_NAMES:
        return _BARE
    if not single and segment.words[-1] in body.surnames:
        # A register surname after a given name the register does not know for it:
        # another person of that family ("Ivanka Trump").
        return _BARE
    return None


def _is_outlet(text: str, end: int, before: list[str]) -> bool:
    """ "the daily Kommersant", "Helsingin Sanomat newspaper", "Yle, the broadcaster,"."""
    if before and clean(before[-1]) in v.MEDIA_NOUNS and not before[-1].endswith(","):
        return True
    return bool(_MEDIA_AFTER.match(text, end) or _MEDIA_APPOSITIVE.match(text, end))


def _title_evidence(before: list[str], single: bool) -> Evidence | None:
    if not before:
        return None
    last = before[-1]
    key = clean(last).removeprefix("ex-")
    if last.endswith(".") and key not in v.HONORIFICS:
        return None  # the end of a sentence, not an abbreviated title
    if v.is_title(key):
        # Only now clean the words before it too: most candidates have no title.
        cleaned = [clean(word).removeprefix("ex-") for word in before]
        # The title is the end of what comes before: "tea with Queen" is a queen.
        roles = role_set(last_role_phrase(cleaned))
        if key in v.REIGNING:
            roles |= {"monarch"}
        given_only = key in v.KIN_WORDS and single
        return Evidence(roles, frozenset(cleaned), given_only)
    if not single and _POSSESSIVE_NAME.fullmatch(last):
        return Evidence(frozenset(), frozenset(clean(word) for word in before))
    return None


def _appositive_evidence(match: re.Match[str]) -> Evidence:
    role = match.group("role")
    if role is None:
        return _BARE  # ", who ...", ", 52,", ", the former ..."
    mods = [clean(word) for word in (match.group("mods") or "").split()]
    phrase = role_phrase(" ".join([*mods, role.lower()]))
    return Evidence(role_set(phrase), frozenset([*mods, role.lower()]))
