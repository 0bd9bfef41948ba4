"""Step 4 of the pipeline: direct quotes, who said them, to whom, and when.

A quote is the text between a pair of quote marks: curly or straight double marks,
or single marks when an article uses them as its main marks (British style). Marks of
the other kind inside a quote are part of its text. A quote that runs over several
paragraphs (news copy leaves the mark open at the end of a paragraph and opens the
next one with a mark again) gives one ``Quote`` per paragraph, all with one speaker.

Speakers come from the entities found by the mentions step: a name in a cue position
that no entity covers leaves the speaker ``None`` (this step invents no entities).
How a quote is attributed, tried in this order:

``ATTRIBUTION_STRATEGIES`` -- the quote's own clause names its speaker:

1. ``after_quote``  -- ``“…,” Marta Lindqvist said``, ``“…,” said Lindqvist``,
   ``“…,” Lindqvist told Tomas Berg`` (addressee), ``“…!” she tweeted on Monday``,
   ``“…” from the start, Lindqvist said``, ``“…,” Lindqvist, a Finnish diplomat, said``.
2. ``according_to`` -- ``“…,” according to Lindqvist``.
3. ``before_quote`` -- ``Lindqvist said: “…”``, ``Lindqvist added that “…”``,
   ``Lindqvist has called the plan a “…”``, ``Lindqvist named the EU as a “…”``,
   ``Lindqvist put it more bluntly: “…”`` (cue "put"), ``Lindqvist said it was “…”``; a participle
   or a verb joined by "and" takes the subject of its sentence (``…, adding: “…”``).
4. ``colon_lead_in`` -- a paragraph ending ``Lindqvist wrote:`` (or ``His answer:``,
   ``Lindqvist's reply:``) and the next one opening with the quote.

"he", "she" or "they" in a cue stands for the last quote's speaker when nobody else was
named since, else a person named earlier in its sentence, else the subject of the
sentences before (phrases in front of the subject such as ``Asked whether…,`` passed
over; the person ``asked``; a pronoun subject sends the search one sentence further
back), within its paragraph and the one before. Two people and no subject give ``None``.

When it was said: a date of the attribution clause standing before the cue or just after
it (``said on Monday``, ``told reporters on Tuesday``, ``said in a statement on Monday``),
not one in what was reported (``said the vote on Friday…``); else the date of the
sentence that introduces the quote, when the speaker is its subject and it reports speech
(``At the news conference on Monday, asked about…, Lindqvist did not hesitate.``).
Otherwise ``None``: the publication day is never assumed.

``INHERITANCE_STRATEGIES`` -- a quote with no clause of its own continues the
speech of the last attributed quote when no other person is named in between:

1. ``continued_paragraph`` -- the pieces of one quote running over paragraphs.
2. ``same_paragraph`` -- a later quote in the paragraph of the attributed one.
3. ``quote_paragraph`` -- the next paragraph holds nothing but quotes.
4. ``follow_up`` -- the next paragraph's sentence has no cue and no person of its own
   and opens with a word that points back (``They include the “…”``).

A transcript (three or more paragraphs opening with a label in capitals, ``HARJU: …``)
gives each turn whose label is the surname of a person of the body as one quote of that
person, the label left out; ``QUESTION:`` turns name nobody and are not quotes.

Not speech: a paragraph that is only a short quoted phrase without end punctuation
(a section heading); a quoted phrase of one to three words inside a sentence that
no strategy attributes (scare quotes: ``the so-called “reset”``); a quoted name, title or
term of one to four capitalised words inside a sentence with no cue next to it (``personas
such as “NordLeaks”``, ``the term ‘Swedenisation’``, ``the plan known as “Northern
Light”``). A paragraph whose double marks do not pair up, and that cannot be a quote
continued into the next paragraph, is refused: no quotes from it and
``Skipped("unbalanced quote marks")``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from extraction.results import DateMention, Entity, Precision, Quote, Skipped
from extraction.text import Text

ATTRIBUTION_STRATEGIES = ("after_quote", "according_to", "before_quote", "colon_lead_in")
INHERITANCE_STRATEGIES = ("continued_paragraph", "same_paragraph", "quote_paragraph", "follow_up")
UNBALANCED = "unbalanced quote marks"

# A quoted paragraph with at most this many words and no end punctuation is a heading.
# Readings of one paragraph's marks before it is refused (see _paragraph_pairs).
_MAX_REREADINGS = 64

_HEADING_MAX_WORDS = 8
# A quoted phrase of at most this many words that nobody is said to have said is a scare quote.
_SCARE_MAX_WORDS = 3
# A quoted name or term ("DCLeaks", ‘Finlandisation’, “The Art of the Deal”) has at most
# this many words; a cue is attached to the quote it leads into when at most this many
# words stand between them.
_TERM_MAX_WORDS = 4
_ATTACHED_MAX_WORDS = 4
# Lower-case words that may stand inside a quoted title or name: “The Art of the Deal”.
_TITLE_FILLERS = frozenset(["of", "the", "and", "for", "a", "an", "in", "on", "to", "de", "at"])

# Cue words as written -> the base past form reported in ``Quote.cue``.
_CUE_FORMS = {
    **dict.fromkeys(("said", "says", "saying"), "said"),
    **dict.fromkeys(("told", "tells", "telling"), "told"),
    **dict.fromkeys(("tweeted", "tweets", "tweeting"), "tweeted"),
    **dict.fromkeys(("added", "adds", "adding"), "added"),
    **dict.fromkeys(("wrote", "writes"), "wrote"),
    **dict.fromkeys(("asked", "asks"), "asked"),
    **dict.fromkeys(("insisted", "insists", "insisting"), "insisted"),
    **dict.fromkeys(("warned", "warns", "warning"), "warned"),
    **dict.fromkeys(("declared", "declares"), "declared"),
    **dict.fromkeys(("explained", "explains"), "explained"),
    **dict.fromkeys(("argued", "argues", "arguing"), "argued"),
    **dict.fromkeys(("replied", "replies"), "replied"),
    **dict.fromkeys(("answered", "answers"), "answered"),
    **dict.fromkeys(("responded", "responds"), "responded"),
    **dict.fromkeys(("recalled", "recalls"), "recalled"),
    **dict.fromkeys(("stressed", "stresses"), "stressed"),
    **dict.fromkeys(("vowed", "vows"), "vowed"),
    **dict.fromkeys(("noted",), "noted"),
    **dict.fromkeys(("stated",), "stated"),
    **dict.fromkeys(("posted",), "posted"),
    **dict.fromkeys(("acknowledged", "admitted", "conceded"), None),
    **dict.fromkeys(("cautioned", "complained", "countered", "quipped", "joked"), None),
    **dict.fromkeys(("pledged", "promised", "boasted", "concluded", "reiterated"), None),
    **dict.fromkeys(("emphasized", "emphasised", "predicted", "announced"), None),
    # Verbs that name something with a quoted label: "X has called the inquiry a “…”".
    **dict.fromkeys(("called", "calls", "calling"), "called"),
    **dict.fromkeys(("described", "describes", "describing"), "described"),
    **dict.fromkeys(("dubbed", "dubs"), "dubbed"),
    **dict.fromkeys(("branded", "brands"), "branded"),
    **dict.fromkeys(("labeled", "labelled"), "labeled"),
    **dict.fromkeys(("dismissed", "dismisses", "dismissing"), "dismissed"),
    # "named the EU as a “foe”": naming too, only before the quote it names.
    **dict.fromkeys(("named", "names", "naming"), "named"),
}
_CUE_FORMS = {word: lemma or word for word, lemma in _CUE_FORMS.items()}
# Naming verbs only introduce a quote that follows them.
_NAMING_CUES = frozenset(
    {"called", "described", "dubbed", "branded", "labeled", "dismissed", "named"}
)
# Cues whose object is the person spoken to: "told Bolton", "asked reporters".
_ADDRESSED_CUES = frozenset({"told", "asked", "warned"})
_ACCORDING_TO = "according to"

# Lower-case only: a capitalised "Asked" opening a sentence is not the speaker's cue.
# "so-called" is no cue, hence no hyphen on either side.


def _alternation(words: Sequence[str]) -> str:
    """A regex for any of ``words`` nested by shared prefix: ``s(?:a(?:id|ys))``.

    A flat alternation of sixty words is tried word by word at every position of the body.
    """
    heads: dict[str, list[str]] = {}
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
    if not heads:
        return ""
    branches = [re.escape(head) + _alternation(tails) for head, tails in sorted(heads.items())]
    either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{either})?" if "" in words else either


_CUE = re.compile(
    r"(?<![\w-])(?:(?P<verb>" + _alternation(list(_CUE_FORMS)) + r")"
    r"|(?P<according>[Aa]ccording\s+to)"
    # "put it more bluntly:", "as she put it": the way a speaker worded what follows.
    r"|(?P<put>puts?\s+it(?:\s+(?:this|that)\s+way"
    r"|(?:\s+(?:more|most|even|rather|quite|so))?(?:\s+[a-z]+ly)?)(?=\s*[:,.;]|\s+[“\"‘]))"
    r")(?![\w-])"
)


def _cue_form(m: re.Match[str]) -> str:
    """The base form a ``_CUE`` match reports: "said", "according to", "put"."""
    if m["according"]:
        return _ACCORDING_TO
    return "put" if m["put"] else _CUE_FORMS[m["verb"]]


_OPEN_D, _CLOSE_D, _EITHER_D, _OPEN_S, _CLOSE_S = range(1, 6)
_MARK = re.compile(r"[“”\"‘’']")
# What may stand before an opening mark: nothing, a space, a bracket, a dash, another mark.
_BEFORE_OPENING = frozenset(" \t\n\r([{—–-/“‘\"'")
# Elisions written with an opening single mark: ’90s, ’em, ’til, ’tis, rock ’n’ roll.
_ELISION = re.compile(r"(?:\d\d|em\b|til\b|tis\b|cause\b|n[’'\s])", re.IGNORECASE)

# A sentence ends at . ! or ? (with any closing marks) before a capital, digit or opening mark.
_SENTENCE_END = re.compile(r"[.!?]+(?P<marks>[”\"’')\]]*)\s+(?=[“\"‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "maj",
        "sgt",
        "capt",
        "adm",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "inc",
        "corp",
        "co",
        "ltd",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)

# Words that may stand between a subject and its cue verb: "Trump has repeatedly said".
_AUXILIARIES = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "again",
        "later",
        "then",
        "previously",
        "once",
        "just",
        "already",
        "would",
        "will",
        "did",
        "does",
        "could",
        "may",
        "might",
        "should",
        "earlier",
        "since",
        "long",
    ]
)
_PRONOUNS = frozenset({"he", "she", "they"})
# Words that start a clause of their own; a name after them is not the quote's speaker.
_CONJUNCTIONS = frozenset(
    [
        "and",
        "but",
        "or",
        "nor",
        "yet",
        "so",
        "while",
        "because",
        "as",
        "when",
        "after",
        "before",
        "since",
        "though",
        "although",
        "if",
        "unless",
        "until",
        "whereas",
        "that",
        "which",
        "who",
        "whom",
        "where",
    ]
)
# First words of a sentence that points back to what was just said: "They include…".
_COORDINATORS = frozenset(["and", "but", "or", "then"])
# A name after one of these is not the subject: "a spokesman for Berg", "an aide to Berg".
_PREPOSITION_BEFORE = re.compile(r"\b(?:for|of|to|from|with|by|at|about|against)\s+$")
_REFERRING = frozenset(
    ["he", "she", "they", "it", "this", "these", "those", "his", "her", "their", "its", "such"]
)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|although|because)\s")
# Between a cue verb and the name after it ("said Kremlin aide Yuri Ushakov") no clause ends.
_NAME_GAP_STOP = re.compile(r"[,;:!?“”\"]|[a-z]{3,}\.\s")
# A date after an article or possessive describes a thing ("the July 16 summit"), not the speech.
_ATTRIBUTIVE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their)|[’']s)\s+$", re.IGNORECASE)
_WORD = re.compile(r"[\w’'.-]+")
# Words that announce a name, not words: "known as “…”", "the term ‘…’", "titled “…”".
_NAMING_LEAD = re.compile(
    r"\b(?:known\s+as|(?:code-?|nick)?named|(?:en)?titled|the\s+(?:term|word|phrase|slogan|name))$",
    re.IGNORECASE,
)
# Between a cue and its date stand a few words (``said on``, ``told reporters in Oslo on``,
# ``said in a statement on``, ``said Lindqvist, a diplomat, on``), never a reported clause:
# a word that opens or carries one ends the search (``said that the talks on Friday…``).
_AFTER_CUE_MAX_WORDS = 12
_REPORTED_CLAUSE = frozenset(
    [
        *("that", "whether", "if", "how", "why", "what", "when", "who", "which", "would"),
        *("will", "could", "should", "can", "was", "were", "is", "are", "had", "has"),
    ]
)
# After "said" a determiner or pronoun opens what was said (``said the talks on Friday…``);
# after "told" or "asked" it opens the person spoken to (``told the council on Monday``).
_CLAUSE_OPENERS = frozenset(["the", "a", "an", "it", "he", "she", "they", "there", "this", "his"])
# How far back "he" or "she" may look for a subject, in sentences.
_PRONOUN_REACH = 4
# Words that open a phrase standing in front of the subject, up to a comma.
_LEADING_WORDS = frozenset(
    [
        *("at", "in", "on", "after", "before", "during", "with", "for", "from", "by", "as"),
        *("when", "while", "since", "although", "though", "because", "if", "unlike", "like"),
        *("despite", "following", "until", "over", "under", "within", "earlier", "later"),
        *("asked", "speaking", "looking", "writing", "addressing", "responding", "then"),
    ]
)
_LEADING_MAX_WORDS = 30
# Title words before a subject's name: "Kremlin foreign-policy aide Yuri Ushakov".
_TITLE_MAX_WORDS = 6
# Words no title holds; the subject is not a name after them ("The envoy met Berg").
_NOT_TITLE = frozenset(
    [
        *_CONJUNCTIONS,
        *("to", "with", "by", "for", "from", "against", "about", "at", "on", "in", "over"),
        *("into", "than", "between", "has", "have", "had", "is", "was", "were", "are", "will"),
        *("would", "met", "did", "does", "do"),
    ]
)
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'’]+\s+)*[A-Z][A-Z.'’]+\s*[—–-]+\s*")
_JOINT = re.compile(r"\s+(?:and|or)\s+[A-Z]")
_TOKEN = re.compile(r"[\w’'.-]+|,")
# A relative clause still open: ", who met Putin on" (its date is not the speech's).
_FRONTED_SUBJECT = re.compile(
    r"\W*(?:When|After|As|While|Before|Although|Though|Once|Since|Because|Until)\s+"
    r"(?:[A-Z][\w.’'-]*\s+){0,3}"
)
_ALTERNATIVE_GAP = re.compile(r"[ ,]*(?:instead of|rather than|and not|but not|not|or|nor)\s+")
_NAME_PARENTHESIS = re.compile(r"[ \u00a0]?\([^()\n]{1,24}\)")
_IN_RELATIVE = re.compile(r",\s+(?:who|whose|which|where)\b[^,]*$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_TITLE_WORDS = re.compile(r"[\w’'.-]+(?:\s+[\w’'.-]+){0,5}")


def find_quotes(
    text: Text | str, *, entities: Sequence[Entity], dates: Sequence[DateMention]
) -> tuple[tuple[Quote, ...], tuple[Skipped, ...]]:
    """Every direct quote of ``body`` with its speaker, cue, addressee and date.

    ``entities`` and ``dates`` are what the mentions and dates steps found in the same
    body. Returns the quotes in text order and the paragraphs refused, with the reason.

    >>> body = "“We will not be rushed,” Marta Lindqvist told Tomas Berg on Monday."
    >>> people = [Entity("Marta Lindqvist", "person", None, False, ((25, 40),)),
    ...           Entity("Tomas Berg", "person", None, False, ((46, 56),))]
    >>> monday = DateMention("Monday", 60, 66, "2018-07-09", "day", "weekday")
    >>> quotes, skipped = find_quotes(body, entities=people, dates=[monday])
    >>> quote = quotes[0]
    >>> quote.text, quote.speaker, quote.cue, quote.addressee, quote.date
    ('We will not be rushed,', 'Marta Lindqvist', 'told', 'Tomas Berg', '2018-07-09')
    >>> body[quote.start:quote.end] == quote.text, skipped
    (True, ())
    """
    text = Text.of(text)
    body = text.body
    paragraphs = list(text.paragraphs)
    turns = _transcript_turns(body, paragraphs, entities) + _embedded_posts(
        body, paragraphs, entities, dates
    )
    raws, skipped, sentences = _quote_spans(body, paragraphs)
    if not raws:
        return turns, tuple(skipped)
    index = _Index(body, entities, dates, raws, paragraphs, sentences)
    quotes = _attribute_all(index, raws)
    if turns:
        # Marks inside a turn are part of what its speaker said, not quotes of their own.
        inside = [q for q in quotes if any(t.start <= q.start < t.end for t in turns)]
        quotes = tuple(sorted({*quotes, *turns} - set(inside), key=lambda q: q.start))
    return quotes, tuple(skipped)


# --- Embedded posts ---------------------------------------------------------------------

# The signature line a page prints under an embedded tweet:
# "— Aino Rautio (@ainorautio) July 17, 2018".
_POST_SIGNATURE = re.compile(r"[—–-]+[ \t]*(?P<name>[^()\n]{2,60}?)[ \t]*\(@\w{1,15}\)[^\n]*")


def _embedded_posts(
    body: str,
    paragraphs: list[tuple[int, int]],
    entities: Sequence[Entity],
    dates: Sequence[DateMention],
) -> tuple[Quote, ...]:
    """Embedded tweets: a paragraph followed by its ``— Name (@handle) Date`` line.

    The paragraph, unmarked, is what the account posted: one quote, cue "tweeted", its
    speaker the person named in the signature (None when no person is), its date the
    signature's date.
    """
    if "(@" not in body:
        return ()
    posts = []
    for k in range(1, len(paragraphs)):
        lo, hi = paragraphs[k]
        signature = _POST_SIGNATURE.fullmatch(body, lo, hi)
        if signature is None:
            continue
        start, end = paragraphs[k - 1]
        if _POST_SIGNATURE.fullmatch(body, start, end):
            continue
        speaker = next(
            (
                entity.name
                for entity in entities
                if entity.kind == "person"
                and any(
                    signature.start("name") <= s < signature.end("name") for s, _ in entity.mentions
                )
            ),
            None,
        )
        date = next((d for d in dates if lo <= d.start < hi and d.date), None)
        posts.append(
            Quote(
                text=body[start:end],
                start=start,
                end=end,
                speaker=speaker,
                cue="tweeted",
                date=date.date if date else None,
                precision=date.precision if date else None,
            )
        )
    return tuple(posts)


# --- Transcripts ------------------------------------------------------------------------

# "HARJU: Good afternoon." / "PRESIDENT PUTIN: Yes." / "QUESTION: Will he…": a speaker
# label in capitals opening a paragraph.
_TURN_LABEL = re.compile(r"(?P<label>[A-Z][A-Z’'.-]+(?:[ \t]+[A-Z][A-Z’'.-]+){0,3})[ \t]*:[ \t]+")
# A transcript has at least this many labelled turns; one capitalised word and a colon
# alone ("WASHINGTON: ...") is a dateline, not a transcript.
_TRANSCRIPT_MIN_TURNS = 3


def _transcript_turns(
    body: str, paragraphs: list[tuple[int, int]], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """The answers of a transcript: every turn whose label names a person of the body.

    ``HARJU: We provide the room.`` is Mikael Harju's speech, the label left out. A label
    that names nobody of the body ("QUESTION:", "Q:", "REPORTER:") is an unnamed asker,
    whose words are not attributed to anyone, so they are no quote.
    """
    labelled = [(m, lo, hi) for lo, hi in paragraphs if (m := _TURN_LABEL.match(body, lo, hi))]
    if len(labelled) < _TRANSCRIPT_MIN_TURNS:
        return ()
    by_surname: dict[str, set[str]] = {}
    for entity in entities:
        if entity.kind == "person":
            words = entity.name.upper().split()
            by_surname.setdefault(words[-1], set()).add(entity.name)
            by_surname.setdefault(" ".join(words), set()).add(entity.name)
    turns = []
    for match, _lo, hi in labelled:
        label = " ".join(match["label"].split())
        names = by_surname.get(label) or by_surname.get(label.split()[-1], set())
        if len(names) != 1 or match.end() >= hi:
            continue  # nobody, or two people of that surname: refuse rather than guess
        (speaker,) = names
        turns.append(Quote(body[match.end() : hi], match.end(), hi, speaker, None))
    return tuple(turns)


# --- Finding the quote marks ------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """One top-level quote: ``body[open]`` is its opening mark."""

    open: int
    close: int  # the closing mark, or the paragraph end for a piece continued over paragraphs
    paragraph: int
    continued: bool = False
    chain_prev: int | None = None  # the piece this one continues, from the paragraph before
    sentence: tuple[int, int] = (0, 0)  # the sentence that holds the quote
    before_lo: int = 0  # where the clause leading to the opening mark starts
    after_hi: int = 0  # where the clause after the closing mark ends


def _quote_spans(
    body: str, paragraphs: list[tuple[int, int]]
) -> tuple[list[_Raw], list[Skipped], list[tuple[int, int]]]:
    """The top-level quotes, the refused paragraphs, and (start, paragraph) of every sentence."""
    raws: list[_Raw] = []
    skipped: list[Skipped] = []
    sentences: list[tuple[int, int]] = []
    # One scan of the body for marks and one for sentence ends, shared out by paragraph.
    marks = [m.start() for m in _MARK.finditer(body)]
    stops = list(_SENTENCE_END.finditer(body))
    m = s = 0
    for number, (lo, hi) in enumerate(paragraphs):
        first_mark = m
        while m < len(marks) and marks[m] < hi:
            m += 1
        first_stop = s
        while s < len(stops) and stops[s].start() < hi:
            s += 1
        pairs: list[tuple[int, int]] | None = []
        if m > first_mark:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            next_opener = _opening_kind(body, *following) if following else ""
            pairs = _paragraph_pairs(body, lo, hi, marks[first_mark:m], next_opener)
        if pairs is None:
            skipped.append(Skipped(UNBALANCED, lo, hi))
            pairs = []
        first = len(raws)
        raws.extend(_Raw(open_, close, number, continued=close == hi) for open_, close in pairs)
        previous = raws[first - 1] if first else None
        # A paragraph opening with a mark continues the quote left open in the one before.
        continues = previous is not None and previous.continued and previous.paragraph == number - 1
        if continues and len(raws) > first and raws[first].open == lo:
            raws[first].chain_prev = first - 1
        inside = [stop for stop in stops[first_stop:s] if stop.end() <= hi]
        starts = _mark_sentences(body, lo, hi, inside, raws[first:])
        sentences.extend((start, number) for start in starts)
    return raws, skipped, sentences


def _opening_kind(body: str, lo: int, hi: int) -> str:
    """``"d"`` or ``"s"`` when the paragraph opens with a double or single opening mark."""
    kind = _classify(body, lo, lo, hi) if body[lo] in "“\"‘'" else None
    if kind in (_OPEN_D, _EITHER_D):
        return "d"
    return "s" if kind == _OPEN_S else ""


def _paragraph_pairs(
    body: str, lo: int, hi: int, marks: list[int], next_opener: str
) -> list[tuple[int, int]] | None:
    """(opening mark, closing mark) of each top-level quote; None when the marks do not pair.

    A quote left open at the paragraph end is a piece continued over paragraphs when the
    next paragraph opens with a mark of the same kind; its end is the paragraph end.
    """
    ignored: set[int] = set()
    tokens = [(i, kind) for i in marks if (kind := _classify(body, i, lo, hi))]
    # Each reading sets aside one lone single mark; a paragraph that needs more readings
    # than this is refused (unbalanced) rather than read in quadratic time.
    for _ in range(_MAX_REREADINGS):
        pairs, unclosed = _pair_marks(body, [t for t in tokens if t[0] not in ignored])
        if pairs is None:
            return None
        if unclosed is None:
            return pairs
        kind, position = unclosed
        if kind == next_opener:
            return [*pairs, (position, hi)]
        if kind == "d":
            return None
        # A lone single mark is an apostrophe we could not tell apart: read on without it.
        ignored.add(position)
    return None


def _classify(body: str, i: int, lo: int, hi: int) -> int | None:
    """What the mark at ``i`` can be; None for an apostrophe (don’t, Russia’s, the ’90s)."""
    mark = body[i]
    if mark == "“":
        return _OPEN_D
    if mark == "”":
        return _CLOSE_D
    if mark == '"':
        return _EITHER_D
    before = body[i - 1] if i > lo else " "
    after = body[i + 1] if i + 1 < hi else " "
    opens = before in _BEFORE_OPENING and not after.isspace() and not _ELISION.match(body, i + 1)
    closes = not before.isspace() and not after.isalnum()
    if mark == "‘":
        return _OPEN_S if opens else None
    if mark == "’":
        return _CLOSE_S if closes else None
    return _OPEN_S if opens else _CLOSE_S if closes else None


def _pair_marks(
    body: str, tokens: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]] | None, tuple[str, int] | None]:
    """Pair marks with a stack; returns (pairs or None when broken, the open outer mark)."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    double_open = False  # at most one double quote is open: nested quotes use single marks
    next_single = _next_single_kinds(tokens)
    for n, (i, kind) in enumerate(tokens):
        if kind == _EITHER_D:
            kind = _CLOSE_D if double_open else _OPEN_D
        if kind == _OPEN_D:
            if double_open:
                return None, None
            stack.append(("d", i))
            double_open = True
        elif kind == _CLOSE_D:
            if not double_open:
                return None, None
            while stack[-1][0] != "d":
                stack.pop()  # a single mark left open inside a double quote was an apostrophe
            opened = stack.pop()[1]
            double_open = False
            if not stack:
                pairs.append((opened, i))
        elif kind == _OPEN_S:
            stack.append(("s", i))
        elif stack and stack[-1][0] == "s" and not _plural_possessive(body, tokens, n, next_single):
            opened = stack.pop()[1]
            if not stack:
                pairs.append((opened, i))
    return pairs, (stack[0] if stack else None)


def _plural_possessive(
    body: str, tokens: list[tuple[int, int]], n: int, next_single: list[int | None]
) -> bool:
    """``‘the leaders’ talks went well,’``: the first ’ is a possessive, another closes later."""
    i = tokens[n][0]
    if body[i - 1] not in "sS" or body[i + 1 : i + 2] != " " or not body[i + 2 : i + 3].islower():
        return False
    return next_single[n] == _CLOSE_S


def _next_single_kinds(tokens: list[tuple[int, int]]) -> list[int | None]:
    """For each token, the kind of the first single mark after it (one pass from the end)."""
    following: list[int | None] = [None] * len(tokens)
    seen: int | None = None
    for n in range(len(tokens) - 1, -1, -1):
        following[n] = seen
        if tokens[n][1] in (_OPEN_S, _CLOSE_S):
            seen = tokens[n][1]
    return following


def _mark_sentences(
    body: str, lo: int, hi: int, stops: list[re.Match[str]], raws: list[_Raw]
) -> list[int]:
    """Give each quote its sentence and the clauses around it; returns the sentence starts.

    ``stops`` are the matches of ``_SENTENCE_END`` in the paragraph.
    """
    ends = []
    # Quotes of one paragraph do not overlap: the one holding a stop is the last to open
    # before it (a bisection, not a scan: a paragraph of thousands of marks stays linear).
    by_open = sorted(raws, key=lambda raw: raw.open)
    opens = [raw.open for raw in by_open]
    for match in stops:
        stop = match.start()
        k = bisect_left(opens, stop) - 1
        holder = by_open[k] if k >= 0 and by_open[k].open < stop < by_open[k].close else None
        if holder is not None:
            # Inside a quote only ".”" ends the sentence: after "!”" or "?”" the
            # attribution usually follows ("…Election!” Trump tweeted).
            closes_here = match.start("marks") <= holder.close < match.end("marks")
            if not (closes_here and body[match.start("marks") - 1] == "."):
                continue
        elif _is_abbreviation(body, lo, stop):
            continue
        ends.append(match.end())
    bounds = [lo, *ends, hi]
    for k, raw in enumerate(raws):
        s = bisect_left(bounds, raw.open + 1) - 1
        raw.sentence = (bounds[s], bounds[s + 1] if s + 1 < len(bounds) else hi)
        previous_close = raws[k - 1].close + 1 if k else lo
        raw.before_lo = max(raw.sentence[0], previous_close)
        next_open = raws[k + 1].open if k + 1 < len(raws) else hi
        raw.after_hi = min(raw.sentence[1], next_open)
    return bounds[:-1]


def _is_abbreviation(body: str, lo: int, stop: int) -> bool:
    if body[stop] != ".":
        return False
    start = max(lo, body.rfind(" ", lo, stop) + 1, body.rfind("\n", lo, stop) + 1)
    word = body[start:stop].lstrip("\"'“‘(").lower()
    # "U.S." and "a.m." hold stops of their own; "2.0”." or "Jr.”." end a sentence.
    return (
        word in _ABBREVIATIONS
        or (len(word) == 1 and word.isalpha())
        or bool(_INITIALS.fullmatch(word))
    )


# --- What is known about the body ------------------------------------------------------


class _Index:
    """Person mentions, cue words and dates outside the quotes, sorted for bisect look-ups."""

    __slots__ = (
        "body",
        "closes",
        "cue_cache",
        "date_starts",
        "dates",
        "entity_at",
        "opens",
        "paragraphs",
        "person_at_end",
        "person_at_start",
        "person_end_at_start",
        "person_starts",
        "persons",
        "rank",
        "sentence_para",
        "sentences",
    )

    def __init__(
        self,
        body: str,
        entities: Sequence[Entity],
        dates: Sequence[DateMention],
        raws: list[_Raw],
        paragraphs: list[tuple[int, int]],
        sentences: list[tuple[int, int]],
    ) -> None:
        self.body = body
        self.paragraphs = paragraphs
        self.rank = list(range(len(paragraphs)))  # paragraph numbers not counting headings
        self.opens = [raw.open for raw in raws]
        self.closes = [raw.close for raw in raws]
        self.cue_cache: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        outside = self.outside
        persons = sorted(
            (start, end, entity.name)
            for entity in entities
            if entity.kind == "person"
            for start, end in entity.mentions
            if outside(start)
        )
        self.persons = persons
        self.person_starts = [p[0] for p in persons]
        self.person_at_end: dict[int, tuple[int, str]] = {}
        for start, end, name in persons:  # the longest mention ending here wins
            # A short parenthesis after a name is part of it for the subject slot:
            # "Mitch McConnell (R-Ky.) said", "Cal Tennant (R-Ohio), a member, told".
            tail = _NAME_PARENTHESIS.match(body, end)
            for stop in (end, tail.end()) if tail else (end,):
                if stop not in self.person_at_end or start < self.person_at_end[stop][0]:
                    self.person_at_end[stop] = (start, name)
        # The longest mention starting here wins: persons are sorted by (start, end).
        self.person_at_start = {start: name for start, _, name in persons}
        self.person_end_at_start = {start: end for start, end, _ in persons}
        self.entity_at: dict[int, tuple[int, str]] = {}
        for entity in entities:
            for start, end in entity.mentions:
                if start not in self.entity_at or end > self.entity_at[start][0]:
                    self.entity_at[start] = (end, entity.name)
        self.dates = sorted(
            (d for d in dates if d.date and outside(d.start)), key=lambda d: d.start
        )
        self.date_starts = [d.start for d in self.dates]
        self.sentences = [start for start, _ in sentences]
        self.sentence_para = [number for _, number in sentences]

    def persons_in(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        k = bisect_left(self.person_starts, lo)
        found = []
        while k < len(self.persons) and self.persons[k][0] < hi:
            found.append(self.persons[k])
            k += 1
        return found

    def outside(self, position: int) -> bool:
        k = bisect_left(self.opens, position) - 1
        return k < 0 or position > self.closes[k]

    def cues_in(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Cue words between lo and hi, outside quotes: (start, end, base past form).

        Read only around the quotes, where cues matter: scanning every word of the body
        for sixty cue forms is the costliest step here.
        """
        found = self.cue_cache.get((lo, hi))
        if found is None:
            found = [
                (m.start(), m.end(), _cue_form(m))
                for m in _CUE.finditer(self.body, lo, hi)
                if self.outside(m.start())
            ]
            self.cue_cache[lo, hi] = found
        return found

    def dates_in(self, lo: int, hi: int) -> list[DateMention]:
        k = bisect_left(self.date_starts, lo)
        found = []
        while k < len(self.dates) and self.dates[k].start < hi:
            found.append(self.dates[k])
            k += 1
        return found

    def sentence_of(self, position: int) -> int:
        return bisect_left(self.sentences, position + 1) - 1

    def sentence_end(self, s: int) -> int:
        """Where sentence ``s`` ends: the next one's start, or its paragraph's end."""
        paragraph_end = self.paragraphs[self.sentence_para[s]][1]
        if s + 1 < len(self.sentences):
            return min(self.sentences[s + 1], paragraph_end)
        return paragraph_end

    def words_outside(self, lo: int, hi: int) -> Iterator[re.Match[str]]:
        """The words and commas between lo and hi that stand outside quotes, lazily."""
        opens, closes = self.opens, self.closes
        k = max(0, bisect_left(opens, lo) - 1)
        for match in _TOKEN.finditer(self.body, lo, hi):
            at = match.start()
            while k < len(opens) and closes[k] < at:
                k += 1
            if k == len(opens) or not opens[k] < at <= closes[k]:
                yield match

    def paragraph_text_outside(self, number: int, raws: list[_Raw]) -> str:
        lo, hi = self.paragraphs[number]
        pieces, cursor = [], lo
        for raw in raws:
            pieces.append(self.body[cursor : raw.open])
            cursor = min(raw.close + 1, hi)
        pieces.append(self.body[cursor:hi])
        return "".join(pieces)


# --- Attribution ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Said:
    speaker: str | None
    cue: str | None
    addressee: str | None = None
    date: str | None = None
    precision: Precision | None = None
    strategy: str = ""
    cue_end: int = 0  # where the cue word ends in the body


@dataclass(frozen=True, slots=True)
class _Last:
    """The last kept quote, for pronouns and for quotes that continue its speech."""

    close: int
    paragraph: int
    said: _Said


def _attribute_all(index: _Index, raws: list[_Raw]) -> tuple[Quote, ...]:
    by_paragraph: dict[int, list[_Raw]] = {}
    for raw in raws:
        by_paragraph.setdefault(raw.paragraph, []).append(raw)
    only_quotes = {
        number: not any(ch.isalnum() for ch in index.paragraph_text_outside(number, group))
        for number, group in by_paragraph.items()
    }
    headings = {raw.paragraph for raw in raws if _is_heading(index, raw)}
    index.rank = [number - sum(h < number for h in headings) for number in index.rank]
    said_of: dict[int, _Said] = {}
    last: _Last | None = None
    for k, raw in enumerate(raws):
        if raw.open + 1 >= raw.close or raw.paragraph in headings:
            continue
        said = _own_attribution(index, raw, last)
        if _is_name_or_term(index, raw) and not _attached(index, said, raw):
            continue
        if said is None and last is not None and _alternative(index, raw, last):
            said = replace(last.said, strategy="same_sentence")
        if said is None and _is_scare_quote(index, raw):
            continue
        unsaid = said is not None and said.speaker is None and said.cue in _NAMING_CUES
        if unsaid and _is_scare_quote(index, raw):
            continue  # ``what critics call the “Helsinki gamble”``: nobody's words, a label
        if said is None:
            said = _inherited(index, raw, last, said_of, only_quotes)
        elif said.speaker and said.date is None:
            introduced = _introduction_date(index, raw, said.speaker)
            if introduced is not None:
                said = replace(said, date=introduced.date, precision=introduced.precision)
        said = said or _Said(None, None)
        said_of[k] = said
        last = _Last(raw.close, raw.paragraph, said)
    # A quote attributed only in its last paragraph gives its speaker to the earlier pieces.
    for k in sorted(said_of, reverse=True):
        previous = raws[k].chain_prev
        if previous in said_of and said_of[previous].cue is None and said_of[k].cue:
            said_of[previous] = replace(said_of[k], strategy="continued_paragraph")
    body = index.body
    return tuple(
        Quote(
            text=body[raws[k].open + 1 : raws[k].close],
            start=raws[k].open + 1,
            end=raws[k].close,
            speaker=said.speaker,
            cue=said.cue,
            addressee=said.addressee,
            date=said.date,
            precision=said.precision,
        )
        for k, said in sorted(said_of.items())
    )


def _alternative(index: _Index, raw: _Raw, last: _Last) -> bool:
    """A short quote set against the quote just before it in the same sentence.

    ``he meant to say “wouldn’t” instead of “would.”``, ``‘yes’ or ‘no’``: both are the
    same speaker's words, so the second is no scare quote.
    """
    if not last.said.cue or index.sentence_of(last.close) != index.sentence_of(raw.open):
        return False
    return _ALTERNATIVE_GAP.fullmatch(index.body, last.close + 1, raw.open) is not None


def _is_heading(index: _Index, raw: _Raw) -> bool:
    """``‘Broad Range’`` alone in its paragraph: a section heading, not speech."""
    lo, hi = index.paragraphs[raw.paragraph]
    body = index.body
    if raw.continued or raw.open != lo or raw.close != hi - 1:
        return False
    text = body[raw.open + 1 : raw.close].strip()
    if not text or text[-1] in ".,!?;:…—" or len(text.split()) > _HEADING_MAX_WORDS:
        return False
    # A short quote after "…she wrote:" is what she wrote.
    return raw.paragraph == 0 or body[index.paragraphs[raw.paragraph - 1][1] - 1] != ":"


def _is_scare_quote(index: _Index, raw: _Raw) -> bool:
    body = index.body
    if raw.continued or len(body[raw.open + 1 : raw.close].split()) > _SCARE_MAX_WORDS:
        return False
    lo, hi = raw.sentence
    around = body[lo : raw.open] + body[raw.close + 1 : hi]
    return any(ch.isalpha() for ch in around)


def _is_name_or_term(index: _Index, raw: _Raw) -> bool:
    """``online personas such as “DCLeaks” and “Guccifer 2.0”``: a name, not speech.

    One to four words that read as a proper noun or a title (each word capitalised or
    with a digit, lower-case fillers inside), standing inside a sentence. Called only
    when no cue is attached to the quote.
    """
    if raw.continued or raw.chain_prev is not None:
        return False
    body = index.body
    words = body[raw.open + 1 : raw.close].rstrip(".,").split()
    if not 1 <= len(words) <= _TERM_MAX_WORDS or not (
        words[0][0].isupper() or words[0][0].isdigit()
    ):
        return False
    for word in words[1:]:
        if not (word[0].isupper() or word[0].isdigit() or word in _TITLE_FILLERS):
            return False
    if words[-1] in _TITLE_FILLERS or body[raw.close - 1] in "!?":
        return False
    # A name stands inside a sentence; a short quote opening its sentence is speech.
    return any(ch.isalpha() for ch in body[raw.sentence[0] : raw.open])


def _own_attribution(index: _Index, raw: _Raw, last: _Last | None) -> _Said | None:
    for strategy in (_after_quote, _according_to, _before_quote, _colon_lead_in):
        said = strategy(index, raw, last)
        if said is not None:
            return said
    return None


def _after_quote(index: _Index, raw: _Raw, last: _Last | None) -> _Said | None:
    """``“…,” Lindqvist said`` / ``“…,” said Lindqvist`` / ``“…” from the start, she said``."""
    body = index.body
    lo, hi = raw.close + 1, raw.after_hi
    cue = next((c for c in index.cues_in(lo, hi) if c[2] not in _NAMING_CUES), None)
    if cue is None or cue[2] == _ACCORDING_TO:
        return None
    start, end, lemma = cue
    if body[start:end].endswith("ing"):
        return None  # ``…”, adding that…``: the participle belongs to the clause before
    if not body[lo:start].strip(" ,—–-\t\n"):
        # Verb first: ``,” said Andrey Kortunov, head of…``.
        speaker = _name_after(index, end, hi)
        return _said(index, speaker, lemma, end, (lo, hi), (start, end), "after_quote")
    kind, speaker, subject_start = _subject_before(index, start, lo)
    if kind in ("none", "linked"):
        return None
    if not _leads_to_subject(body[lo:subject_start]):
        if kind == "person" and _joint_speakers(index, lo, subject_start):
            # ``“…,” Lindqvist and Berg said``: two speakers, and a quote has one.
            return _said(index, None, lemma, end, (lo, hi), (start, end), "after_quote")
        return None
    if kind == "pronoun":
        speaker = _resolve_pronoun(index, subject_start, last)
    return _said(index, speaker, lemma, end, (lo, hi), (start, end), "after_quote")


def _according_to(index: _Index, raw: _Raw, last: _Last | None) -> _Said | None:
    """``“…,” according to Lindqvist`` or ``According to Lindqvist, the plan is “…”``."""
    body = index.body
    after = [c for c in index.cues_in(raw.close + 1, raw.after_hi) if c[2] == _ACCORDING_TO]
    before = [c for c in index.cues_in(raw.before_lo, raw.open) if c[2] == _ACCORDING_TO]
    if after and _leads_to_subject(body[raw.close + 1 : after[0][0]]):
        start, end, _ = after[0]
        stretch = (raw.close + 1, raw.after_hi)
    elif before:
        start, end, _ = before[-1]
        stretch = (raw.before_lo, raw.open)
    else:
        return None
    speaker = _name_after(index, end, stretch[1])
    return _said(index, speaker, _ACCORDING_TO, end, stretch, (start, end), "according_to")


def _before_quote(index: _Index, raw: _Raw, last: _Last | None) -> _Said | None:
    """``Lindqvist said: “…”``, ``she added that “…”``, ``Lindqvist has called it a “…”``."""
    return _clause_before(index, raw.before_lo, raw.open, last, "before_quote")


def _colon_lead_in(index: _Index, raw: _Raw, last: _Last | None) -> _Said | None:
    """A paragraph ending ``Lindqvist wrote on Twitter:`` and the next opening with the quote."""
    if raw.paragraph == 0 or raw.open != index.paragraphs[raw.paragraph][0]:
        return None
    hi = index.paragraphs[raw.paragraph - 1][1]
    if index.body[hi - 1] != ":":
        return None
    lo = index.sentences[index.sentence_of(hi - 1)]
    said = _clause_before(index, lo, hi, last, "colon_lead_in")
    if said is None and (owner := _SPEECH_NOUN_LEAD.search(index.body, lo, hi)):
        # ``His answer:`` / ``Lindqvist's reply:``: the owner of the answer speaks.
        if owner["pronoun"]:
            speaker = _resolve_pronoun(index, owner.start(), last)
        else:
            speaker = index.person_at_end.get(owner.end("owner"), (0, None))[1]
        said = _Said(speaker, None, strategy="colon_lead_in")
    return said


# A lead-in naming whose words follow: "His answer:", "Lindqvist's full reply:".
_SPEECH_NOUN_LEAD = re.compile(
    r"(?:(?P<pronoun>\b(?:[Hh]is|[Hh]er|[Tt]heir))|(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['’]s)"
    r"\s+(?:[a-z]+\s+)?(?:answer|reply|response|message|verdict|words|retort|comment|remarks)"
    r"\s*:$"
)


def _clause_before(
    index: _Index, lo: int, hi: int, last: _Last | None, strategy: str
) -> _Said | None:
    cues = [c for c in index.cues_in(lo, hi) if c[2] != _ACCORDING_TO]
    if not cues:
        return None
    start, end, lemma = cues[-1]
    kind, speaker, subject_start = _subject_before(index, start, lo)
    if kind == "linked" or index.body[start:end].endswith("ing"):
        # ``Berg met Halvorsen and said “…”``, ``…, adding: “…”``: the clause's subject.
        speaker = _main_subject(index, start, last)
    elif kind == "pronoun":
        speaker = _resolve_pronoun(index, subject_start, last)
    elif kind == "none":  # the verb opens the clause: ``said Lindqvist, “…”``
        speaker = _name_after(index, end, hi)
    return _said(index, speaker, lemma, end, (lo, hi), (start, end), strategy)


def _main_subject(index: _Index, cue: int, last: _Last | None) -> str | None:
    """The speaker of the sentence a participle or coordinated cue continues.

    The last quote's speaker when that quote is in the same sentence, else the subject
    of the sentence (``After meeting Berg, Lindqvist praised the plan, calling it “…”``
    -> Lindqvist; ``The ministry thanked Berg, calling…`` -> nobody).
    """
    s = index.sentence_of(cue)
    sentence_start = index.sentences[s]
    if last is not None and last.said.cue and last.close >= sentence_start:
        return last.said.speaker
    kind, speaker, at = _sentence_subject(index, s, cue)
    if kind == "pronoun":
        return _resolve_pronoun(index, at, last)
    return speaker


def _said(
    index: _Index,
    speaker: str | None,
    cue: str,
    cue_end: int,
    stretch: tuple[int, int],
    cue_span: tuple[int, int],
    strategy: str,
) -> _Said:
    addressee = None
    if cue in _ADDRESSED_CUES:
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
    return _Said(
        speaker=speaker,
        cue=cue,
        addressee=addressee,
        date=date.date if date else None,
        precision=date.precision if date else None,
        strategy=strategy,
        cue_end=cue_end,
    )


def _titled_person(index: _Index, at: int) -> str | None:
    """The person a cue's object names behind a title: ``told NATO Secretary General
    Jens Stoltenberg`` -> Jens Stoltenberg (not NATO, which only qualifies the title)."""
    k = bisect_left(index.person_starts, at)
    if k == len(index.persons):
        return None
    start = index.persons[k][0]
    gap = index.body[at:start].rstrip()
    if start == at or (
        _TITLE_WORDS.fullmatch(gap) and all(word[0].isupper() for word in gap.split())
    ):
        return index.persons[k][2]
    return None


def _attached(index: _Index, said: _Said | None, raw: _Raw) -> bool:
    """Whether the cue of ``said`` belongs to this quote rather than to its sentence.

    A cue after the quote was checked by its strategy. A cue before it is attached when
    near: ``said: “``, ``said that “``, ``called it the “``, ``said Lindqvist, “``; not
    when another clause or a naming phrase stands between (``said Lindqvist, a diplomat,
    referring to the term ‘``, ``the plan known as “``).
    """
    if said is None or said.cue is None:
        return False
    if said.cue_end > raw.open:
        return True
    gap = index.body[said.cue_end : raw.open].rstrip(" ,:\n")
    near = len(gap.split()) <= _ATTACHED_MAX_WORDS and not any(ch in gap for ch in ",;()—–")
    return near and not _NAMING_LEAD.search(gap)


def _speech_date(
    index: _Index, stretch: tuple[int, int], cue: tuple[int, int]
) -> DateMention | None:
    """The date of the cue in ``stretch``: before it, or just after it, nearest first.

    ``On Monday, Lindqvist said``, ``said on Monday``, ``told reporters on Tuesday``,
    ``said in a statement on Monday``. Not a date that describes a thing ("the July 16
    summit") nor one in what was reported (``said that the talks on Friday…``).
    """
    body = index.body
    best, distance = None, len(body)
    for mention in index.dates_in(*stretch):
        if _ATTRIBUTIVE.search(body, max(0, mention.start - 8), mention.start):
            continue
        if mention.end <= cue[0]:
            if _IN_RELATIVE.search(body, stretch[0], mention.start):
                continue  # ``Bolton, who met Putin on Wednesday, said``: the meeting's date
            gap = cue[0] - mention.end
        elif _just_after_cue(body, cue, mention.start):
            gap = mention.start - cue[1]
        else:
            continue
        if gap < distance:
            best, distance = mention, gap
    return best


def _just_after_cue(body: str, cue: tuple[int, int], at: int) -> bool:
    words = _WORD.findall(body, cue[1], at)
    if len(words) > _AFTER_CUE_MAX_WORDS or any(w.lower() in _REPORTED_CLAUSE for w in words):
        return False
    addressed = _CUE_FORMS.get(body[cue[0] : cue[1]]) in _ADDRESSED_CUES
    return not words or addressed or words[0].lower() not in _CLAUSE_OPENERS


def _introduction_date(index: _Index, raw: _Raw, speaker: str) -> DateMention | None:
    """The date of the sentence that introduces a quote whose own clause has none.

    ``At the news conference on Monday, asked about the vote, Lindqvist did not hesitate.
    “…,” she said.``: the sentence just before the quote's, in its paragraph or closing
    the one before, with the speaker as its subject and a cue of speech ("asked",
    "telling", "said") the date goes with.
    """
    s = index.sentence_of(raw.open)
    if s <= 0 or index.sentence_para[s] - index.sentence_para[s - 1] > 1:
        return None
    lo, hi = index.sentences[s - 1], index.sentence_end(s - 1)
    if not index.dates_in(lo, hi):
        return None
    cues = index.cues_in(lo, hi)
    if not cues or _sentence_subject(index, s - 1)[:2] != ("person", speaker):
        return None
    start, end, _ = cues[0]
    return _speech_date(index, (lo, hi), (start, end))


def _subject_before(index: _Index, verb: int, lo: int) -> tuple[str, str | None, int]:
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
            word in _AUXILIARIES or (len(word) > 4 and word.endswith("ly"))
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
        if _PREPOSITION_BEFORE.search(body, max(lo, found[0] - 10), found[0]):
            return "other", None, found[0]  # "a spokesman for Tomas Berg said"
        return "person", found[1], found[0]
    start = end
    while start > lo and body[start - 1].isalpha():
        start -= 1
    word = body[start:end].lower()
    if word in _PRONOUNS:
        return "pronoun", None, start
    if word in _COORDINATORS:
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


def _appositive_subject(index: _Index, lo: int, comma: int) -> tuple[int, int, str] | None:
    """``Andrey Kortunov, head of the council, said``: the first person followed by a comma."""
    for match in _CLAUSE_BREAK.finditer(index.body, lo, comma):
        lo = match.end()
    for mention in index.persons_in(lo, comma):
        tail = _NAME_PARENTHESIS.match(index.body, mention[1])
        end = tail.end() if tail else mention[1]
        if end < comma and index.body[end] == ",":
            return mention
    return None


def _name_after(index: _Index, position: int, hi: int) -> str | None:
    """The person just after a cue: ``said Kremlin aide Yuri Ushakov`` -> Yuri Ushakov."""
    k = bisect_left(index.person_starts, position)
    if k == len(index.persons) or index.persons[k][0] >= hi:
        return None
    gap = index.body[position : index.persons[k][0]]
    if len(gap.split()) > 6 or _NAME_GAP_STOP.search(gap):
        return None
    return index.persons[k][2]


def _joint_speakers(index: _Index, lo: int, subject_start: int) -> bool:
    """``” Marta Lindqvist and`` before the subject: the first of two speakers."""
    first = index.persons_in(lo, subject_start)
    if len(first) != 1:
        return False
    body = index.body
    return (
        not body[lo : first[0][0]].strip(" ,")
        and body[first[0][1] : subject_start].strip() == "and"
    )


def _leads_to_subject(prefix: str) -> bool:
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
    return not any(word.lower() in _CONJUNCTIONS for word in stripped.split())


def _resolve_pronoun(index: _Index, position: int, last: _Last | None) -> str | None:
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
        if all(p[2] in known for p in index.persons_in(last.close, position)):
            # An unnamed last speaker ("officials said") is no reason to reach further back.
            return last.said.speaker
    earlier = index.persons_in(index.sentences[s], position)
    if earlier:
        return earlier[0][2]
    for back in range(s - 1, max(-1, s - 1 - _PRONOUN_REACH), -1):
        if rank - index.rank[index.sentence_para[back]] > 1:
            break
        kind, speaker, at = _sentence_subject(index, back)
        if kind == "person":
            return speaker
        if kind == "pronoun":
            # ``When Trump stood beside Putin…, he was answering…``: the pronoun subject
            # stands for the subject of the fronted clause, not for any name before it
            # (``Asked whether she wanted Berg to win, she…`` is not Berg).
            named_before = index.persons_in(index.sentences[back], at)
            if named_before and _FRONTED_SUBJECT.fullmatch(
                index.body, index.sentences[back], named_before[0][0]
            ):
                return named_before[0][2]
            continue
        lo, hi = index.sentences[back], index.sentence_end(back)
        asked = _person_asked(index, lo, hi)
        if asked:
            return asked
        named = {p[2] for p in index.persons_in(lo, hi)}
        if len(named) == 1:
            return named.pop()
        if named:
            return None
    return None


def _person_asked(index: _Index, lo: int, hi: int) -> str | None:
    """``A reporter asked Lindqvist whether…``: the person a question was put to."""
    for _, end, lemma in index.cues_in(lo, hi):
        if lemma == "asked":
            at = end
            while at < hi and index.body[at] == " ":
                at += 1
            found = index.person_at_start.get(at)
            if found:
                return found
    return None


def _sentence_subject(index: _Index, s: int, hi: int | None = None) -> tuple[str, str | None, int]:
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
        word = first.group()
        leads = word.lower() in _LEADING_WORDS or (
            word.endswith(("ed", "ing")) and word.lower() not in _CUE_FORMS
        )
        if not leads or first.start() in index.person_at_start:
            break
        for _ in range(_LEADING_MAX_WORDS):
            comma = next(words, None)
            if comma is None or comma.group() == ",":
                break
        if comma is None or comma.group() != ",":
            return "other", None, first.start()
        first = next(words, None)
    if first is None:
        return "none", None, lo
    if first.group().lower() in _PRONOUNS:
        return "pronoun", None, first.start()
    if first.group() in _CUE_FORMS:  # the verb first: "said Marta Lindqvist, a diplomat"
        speaker = _name_after(index, first.end(), hi)
        return ("person", speaker, first.start()) if speaker else ("other", None, first.start())
    word = first
    for _ in range(_TITLE_MAX_WORDS + 1):
        found = index.person_at_start.get(word.start())
        if found:
            end = index.person_end_at_start[word.start()]
            if _JOINT.match(body, end):
                return "other", None, word.start()  # "Berg and Halvorsen said"
            if not body.startswith(("’s", "'s"), end):
                return "person", found, word.start()
            # "Berg’s office said" has no person subject; "Berg’s aide Ana Lind said" has.
        text = word.group()
        # A verb ends the subject: "The ministry thanked Halvorsen" has none we can name.
        if (
            text.lower() in _NOT_TITLE
            or text in _CUE_FORMS
            or (text.islower() and text.endswith("ed"))
        ):
            break
        word = next(words, None)
        if word is None:
            break
    return "other", None, first.start()


def _inherited(
    index: _Index,
    raw: _Raw,
    last: _Last | None,
    said_of: dict[int, _Said],
    only_quotes: dict[int, bool],
) -> _Said | None:
    """The speech a quote with no clause of its own continues (INHERITANCE_STRATEGIES)."""
    if raw.chain_prev is not None and raw.chain_prev in said_of:
        earlier = said_of[raw.chain_prev]
        if earlier.cue:
            return replace(earlier, strategy="continued_paragraph")
    if last is None or last.said.cue is None:
        return None
    known = {last.said.speaker, last.said.addressee}
    if any(p[2] not in known for p in index.persons_in(last.close, raw.open)):
        return None
    if last.paragraph == raw.paragraph:
        return replace(last.said, strategy="same_paragraph")
    if last.paragraph != raw.paragraph - 1:
        return None
    if only_quotes[raw.paragraph]:
        return replace(last.said, strategy="quote_paragraph")
    if _points_back(index, raw):
        return replace(last.said, strategy="follow_up")
    return None


def _points_back(index: _Index, raw: _Raw) -> bool:
    """``They include the “…”``: no cue, no person, and a first word that refers back."""
    lo, hi = raw.sentence
    if index.cues_in(lo, hi) or index.persons_in(lo, hi):
        return False
    first = _WORD.match(index.body, lo)
    return first is not None and first.group().lower() in _REFERRING
