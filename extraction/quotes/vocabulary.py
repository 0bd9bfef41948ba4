"""The words the quote step reads, derived once from the lexicon files.

Cue verbs come from ``speech_verbs.toml`` (every verb with the ``cue`` flag, in all its
forms); every other list from ``quotes.toml``. Regular expressions that encode syntax
stay here; the words they try come from the data.
"""

from __future__ import annotations

import re

from extraction import lexicon

_WORDS = "quotes"


def _words(key: str) -> frozenset[str]:
    return lexicon.words(_WORDS, key)


def _any(key: str) -> str:
    """A regex for any word of a list, spaces inside an entry matching any white space."""
    return lexicon.alternation(lexicon.load(_WORDS)[key]).replace(r"\ ", r"\s+")


# --- cue verbs (speech_verbs.toml) --------------------------------------------------------

# Every written form of a cue verb ("said", "says", "saying", "tweets"…).
CUE_FORMS = lexicon.speech_forms("cue")
# Naming verbs only introduce a quote that follows them: "called the plan a “…”".
NAMING_CUES = frozenset(
    verb.cue_as
    for verb in lexicon.speech_verbs().values()
    if verb.cue_as and "naming" in verb.flags
)
# Cues whose object is the person spoken to: "told Bolton", "asked reporters".
ADDRESSED_CUES = frozenset(
    verb.cue_as
    for verb in lexicon.speech_verbs().values()
    if verb.cue_as and "addressed" in verb.flags
)
ACCORDING_TO = "according to"
# The infinitive of a cue after "to": "went on to complain that…", "wanted to say".
_CUE_LEMMAS = {verb.lemma: verb.cue_as for verb in lexicon.speech_verbs().values() if verb.cue_as}
ASKED = lexicon.speech_verbs()["ask"].cue_as

# Lower-case only: a capitalised "Asked" opening a sentence is not the speaker's cue.
# "so-called" is no cue, hence no hyphen on either side.
CUE = re.compile(
    r"(?<![\w-])(?:(?P<verb>" + lexicon.alternation(CUE_FORMS) + r")"
    r"|(?<=\bto\x20)(?P<infinitive>" + lexicon.alternation(_CUE_LEMMAS) + r")"
    r"|(?P<according>[Aa]ccording\s+to)"
    # "put it more bluntly:", "as she put it": the way a speaker worded what follows.
    r"|(?P<put>puts?\s+it(?:\s+(?:this|that)\s+way"
    r"|(?:\s+(?:more|most|even|rather|quite|so))?(?:\s+[a-z]+ly)?)(?=\s*[:,.;]|\s+[“\"‘]))"
    r")(?![\w-])"
)


def cue_form(m: re.Match[str]) -> str:
    """The base form a ``CUE`` match reports: "said", "according to", "put"."""
    if m["according"]:
        return ACCORDING_TO
    if m["put"]:
        return "put"
    if m["infinitive"]:
        return _CUE_LEMMAS[m["infinitive"]]
    return lexicon.cue_lemma(m["verb"]) or m["verb"]


def is_infinitive(body: str, start: int) -> bool:
    """Whether the cue at ``start`` is an infinitive after "to" (``went on to complain``)."""
    return (
        body[max(0, start - 3) : start] == "to "
        and not body[max(0, start - 4) : start - 3].isalnum()
    )


def cue_lemma(form: str) -> str | None:
    """The cue reported for a written form ("tells" -> "told"), None if it is no cue."""
    return lexicon.cue_lemma(form)


# --- other words (quotes.toml) ------------------------------------------------------------

TITLE_FILLERS = _words("title_fillers")
AUXILIARIES = _words("auxiliaries")
PRONOUNS = _words("pronouns")
CONJUNCTIONS = _words("conjunctions")
COORDINATORS = _words("coordinators")
REFERRING = _words("referring")
REPORTED_CLAUSE = _words("reported_clause")
CLAUSE_OPENERS = _words("clause_openers")
LEADING_WORDS = _words("leading_words")
NOT_TITLE = CONJUNCTIONS | _words("not_title")

# A name after one of these is not the subject: "a spokesman for Berg", "an aide to Berg".
PREPOSITION_BEFORE = re.compile(r"\b" + _any("prepositions_before_name") + r"\s+$")
CLAUSE_BREAK = re.compile(r";|,\s+" + _any("clause_joiners") + r"\s")
# A date after an article or possessive describes a thing ("the July 16 summit").
ATTRIBUTIVE = re.compile(r"(?:\b" + _any("determiners") + r"|[’']s)\s+$", re.IGNORECASE)
# Words that announce a name, not words: "known as “…”", "the term ‘…’", "titled “…”".
NAMING_LEAD = re.compile(
    r"\b(?:" + _any("naming_leads") + r"|the\s+" + _any("naming_nouns") + r")$", re.IGNORECASE
)
# A clause in front of a pronoun subject: "When Lindqvist stood beside Berg, she…".
FRONTED_SUBJECT = re.compile(
    r"\W*" + _any("fronted_conjunctions") + r"\s+(?:[A-Z][\w.’'-]*\s+){0,3}"
)
ALTERNATIVE_GAP = re.compile(r"[ ,]*" + _any("alternatives") + r"\s+")
# A lead-in naming whose words follow: "His answer:", "Lindqvist's full reply:".
SPEECH_NOUN_LEAD = re.compile(
    r"(?:(?P<pronoun>\b(?i:" + _any("possessives") + r"))"
    r"|(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['’]s)"
    r"\s+(?:[a-z]+\s+)?" + _any("speech_nouns") + r"\s*:$"
)
