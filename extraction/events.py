"""Events: dated happenings (summits, meetings, calls, statements, indictments...) in the body.

An event is a *trigger* word (a noun or verb such as "summit", "met", "announced",
"told") and a date expression in the same clause of the same sentence. The steps,
in order:

1. ``_triggers``: every trigger word outside direct quotes (a quote's words are the
   speaker's, not the reporter's account of what happened).
2. ``_clauses``: each sentence is cut into clauses at ";", dashes and conjunctions
   such as "after", "as", ", which" — a date in one clause never dates a trigger in
   another.
3. Each date is attached to the nearest trigger of its clause it can reach (the
   *head*): within ``_DATE_REACH`` characters and not across a comma, "that", "which"
   or "who" (a date at the front of its clause crosses its own comma: "On Thursday,
   Trump met..."). Two dates joined by "-", "to" or "and" make one range. The dateline
   (the publication date on a line of its own at the top) is never an event.
4. The other triggers close to a head (``_SATELLITE_REACH`` characters, no comma or
   "that" between) join its group and refine its kind: "meet ... summit" is a summit,
   "announced the meeting" an announcement. A speech verb ("said", "told") is an event
   only with a named speaker (before it, before an apposition, "he", or the quote it
   cues); as a head it stays a statement unless said in an interview, a call, a tweet or
   a press conference — what is talked about ("urged Trump on Friday to cancel the
   summit") is not the happening. As the cue of a quote it outranks the meeting it was
   said at ("…,” Putin told Bolton at their meeting Wednesday" is Putin's statement).
5. Entities go to the nearest trigger they can reach: those of the group are its
   participants; a place after in/at/to is its place (the city, not the country that
   follows it). A verb without a subject borrows one: "he"/"she"/"they", an apposed
   subject, or the sentence's subject ("Trump has pushed — inviting Putin...").
6. One event per happening: the same kind, compatible dates and shared participants
   or place are merged (the first evidence is kept, the most precise date wins); a plain
   statement is absorbed by the same speaker's interview or press conference that day.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extraction.results import DateMention, Entity, Event, Evidence, Quote
from extraction.text import Text

EVENT_KINDS = (
    "summit",
    "meeting",
    "talks",
    "call",
    "visit",
    "announcement",
    "statement",
    "interview",
    "tweet",
    "press_conference",
    "invitation",
    "sanctions",
    "indictment",
    "annexation",
    "election",
    "other",
)

# Which kind a group of triggers takes: the highest here. A speech verb ("statement")
# sits below meetings unless it is the cue of a quote (see _group_kind).
_KIND_RANK = {
    "announcement": 14,
    "indictment": 13,
    "sanctions": 12,
    "annexation": 11,
    "summit": 10,
    "press_conference": 9,
    "interview": 8,
    "tweet": 7,
    "call": 6,
    "invitation": 5,
    "visit": 4,
    "talks": 3,
    "meeting": 2,
    "election": 1.5,
    "statement": 1,
    "other": 0,
}
_MEETING_FAMILY = ("summit", "meeting", "talks")
_QUOTED_STATEMENT_RANK = 4.5  # above visits, talks and meetings; below calls and interviews

# How far (in characters) another trigger may stand from a head and its date and still
# belong to the same happening: "meet in Helsinki, Finland, on July 16 for their first
# bilateral summit" (27) but not "...said the Group of Seven should re-admit Russia on
# the eve of its annual summit" (65).
_SATELLITE_REACH = 45
# How far a date may stand from its trigger: "during the 2016 presidential campaign" is
# not the date of a "charged" a hundred characters before it.
_DATE_REACH = 60
# What a speech verb was said in: "Pence said in an interview ... on Wednesday".
_SPEECH_FORMS = ("interview", "press_conference", "tweet", "call")
# How far after "announced" the charges or sanctions it announces may stand.
_ACT_REACH = 100
# A summit named as the setting of an encounter, and the encounter before it in the sentence.
_SETTING_LEAD = re.compile(
    r"\b(?:sidelines\s+of|during)\s+(?:(?:a|an|the|their)\s+)?(?:[\w’'-]+\s+){0,2}$"
)
_ENCOUNTER = re.compile(r"\b(?:met|meet(?:s|ing)?|talks|conversations?|spoke)\b", re.IGNORECASE)
# An aside between commas that names a place or a person: "in Helsinki, Finland, on July 16",
# "Last month, in Singapore, Trump held a summit".
_APPOSITION = re.compile(r",\s+(?:(?:in|at)\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3},")
_SATELLITE_TOPIC = re.compile(
    r"\b(?:prepar\w*|ahead|before|after|about|over|discuss\w*|plan\w*)\b", re.IGNORECASE
)
_SATELLITE_BARRIER = re.compile(r"[,;:]|\b(?:that|whether|which|who|and)\b", re.IGNORECASE)
# What a date or a name does not reach across to find its trigger. "and" is allowed:
# "Trump and Putin will hold a summit".
_ATTACH_BARRIER = re.compile(r"[,;:]|\b(?:that|whether|which|who)\b", re.IGNORECASE)
# A date at the head of its clause: "On Thursday, ...", "Earlier this month, ...".
# What may stand before a fronted date: "On", "Earlier on", "Three days earlier, on".
_FRONTED = re.compile(
    r"\W*(?:[\w ]{0,24}\b(?:earlier|later|before|after|ago),\s+)?"
    r"(?:(?:on|in|at|by|since|during|early|late|earlier|later)\s+){0,2}",
    re.IGNORECASE,
)
# After a fronted date, its comma and a second fronted phrase between commas ("On
# December 17, 2017, at the Russian side's initiative, Putin telephoned Trump").
_FRONTED_TAIL = re.compile(
    r"\s*,(?:\s*(?:at|in|on|after|before|during|with|by|from|amid|following|under)\b"
    r"[^,;]{0,60},)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    kind: str
    verb: bool  # a verb needs a subject; a noun does not
    speech: bool  # said, told, added...: an event only with a named speaker


# (pattern, kind, is a verb, is a speech verb). Longest alternatives first.
_LEXICON: tuple[tuple[str, str, bool, bool], ...] = (
    (r"(?:joint\s+)?(?:press|news)\s+(?:conference|briefing)s?", "press_conference", False, False),
    (r"briefings?", "press_conference", False, False),
    (r"(?:tele)?phone\s+(?:call|conversation)s?", "call", False, False),
    (r"spoke\s+(?:by|on\s+the)\s+(?:tele)?phone", "call", True, False),
    (r"summits?", "summit", False, False),
    (r"meetings?", "meeting", False, False),
    # "meet that target" is not a meeting.
    (
        r"(?:meet(?:s|ing)?|met)(?!\s+(?:\w+\s+)?(?:targets?|goals?|deadlines?|demands?"
        r"|expectations?|standards?|criteria|needs|obligations?|commitments?)\b)"
        r"|host(?:s|ed|ing)|(?:sit(?:s|ting)?|sat)\s+down",
        "meeting",
        True,
        False,
    ),
    # A meal with somebody is a meeting: "a breakfast with Stoltenberg on Wednesday".
    (r"breakfast|lunch(?:eon)?", "meeting", False, False),
    (r"talks|discussions|negotiations", "talks", False, False),
    (r"visit(?:s)?|trip", "visit", False, False),
    (
        r"visit(?:ed|ing)|travel(?:s|ed|led|ing)?\s+to|arriv(?:e|ed|es|ing)"
        r"|(?:flew|fl(?:y|ies|ying))\s+(?:on\s+)?(?:in(?:to)?|to|back)"
        r"|return(?:s|ed|ing)?\s+(?:to|from|home)|landed\s+in|left|leav(?:e|es|ing)|depart(?:s|ed|ing)?",
        "visit",
        True,
        False,
    ),
    (r"announcements?", "announcement", False, False),
    (r"announc(?:e|es|ed|ing)", "announcement", True, False),
    # Before the speech verbs ("added"): a verb that acts on sanctions named right after
    # it ("extended its economic sanctions", "added new sanctions on Russian tycoons"),
    # not across a reported clause ("added on Monday that sanctions would stay").
    (
        r"(?:impos|extend|add|widen|tighten|lift|renew|prolong|expand)(?:ed|s|ing)?"
        r"(?=\s+(?:(?!(?:that|which|whether)\b)[\w’'-]+\s+){0,3}?sanctions\b)",
        "sanctions",
        True,
        False,
    ),
    (r"statements?|remarks|speech", "statement", False, False),
    (
        r"said|says|told|tells|added|stated|declared|insisted|warned|urged|called\s+on"
        r"|argued|described|blamed|accused|criticized|criticised|condemned|praised|wrote"
        r"|reported|replied",
        "statement",
        True,
        True,
    ),
    # "he called Putin in March": a call only when a person follows (see _keep_trigger).
    (r"called|phoned|telephoned", "call", True, False),
    (r"interviews?", "interview", False, False),
    (r"interviewed|aired|broadcast", "interview", True, False),
    (r"tweets?", "tweet", False, False),
    # "said on Twitter", "wrote via Twitter": the form a speech verb was said in.
    (r"(?<=on\s)twitter|(?<=via\s)twitter", "tweet", False, False),
    (r"tweet(?:ed|ing)", "tweet", True, True),
    (r"invitations?", "invitation", False, False),
    (r"invit(?:e|es|ed|ing)", "invitation", True, False),
    (r"sanctions", "sanctions", False, False),
    (r"sanction(?:ed|ing)|imposed\s+sanctions", "sanctions", True, False),
    (r"indictments?|charges", "indictment", False, False),
    (r"indict(?:s|ed|ing)?|charged", "indictment", True, False),
    (r"annexation|reunification", "annexation", False, False),
    (r"annex(?:es|ed|ing)?", "annexation", True, False),
    (r"(?:re-?)?elections?", "election", False, False),
    # Happenings of no kind above: protests, dinners, signings, launches.
    (r"protests?|protesters|demonstrations?|marches|rall(?:y|ies)|dinner", "other", False, False),
    (r"forum|conference|ceremony|poisoning|assassination|bombing", "other", False, False),
    (r"protested|marched|signed|launched", "other", True, False),
    # Votes, hearings, appointments, departures from office.
    (r"votes?|hearings?|testimony", "other", False, False),
    (
        r"voted|testif(?:y|ies|ied)|adopted|appointed|nominated|fired|resigned|published",
        "other",
        True,
        False,
    ),
)
# The lookahead on the first letters of the lexicon lets the scanner skip most positions
# fast (about a third of the scan time); keep it in step with _LEXICON.
_TRIGGER_WORD = re.compile(
    r"\b(?=[abcdefhijlmnprstuvw])(?<![\w-])(?:"
    + "|".join(f"(?P<t{i}>{pattern})" for i, (pattern, *_rest) in enumerate(_LEXICON))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_TRIGGER_WORD_LOWER = re.compile(_TRIGGER_WORD.pattern)
# The first three letters of every word the lexicon can start with; keep it in step with
# _LEXICON (test_events checks it against the full scan).
_TRIGGER_STEMS = [
    "joi",
    "pre",
    "new",
    "tel",
    "pho",
    "spo",
    "sum",
    "mee",
    "met",
    "hos",
    "tal",
    "dis",
    "neg",
    "vis",
    "tri",
    "tra",
    "arr",
    "fle",
    "fly",
    "ann",
    "sta",
    "rem",
    "spe",
    "sai",
    "sit",
    "sat",
    "say",
    "tol",
    "add",
    "dec",
    "ins",
    "war",
    "urg",
    "cal",
    "int",
    "twe",
    "inv",
    "san",
    "imp",
    "ind",
    "cha",
    "ele",
    "re-",
    "ree",
    "bri",
    "ret",
    "lan",
    "arg",
    "des",
    "bla",
    "acc",
    "reu",
    "pro",
    "dem",
    "mar",
    "ral",
    "din",
    "sig",
    "lau",
    "bre",
    "lun",
    "lef",
    "dep",
    "cri",
    "con",
    "pra",
    "air",
    "bro",
    "vot",
    "hea",
    "tes",
    "ado",
    "app",
    "nom",
    "fir",
    "res",
    "for",
    "cer",
    "poi",
    "ass",
    "bom",
    "wro",
    "pub",
    "lea",
    "rep",
    "twi",
    "ext",
    "wid",
    "tig",
    "lif",
    "ren",
    "exp",
]
_TRIGGER_START = re.compile(r"\b(?<![\w-])(?:" + "|".join(map(re.escape, _TRIGGER_STEMS)) + ")")

# Clause boundaries. Dashes and semicolons always; subordinating words that start a
# new happening ("the news was released a day after Putin hosted...") and relative
# clauses. "when" is deliberately absent: "startled leaders earlier this month when he
# said..." dates the saying.
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|—|,\s+(?:which|who|where|whereas|but|although|though)\b"
    r"|\s(?:after|before|as|while|because|although|though|whereas|but|since|until)\s",
    re.IGNORECASE,
)
# Text between two dates of one trigger that makes them a range: "July 11-12", "from
# July 11 to 12", "on July 11 and 12".
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|until|and)\s*", re.IGNORECASE)
_LOCATIVE = re.compile(r"(?:\b(?:in|at|to|from|aboard|inside|into)\s+(?:the\s+)?)$", re.IGNORECASE)
_WITH = re.compile(r"\bwith\s+(?:the\s+)?$", re.IGNORECASE)
_AT_NOUN = re.compile(r"\bat\s+(?:(?:the|a|an|their|his|her)\s+)?(?:[\w’'-]+\s+){0,2}$")
_DEFINITE = re.compile(r"(?:\b(?:the|that|this)|['’]s)\s+(?:\S+\s+)?$", re.IGNORECASE)
# A sentence end between a quote and a speech verb: the verb cues another quote.
_SENTENCE_END = re.compile(r"\n|[.!?][”\"’']?\s+[“\"A-Z]")
_TO = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(he|she)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# "its 2014 annexation", "Russia's 2014 annexation": the annexer is the owner.
_CLAUSE_LEAD = re.compile(r"\W*(?:the\s+)?", re.IGNORECASE)
_THEY = re.compile(r"\bthey\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:\b(?:its|their)|['’]s)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
# A speaking body without a register name: an organisation noun at the end of the subject
# ("Russia's defence ministry", "the Interfax news agency") or a title in capitals after
# "The" ("The Post", "The Sun") — only before "reported", what publications do.
_BODY_SUBJECT = re.compile(
    r"(?P<body>(?:(?:[Tt]he|[A-Z][\w.-]*['’]s)\s+)?(?:[\w.’'-]+\s+){0,4}?"
    r"(?:ministry|department|office|agency|agencies|committee|government|embassy|council"
    r"|commission|service|newspaper|daily|broadcaster|television|magazine|spokesperson))"
    r"(?:\s+(?:also|later|then|first|again))?\s+$"
)
_PAPER_SUBJECT = re.compile(r"(?P<body>[Tt]he\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})\s+$")
_APPOSED = re.compile(r",\s[^,.;“”\"]{1,70},\s*$")
_INVERTED_CUE = re.compile(r"[,”\"]\s*$")


# --- the slots a name can stand in (read on text with names as "X" and dates as "D") ---------

# Words between a subject and its verb: auxiliaries and adverbs ("Trump is due to meet").
_AUX = (
    r"(?:will|would|shall|should|could|can|may|might|must|is|are|was|were|be|been|being|has"
    r"|have|had|did|does|do|also|then|later|first|last|recently|previously|briefly|often"
    r"|again|already|finally|jointly|formally"
    r"|publicly|personally|separately|not|never|just|still|reportedly|due|expected|set"
    r"|scheduled|going|plans|planned|wants|wanted|hopes|agreed|to|himself|herself|itself"
    r"|themselves|both|each|only|once|D)"
)
# A modifier inside a noun phrase: not a preposition, conjunction or article.
_MODIFIER = (
    r"(?:(?!(?:of|in|at|on|for|to|from|with|about|over|by|and|or|but|that|which|who|the|a"
    r"|an|as|after|before|while|when|since|during|into|against|between|D|X)\b)[a-z][\w’'-]*"
    r"|[A-Z][\w.’'-]+|\d[\w-]*|D|X)"
)
_AND_GAP = re.compile(r"\s*(?:,\s*and|and|,|&|[–-])\s*")
# "NATO leaders", "Kremlin officials": the organisation acts through its people.
_PEOPLE_OF = (
    r"(?:\s+(?:leaders|officials|diplomats|ministers|members|negotiators|envoys|lawmakers"
    r"|prosecutors|investigators|delegations?|spokesm[ae]n|aides))?"
)
_SUBJECT_GAP = re.compile(
    rf"{_PEOPLE_OF}(?:['’]s)?(?:\s*(?:,\s*and|and|,|&)\s*X)*\s*(?:,[^,;]{{1,80}},)?(?:\s*{_AUX}\b)*\s*"
)
# An owner before a noun: "NATO summit", "Trump–Putin summit", "Bolton's first visit".
_OWNER_GAP = re.compile(
    rf"(?:\s*[–-]\s*X)?(?:\s+(?:[A-Z][\w.’'-]+|\d[\w-]*|D))*\s*"
    rf"|['’]s(?:\s+{_MODIFIER}){{0,3}}\s*"
)
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:on|in|last)\s+)?(?:D\s*)?(?:(?:with|by|to)\s+)?(?:the\s+)?(?:D\s*)?"
    r"(?:[A-Z][\w.’'-]*\s+){0,3}"
)
_COMPLEMENT_GAP = re.compile(
    r"\s*(?:D\s*)?(?:(?:in|at)\s+(?:the\s+)?X\s*)?(?:D\s*)?"
    r"(?:with|between|by|of|among|from|to)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}"
)
_HOLDER_VERBS = (
    r"(?:held|holds|hold|holding|opened|opens|open|attended|attends|attend|left|leaves|leave"
    r"|hosted|hosts|host|gave|gives|give|issued|issues|issue|made|makes|make|began|begins"
    r"|begin|ended|ends|end|joined|joins|join|chaired|chairs|chair|had|has|have|won|wins|win"
    r"|received|receives|receive|sent|sends|send|extended|extends|extend|accepted|accepts"
    r"|accept|got|gets|get|concluded|concludes|conclude|arrived\s+(?:at|for)|went\s+to|forced"
    r"|convened|requested|demanded|sought)"
)
# Who holds a noun happening: "Trump opened the NATO summit", "they held talks".
_HOLDER_GAP = re.compile(
    rf"{_PEOPLE_OF}(?:\s*(?:,\s*and|and|,)\s*X)*\s*(?:,[^,;]{{1,80}},)?(?:\s*{_AUX}\b)*\s+{_HOLDER_VERBS}"
    rf"\s+(?:(?:the|a|an|his|her|their|its|this|another)\s+)?(?:{_MODIFIER}\s+){{0,3}}"
)
_POSSESSIVE_PRONOUN = re.compile(r"\b(?:his|her)\s+(?:[a-z][\w’'-]*\s+){0,2}$")
# A phrase fronted before the clause's subject: "In a March phone call ..., Trump ...".
_FRONTED_PHRASE = re.compile(r"\W*(?:in|at|during|after|before|on)\s+[^,;]{1,120},\s*", re.I)
# A "who" clause, and the main clause after it: "Trump, who is visiting Britain, met May".
_RELATIVE_LEAD = re.compile(r"\s*who\b[^;]{0,100}$")
# A noun used as a modifier is no happening: "the summit declaration", "election offices".
_NOUN_MODIFIED = re.compile(
    r"\s+(?:declarations?|communiqu[eé]s?|agendas?|venues?|preparations?|hosts?|city|cities"
    r"|dates?|plans?|schedules?|campaigns?|season|officials?|results?|cycles?|interference"
    r"|meddling|boards?|offices?|security|sites?|halls?|rooms?|tables?|systems?|year|circuit"
    r"|organi[sz]ers?|delegations?|staff|spending|targets?)\b",
    re.IGNORECASE,
)
# What a speech verb says, not when it was said: "said the details would be made public".
_REPORTED_CONTENT = re.compile(
    r"\b(?:would|will|was|were|is|are|be|been|had|has|have|could|should|can|may|might|must"
    r"|did|do|does|that|to|whether|if)\b",
    re.IGNORECASE,
)
# What may stand between a date and the noun it dates: "Monday's meeting", "the July 16
# summit", "on July 16 for their first summit".
_DATE_BEFORE_NOUN = re.compile(
    r"(?:['’]s)?(?:\s+(?:for|the|a|an|their|his|her|its|X|[A-Z][\w.’'-]*|[a-z]+-[a-z-]+|first"
    r"|second|formal|full|joint|bilateral|planned|annual|long|private|official|state|working"
    r"|emergency|closed|summit|presidential|parliamentary|midterm|congressional|general|local"
    r"|regional|national|federal|legislative))*\s*"
)
# Words that may stand between a noun and its date: "the summit between Trump and Putin
# earlier this week", "the indictment on Friday of 12 officers".
_NEAR_WORDS = frozenset(
    [
        "in",
        "at",
        "on",
        "with",
        "between",
        "and",
        "of",
        "the",
        "a",
        "an",
        "their",
        "his",
        "her",
        "its",
        "two",
        "both",
        "leaders",
        "presidents",
        "men",
        "sides",
        "late",
        "early",
        "morning",
        "afternoon",
        "evening",
        "first",
        "last",
        "for",
    ]
)
# The noun's own passive verb: "The sanctions were first imposed in 2014" dates the
# sanctions; "the summit was expected to produce ... in 2019" is no passive of the noun.
_PASSIVE_AFTER_NOUN = re.compile(
    r"^\s*(?:were|was|(?:has|have|had)\s+been)\s+(?:(?:first|later|then|formally|finally"
    r"|originally)\s+)?(?!expected|supposed|scheduled|set|due)[a-z]+ed\b"
)
_LOOSE_WORD = re.compile(r"\b[a-z][\w’'-]*")
_LEDE_KINDS = ("summit", "meeting", "talks", "press_conference", "visit", "call")
# A noun that is a topic of another verb: "damage from an interview", "ahead of the summit".
_TOPIC_BEFORE = re.compile(
    r"\b(?:about|over|from|into|toward|towards|regarding|ahead\s+of|before|after|for|on"
    r"|against)"
    r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_NAMED_BY_YEAR = re.compile(r"\s+(?:[\w.’'-]+\s+){0,2}")

# --- titles ---
# What stands before a noun that is only the topic or purpose of another verb.
_TOPIC_LEAD = re.compile(
    r"\b(?:for|about|over|toward|towards|ahead\s+of|before|after)\s+(?:(?:a|an|the)\s+)?"
    r"(?:[\w’'-]+\s+)?$",
    re.IGNORECASE,
)
_PLAIN_SUBJECT = re.compile(r"(?:[\w’'.-]+\s+){1,4}?$")
_TITLE_WORDS = 8
_LABELS = {"press_conference": "press conference", "call": "phone call"}
_VENUE = re.compile(r"\s+((?:at|in)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})")
_PHRASE = (
    r"((?:(?:the|a|an)\s+)?(?!(?:on|in|at|for|with|by|the|a|an|of|to|from|during|over|last"
    r"|next|this|D)\b)(?:\w[\w’'.-]*\s+){0,5}?\w[\w’'.-]*)"
    r"(?=\s*(?:[,;.]|\b(?:on|in|at|for|with|by|during|over|from|to|after|before|who|that"
    r"|which|and|D)\b|$))"
)
_VERB_OBJECT = re.compile(rf"\s*(?:D\s*)?{_PHRASE}")
_NOUN_OBJECT = re.compile(rf"\s*(?:(?:on|in|last)\s+)?(?:D\s*)?(?P<prep>of|against|on)\s+{_PHRASE}")
_TRAILING_AUX = re.compile(r"(?:\s+(?:were|was|been|had|has|have|being|is|are|be))+\s*$")
_TRAILING_APPOSITION = re.compile(r",\s[^,]{1,60},\s*$")
_PHRASE_STOP = frozenset(
    [
        "in",
        "at",
        "on",
        "to",
        "for",
        "with",
        "by",
        "from",
        "that",
        "which",
        "who",
        "when",
        "while",
        "as",
        "after",
        "before",
        "and",
        "but",
        "access",
        "exchange",
    ]
)
_WORD = re.compile(r"\S+")
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her"])


@dataclass(slots=True)
class _Group:
    """A head trigger, its dates and the triggers that refine it."""

    head: _Trigger
    dates: list[DateMention]
    satellites: list[_Trigger] = field(default_factory=list)
    clause: tuple[int, int] = (0, 0)
    sentence: tuple[int, int] = (0, 0)

    @property
    def triggers(self) -> list[_Trigger]:
        return [self.head, *self.satellites]

    @property
    def span(self) -> tuple[int, int]:
        starts = [self.head.start, *(d.start for d in self.dates)]
        ends = [self.head.end, *(d.end for d in self.dates)]
        return min(starts), max(ends)


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
    >>> [(e.title, e.kind, e.date, e.place) for e in find_events(
    ...     body, entities=people, dates=(wednesday,), quotes=())]
    [('Putin–Bolton talks in Moscow', 'talks', '2018-06-27', 'Moscow')]
    """
    text = Text.of(text)
    body = text.body
    # A quote's words are claims, not reports; a transcript's answers (no marks around
    # them) are the speaker's own account and are read like the story's sentences.
    quoted = sorted((q.start - 1, q.end + 1) for q in quotes if body[q.start - 1 : q.start] != " ")
    dateline = text.dateline or (0, 0)
    usable = sorted(
        (d for d in dates if not _inside(quoted, d.start) and not _within(dateline, d.start)),
        key=lambda d: d.start,
    )
    mentions = _entity_mentions(entities, quoted, usable)
    sentences = list(text.sentences)
    triggers = [
        t
        for t in map(lambda t: _naming_as_speech(body, t, quotes), _triggers(body))
        if not _inside(quoted, t.start) and _keep_trigger(body, t, mentions)
    ]
    date_starts = [d.start for d in usable]
    trigger_starts = [t.start for t in triggers]
    events: list[Event] = []
    for sentence in sentences:
        in_sentence = _between(usable, date_starts, sentence)
        if not in_sentence:
            continue
        sentence_triggers = _between(triggers, trigger_starts, sentence)
        for clause in _clauses(body, sentence):
            groups = _groups(
                body,
                clause,
                [d for d in in_sentence if clause[0] <= d.start < clause[1]],
                [t for t in sentence_triggers if clause[0] <= t.start < clause[1]],
                mentions,
            )
            clause_triggers = [t for t in sentence_triggers if clause[0] <= t.start < clause[1]]
            for group in groups:
                group.clause, group.sentence = clause, sentence
                event = _event(body, group, clause_triggers, mentions, quotes)
                if event is not None:
                    events.append(event)
    if sentences:
        lede = _lede_event(body, sentences[0], usable, triggers, mentions, events)
        if lede is not None:
            events.insert(0, lede)
    return tuple(_merge_duplicates(_resolve_vague(events)))


# --- finding triggers, clauses and groups -------------------------------------------------


def _triggers(body: str) -> list[_Trigger]:
    # Scanning a lower-cased copy without IGNORECASE is about twice as fast; the copy has
    # the body's offsets unless lower-casing changed a length ("İ"), then scan the body.
    # The full lexicon is tried only where a word starts like a trigger word (about four
    # times faster than trying it at every word).
    lowered = body.lower()
    if len(lowered) != len(body):
        matches = list(_TRIGGER_WORD.finditer(body))
    else:
        matches, reached = [], 0
        for candidate in _TRIGGER_START.finditer(lowered):
            if candidate.start() < reached:
                continue  # inside the last trigger: "imposed sanctions", "joint news ..."
            match = _TRIGGER_WORD_LOWER.match(lowered, candidate.start())
            if match is not None:
                matches.append(match)
                reached = match.end()
    found = []
    for match in matches:
        assert match.lastgroup is not None  # every alternative is a named group
        _pattern, kind, verb, speech = _LEXICON[int(match.lastgroup[1:])]
        found.append(_Trigger(match.start(), match.end(), kind, verb, speech))
    return found


def _clauses(body: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """Clauses of a sentence; a subordinating word stays with the clause it opens."""
    start, end = sentence
    spans = []
    for match in _CLAUSE_BREAK.finditer(body, start, end):
        spans.append((start, match.start()))
        separator = match.group(0)
        if separator.strip() in (";", "—", "–"):
            start = match.end()
        else:
            start = match.start() + len(separator) - len(separator.lstrip(" ,"))
    spans.append((start, end))
    return [(s, e) for s, e in spans if e > s]


def _groups(
    body: str,
    clause: tuple[int, int],
    dates: list[DateMention],
    triggers: list[_Trigger],
    mentions: _Mentions,
) -> list[_Group]:
    """Each date with its head trigger, and the triggers near it that refine its kind."""
    if not dates or not triggers:
        return []
    by_head: dict[_Trigger, list[DateMention]] = {}
    for date in dates:
        head = _date_head(body, clause, date, triggers, mentions)
        if head is not None:
            by_head.setdefault(head, []).append(date)
    if not by_head:
        return []
    groups: list[_Group] = []
    for head, head_dates in sorted(by_head.items(), key=lambda item: item[0].start):
        for run in _date_runs(body, head_dates):
            groups.append(_Group(head, run))
    heads = {g.head for g in groups}
    for trigger in triggers:
        if trigger in heads:
            continue
        nearest = min(groups, key=lambda g: _gap(*g.span, trigger.start, trigger.end))
        if _close(body, nearest.span, trigger):
            nearest.satellites.append(trigger)
    for group in groups:
        group.satellites.sort(key=lambda t: t.start)
    return groups


def _close(body: str, span: tuple[int, int], trigger: _Trigger) -> bool:
    """A trigger near a group, with no comma or reported clause ("said ... that") between."""
    if _gap(*span, trigger.start, trigger.end) > _SATELLITE_REACH:
        return False
    # An apposition between commas ("in Helsinki, Finland, on July 16") is no barrier; a
    # purpose or topic is ("met Putin on Wednesday to prepare the summit" is a meeting).
    if _barrier_between(body, span, trigger, _SATELLITE_BARRIER):
        return False
    return not _barrier_between(body, span, trigger, _SATELLITE_TOPIC)


def _date_head(
    body: str,
    clause: tuple[int, int],
    date: DateMention,
    triggers: list[_Trigger],
    mentions: _Mentions,
) -> _Trigger | None:
    """The nearest trigger the date can reach without crossing a comma or a new clause.

    A fronted date crosses its comma ("On Thursday, Trump forced a meeting"); others do
    not ("sworn in for a fourth term in May, has long sought a meeting" is no May meeting).
    A noun is dated only by a date of its own phrase ("Monday's meeting", "the summit in
    Helsinki on July 16"), not by the date of another verb ("gave no sign on Wednesday of
    agreements being prepared for the summit"); a speech verb is not dated by a date in
    what was said ("said the details would be made public on Thursday").
    """
    fronted = _FRONTED.fullmatch(body, clause[0], date.start) is not None
    reachable = [
        t
        for t in triggers
        if _within_reach(body, date, t, mentions)
        and not _barrier_between(body, (date.start, date.end), t, _ATTACH_BARRIER, fronted)
        and _date_fits(body, date, t, fronted, mentions)
    ]
    if not reachable:
        return None
    return min(reachable, key=lambda t: (_gap(t.start, t.end, date.start, date.end), t.start))


def _within_reach(body: str, date: DateMention, trigger: _Trigger, mentions: _Mentions) -> bool:
    """Within ``_DATE_REACH`` characters, a name counting as one word: "the first formal
    summit between President Donald Trump and President Vladimir Putin on July 16"."""
    gap = _gap(trigger.start, trigger.end, date.start, date.end)
    if gap <= _DATE_REACH:
        return True
    if gap > 2 * _DATE_REACH:
        return False
    start, end = (
        (trigger.end, date.start) if trigger.end <= date.start else (date.end, trigger.start)
    )
    return len(" ".join(mentions.masked(body, start, end).split())) <= _DATE_REACH


def _barrier_between(
    body: str,
    span: tuple[int, int],
    trigger: _Trigger,
    barrier: re.Pattern[str],
    fronted: bool = False,
) -> bool:
    after = trigger.start >= span[1]
    between = body[span[1] : trigger.start] if after else body[trigger.end : span[0]]
    between = _APPOSITION.sub(" ", between)
    if fronted and trigger.start >= span[1]:
        between = _FRONTED_TAIL.sub(" ", between, count=1)
    return barrier.search(between) is not None


def _date_runs(body: str, dates: list[DateMention]) -> list[list[DateMention]]:
    """Dates of one head, split into happenings; two dates joined by "to"/"-"/"and" are one."""
    runs: list[list[DateMention]] = []
    for date in sorted(dates, key=lambda d: d.start):
        if runs and _RANGE_JOIN.fullmatch(body[runs[-1][-1].end : date.start]):
            runs[-1].append(date)
        else:
            runs.append([date])
    return runs


def _clause_subject(body: str, group: _Group, mentions: _Mentions) -> str | None:
    """The name a clause opens with ("Trump leaves Washington..."), if it opens with one."""
    lead = mentions.between(group.clause[0], group.head.start)
    if (
        lead
        and lead[0][2].kind != "place"
        and _CLAUSE_LEAD.fullmatch(body, group.clause[0], lead[0][0])
    ):
        return lead[0][2].name
    return None


def _resolve_vague(events: list[Event]) -> list[Event]:
    """ "The meeting opened on Wednesday": an untitled event takes the names of the nearest
    happening of its family told before it; with none before it, it is dropped."""
    resolved: list[Event] = []
    for event in events:
        if event.title:
            resolved.append(event)
            continue
        family = _MEETING_FAMILY if event.kind in _MEETING_FAMILY else (event.kind,)
        antecedent = next((e for e in reversed(resolved) if e.kind in family), None)
        if antecedent is not None:
            resolved.append(
                Event(
                    title=antecedent.title,
                    kind=event.kind,
                    date=event.date,
                    precision=event.precision,
                    evidence=event.evidence,
                    participants=event.participants or antecedent.participants,
                    place=event.place or antecedent.place,
                    end_date=event.end_date,
                )
            )
    return resolved


def _antecedent(body: str, clause_start: int, mentions: _Mentions) -> str | None:
    """The name a "who" clause hangs on: "Niinistö, who visited Trump" -> Niinistö."""
    comma = body.rfind(",", max(0, clause_start - 3), clause_start + 1)
    return _entity_right_before(body, comma if comma >= 0 else clause_start, mentions)


def _naming_as_speech(body: str, trigger: _Trigger, quotes: Sequence[Quote]) -> _Trigger:
    """ "called the talks 'better than super' on Monday": "called" that cues a quote is a
    speech verb (a statement), not a phone call; without a quote it stays a call word."""
    if (
        trigger.kind == "call"
        and trigger.verb
        and body[trigger.start : trigger.end].lower() == "called"
        and _quote_cue(body, trigger, quotes) is not None
    ):
        return _Trigger(trigger.start, trigger.end, "statement", True, True)
    return trigger


def _keep_trigger(body: str, trigger: _Trigger, mentions: _Mentions) -> bool:
    """Drop trigger words that name no happening here.

    "called" is a call only with a person right after it ("he called Putin in March", not
    "called the meeting a success"); a noun that modifies another noun ("the summit
    declaration", "election offices") is not the happening itself.
    """
    if trigger.kind == "call" and trigger.verb and not trigger.speech:
        word = body[trigger.start : trigger.end].lower()
        if word in ("called", "phoned", "telephoned"):
            after = mentions.between(trigger.end, trigger.end + 3)
            return bool(after) and after[0][2].kind == "person"
    return not (not trigger.verb and _NOUN_MODIFIED.match(body, trigger.end))


def _date_fits(
    body: str, date: DateMention, trigger: _Trigger, fronted: bool, mentions: _Mentions
) -> bool:
    """Whether a date may date this trigger (see _date_head)."""
    if trigger.speech and date.start >= trigger.end:
        return _REPORTED_CONTENT.search(body, trigger.end, date.start) is None
    if trigger.verb or fronted:
        return True
    if date.end <= trigger.start:
        gap = mentions.masked(body, date.end, trigger.start)
        return _DATE_BEFORE_NOUN.fullmatch(gap) is not None
    gap = mentions.masked(body, trigger.end, date.start)
    gap = _PASSIVE_AFTER_NOUN.sub("", gap, count=1)
    loose = [w for w in _LOOSE_WORD.findall(gap) if w not in _NEAR_WORDS]
    return len(loose) <= 1


def _named_by_year(body: str, group: _Group) -> bool:
    """An election named by a year before it: "the 2016 election", "2016 U.S. election"."""
    return any(
        d.precision == "year"
        and d.end <= group.head.start
        and _NAMED_BY_YEAR.fullmatch(body, d.end, group.head.start) is not None
        for d in group.dates
    )


def _lede_event(
    body: str,
    sentence: tuple[int, int],
    dates: list[DateMention],
    triggers: list[_Trigger],
    mentions: _Mentions,
    events: list[Event],
) -> Event | None:
    """The happening of the article's first sentence when no trigger is near its date.

    A news lede dates its main happening even when the noun that names it comes late:
    "Trump stood beside Putin on Monday and declined ..., at the end of a summit in the
    Finnish capital". The date is the lede's first; the happening is its highest-ranked
    meeting-like noun that is not a topic ("damage from an interview"); the people named
    before the date are its participants.
    """
    start, end = sentence
    date = next((d for d in dates if start <= d.start < end), None)
    if date is None or date.precision != "day":
        return None
    if any(e.evidence.start == start and e.evidence.expression == date.expression for e in events):
        return None  # the lede's date already dates a happening
    nouns = [
        t
        for t in triggers
        if date.end <= t.start < end
        and t.start - date.end <= 250
        and not t.verb
        and t.kind in _LEDE_KINDS
        and not _TOPIC_BEFORE.search(body, max(start, t.start - 30), t.start)
    ]
    if not nouns:
        return None
    head = nouns[0]  # the nearest after the date
    group = _Group(head, [date], clause=(start, end), sentence=(start, end))
    actors = [
        (s, e, entity)
        for s, e, entity in mentions.between(start, date.start)
        if entity.kind != "place" and not _LOCATIVE.search(body, max(0, s - 12), s)
    ]
    participants = list(dict.fromkeys(entity.name for _s, _e, entity in actors))
    owned = [m for m in mentions.between(start, end) if m[2].kind == "place" and m[0] > head.end]
    place = _place(body, group, owned)
    title = _title(body, head.kind, group, participants, place, actors + owned, mentions)
    if title is None:
        return None
    return Event(
        title=title,
        kind=head.kind,
        date=date.date,
        precision=date.precision,
        evidence=Evidence(start, end, body[start:end], date.expression),
        participants=tuple(participants),
        place=place,
        end_date=date.end_date,
    )


# --- turning a group into an event ----------------------------------------------------------


def _event(
    body: str,
    group: _Group,
    clause_triggers: list[_Trigger],
    mentions: _Mentions,
    quotes: Sequence[Quote],
) -> Event | None:
    kind = _refined_kind(body, group, _group_kind(body, group, quotes), clause_triggers)
    speaker, addressee = _speaker(body, group, mentions, quotes)
    speaking_body = None
    if speaker is None and kind in ("statement", "tweet"):
        verb = next((t for t in group.triggers if t.speech), None)
        if verb is not None:
            speaking_body = _unnamed_body(body, group.clause[0], verb.start)
        if group.head.speech and speaking_body is None:
            return None  # "officials said on Monday": nobody to attribute the statement to
    owned = _owned_mentions(body, group, clause_triggers, mentions)
    place = _annexed(group, owned) if kind == "annexation" else _place(body, group, owned)
    if kind in ("statement", "tweet", "interview"):
        participants = [name for name in (speaker, addressee) if name]
        if kind == "interview":
            participants += [
                e.name for s, _e, e in owned if e.kind != "place" and _WITH.search(body[:s])
            ]
    elif kind == "election":
        # People near an election are candidates, voters or investigators; only an owner
        # ("Putin's re-election") is the election's. An election named by its year ("the
        # 2016 election") is titled by that name: "2016 U.S. presidential election".
        owner = _entity_right_before(body, group.head.start, mentions, possessive=True)
        holders = [] if _named_by_year(body, group) else _noun_holder(body, group, mentions)
        participants = [owner] if owner else holders[:1]
    else:
        participants = _participants(body, group, owned, mentions)
        if speaker and speaker not in participants and group.head.speech:
            participants.insert(0, speaker)
    participants = list(dict.fromkeys(participants))
    first, last = group.dates[0], group.dates[-1]
    date, precision = first.date, first.precision
    end_date = first.end_date
    if last is not first and last.date > first.date:
        end_date = last.date
    expression = body[first.start : last.end]
    sentence_start, sentence_end = group.sentence
    evidence = Evidence(
        start=sentence_start,
        end=sentence_end,
        text=body[sentence_start:sentence_end],
        expression=expression,
    )
    title = _title(body, kind, group, participants, place, owned, mentions)
    if title is None and speaking_body is not None:
        label = "tweet" if kind == "tweet" else "statement"
        title = f"{speaking_body[:1].upper()}{speaking_body[1:]} {label}"
    if title is None:
        # Nobody, nowhere and nothing to name it by: "the meeting opened on Wednesday" may
        # name the happening told before it (see _resolve_vague); anything else is too vague.
        # A happening with its own date and trigger but no name around it ("a telephone
        # conversation on March 20, held at the American side's initiative") is still
        # dated news: it is titled by its kind. Not a bare speech verb: "said on Monday"
        # with nobody to say it is no event.
        lead = max(0, group.head.start - 16)
        if not group.head.verb and _DEFINITE.search(body, lead, group.head.start):
            title = ""
        elif group.head.speech or kind in ("election", "tweet"):
            return None
        elif not group.head.verb and _TOPIC_LEAD.search(body, lead, group.head.start):
            return None  # "Aides prepared for a summit on Monday": a topic, not a report
        else:
            title = _plain_title(body, group)
    return Event(
        title=title,
        kind=kind,
        date=date,
        precision=precision,
        evidence=evidence,
        participants=tuple(participants),
        place=place,
        end_date=end_date,
    )


def _plain_title(body: str, group: _Group) -> str:
    """A title from the words themselves when no name is around: a noun with the words
    that modify it ("telephone conversation", "working lunch"), a verb with the few
    words of its subject ("the 29 allies adopted").

    >>> body = "The allies adopted a declaration on Wednesday."
    >>> _plain_title(body, _Group(_Trigger(11, 18, "other", True, False), []))
    'The allies adopted'
    """
    head = group.head
    lo = group.clause[0] if group.clause else 0
    if head.verb:
        before = _PLAIN_SUBJECT.search(body, lo, head.start)
        words = [*(before[0].split() if before else []), body[head.start : head.end]]
    else:
        words = [body[head.start : head.end]]
        if words[0].lower() in EVENT_KINDS or words[0].lower() in _LABELS.values():
            # A bare kind word names nothing: say when ("Summit of March 20").
            first, last = group.dates[0], group.dates[-1]
            words += ["of", body[first.start : last.end].removeprefix("on ")]
    title = " ".join(" ".join(words).split()[-_TITLE_WORDS:])
    return title[:1].upper() + title[1:]


def _group_kind(body: str, group: _Group, quotes: Sequence[Quote]) -> str:
    """The kind of a group: a speech head stays a statement unless said in an interview,
    a tweet, a call or a press conference; otherwise the highest-ranked trigger wins.

    What a speaker talks about ("called on Trump on Friday to cancel the meeting") is not
    the happening; a quote's cue outranks a meeting it was said at ("…,” Putin told Bolton
    at the opening of their meeting Wednesday").
    """
    if group.head.speech:
        forms = [t.kind for t in group.satellites if t.kind in _SPEECH_FORMS]
        return forms[0] if forms else group.head.kind

    def rank(trigger: _Trigger) -> float:
        if trigger.speech:
            cue = _quote_cue(body, trigger, quotes) is not None
            return _QUOTED_STATEMENT_RANK if cue else _KIND_RANK["statement"]
        return _KIND_RANK[trigger.kind]

    return max(group.triggers, key=rank).kind


def _refined_kind(body: str, group: _Group, kind: str, clause_triggers: list[_Trigger]) -> str:
    """Two corrections to the ranked kind, for what the words around it say.

    An announcement of charges or sanctions is the legal act itself ("Rosenstein
    announced on Friday that 12 officers had been charged" is an indictment), not news of
    a meeting ("announced the summit" stays an announcement). A summit named as the
    setting of another encounter ("met on the sidelines of the G20 summit in July 2017",
    "a brief conversation during the APEC summit") is a meeting of those who met there.
    """
    if kind == "announcement":
        verb = next((t for t in group.triggers if t.kind == "announcement"), group.head)
        act = next(
            (
                t
                for t in clause_triggers
                if t.kind in ("indictment", "sanctions")
                and 0 <= t.start - verb.end <= _ACT_REACH
                and not _SENTENCE_END.search(body, verb.end, t.start)
            ),
            None,
        )
        if act is not None:
            if act not in group.triggers:
                group.satellites.append(act)  # its object names the title
            return act.kind
    if kind == "summit" and not group.head.verb and group.head.kind == "summit":
        lead = body[max(group.sentence[0], group.head.start - 60) : group.head.start]
        if _SETTING_LEAD.search(lead) and _ENCOUNTER.search(
            body, group.sentence[0], group.head.start
        ):
            return "meeting"
    return kind


def _between_spans(body: str, quote: Quote, trigger: _Trigger) -> str:
    if quote.end <= trigger.start:
        return body[quote.end + 1 : trigger.start]
    return body[trigger.end : max(trigger.end, quote.start - 1)]


def _quote_cue(body: str, trigger: _Trigger, quotes: Sequence[Quote]) -> Quote | None:
    """The quote whose cue this speech verb is: same word, within the quote's sentence."""
    word = body[trigger.start : trigger.end].lower()
    for quote in quotes:
        if (
            quote.cue
            and quote.cue.lower() == word
            and abs(_gap(quote.start, quote.end, trigger.start, trigger.end)) < 200
            and not _SENTENCE_END.search(_between_spans(body, quote, trigger))
        ):
            return quote
    return None


def _speaker(
    body: str,
    group: _Group,
    mentions: _Mentions,
    quotes: Sequence[Quote],
) -> tuple[str | None, str | None]:
    """Who speaks (and to whom) for a speech verb, tweet or interview in the group."""
    verb = next((t for t in group.triggers if t.speech), None)
    if verb is None:
        if group.head.kind == "interview" or group.head.kind == "statement":
            # "Dan Coats, the director of national intelligence, issued a statement":
            # who issues, gives or makes it.
            holders = [] if group.head.verb else _noun_holder(body, group, mentions)
            return (holders[0] if holders else _subject(body, group, mentions)), None
        return None, None
    quote = _quote_cue(body, verb, quotes)
    addressee = None
    if body[verb.start : verb.end].lower() in ("told", "tells"):
        addressee = _entity_right_after(body, verb.end, mentions, kinds=("person", "organisation"))
    if quote is not None and quote.speaker:
        return quote.speaker, quote.addressee or addressee
    before = _entity_right_before(body, verb.start, mentions) or _apposed_subject(
        body, verb.start, mentions
    )
    if before is not None:
        return before, addressee
    pronoun = _PRONOUN.search(body, max(0, verb.start - 30), verb.start)
    if pronoun is not None:
        return _nearest_person_before(body, pronoun.start(), mentions), addressee
    # "..., said Pence." — an inverted cue after a comma or a closing quote mark.
    after = _entity_right_after(body, verb.end, mentions, kinds=("person", "organisation"))
    if after is not None and _INVERTED_CUE.search(body, max(0, verb.start - 3), verb.start):
        return after, None
    if _RELATIVE_LEAD.match(body, group.clause[0], verb.start):
        # "Mr Trump, who said on Twitter last week that...": the name the clause hangs on.
        return _antecedent(body, group.clause[0], mentions), addressee
    return None, None


def _owned_mentions(
    body: str,
    group: _Group,
    clause_triggers: list[_Trigger],
    mentions: _Mentions,
) -> list[tuple[int, int, Entity]]:
    """Entity mentions of the clause whose nearest trigger belongs to this group."""
    mine = set(group.triggers)
    start, end = group.clause
    owned = []
    for m_start, m_end, entity in mentions.between(start, end):
        nearest = min(
            clause_triggers,
            key=lambda t: (
                _barrier_between(body, (m_start, m_end), t, _ATTACH_BARRIER),
                _gap(t.start, t.end, m_start, m_end),
            ),
        )
        if nearest in mine:
            owned.append((m_start, m_end, entity))
    return owned


def _participants(
    body: str,
    group: _Group,
    owned: list[tuple[int, int, Entity]],
    mentions: _Mentions,
) -> list[str]:
    """The doers and the done-to of the group's triggers, not everyone in the clause.

    "Putin hosted Bolton", "talks between Trump and Putin", "Bolton's visit", "announced
    by Rosenstein": names in those slots take part; "questions about Trump" or "the
    pressure on the president" only mention someone.
    """
    names = _slotted(body, group, owned, mentions)
    verb = next((t for t in group.triggers if t.verb), None)
    has_subject = verb is not None and any(
        s < verb.start and e.name in names for s, _end, e in owned
    )
    if verb is not None and not has_subject:
        they = _THEY.search(body, max(group.clause[0], verb.start - 20), verb.start)
        if they is not None:
            # "..., and they spoke by phone in March": the people named before in the sentence.
            earlier = mentions.between(group.sentence[0], they.start())
            names[:0] = [e.name for _s, _e, e in earlier if e.kind == "person"]
        else:
            subject = _subject(body, group, mentions)
            if subject is not None:
                names.insert(0, subject)
    elif verb is None:
        holder = _noun_holder(body, group, mentions)
        if not holder and (
            group.head.kind == "visit" or _AT_NOUN.search(body, group.clause[0], group.head.start)
        ):
            # "Trump leaves Washington on Tuesday for a week-long trip": the traveller is
            # the clause's subject; so is who speaks or acts "at a joint news conference".
            subject = _clause_subject(body, group, mentions)
            holder = [subject] if subject else []
        if holder:
            names[:0] = [n for n in holder if n not in names]
    return list(dict.fromkeys(names))


def _slotted(
    body: str,
    group: _Group,
    owned: list[tuple[int, int, Entity]],
    mentions: _Mentions,
) -> list[str]:
    """Owned people and organisations that stand in a slot of one of the group's triggers."""
    actors = [(s, e, entity) for s, e, entity in owned if entity.kind != "place"]
    # An organisation named after in/at/to is a venue ("to the White House", "in the
    # Kremlin"); it takes part only when no one else does.
    venues = {
        entity.name
        for s, _e, entity in actors
        if entity.kind == "organisation" and _LOCATIVE.search(body, max(0, s - 12), s)
    }
    slotted: list[tuple[int, int, Entity]] = []
    for start, end, entity in actors:
        # The head and the verbs of the group have slots; a noun that only refines the
        # kind does not lend its owner ("a White House visit when he called Putin").
        slotting = [t for t in group.triggers if t is group.head or t.verb]
        if any(_in_slot(body, start, end, t, mentions) for t in slotting):
            slotted.append((start, end, entity))
    # A name joined by "and" to one in a slot is in it too: "Trump and Putin will meet".
    for start, end, entity in actors:
        if (start, end, entity) in slotted:
            continue
        for s2, e2, _other in slotted:
            gap = body[end:s2] if end <= s2 else body[e2:start]
            if _AND_GAP.fullmatch(gap):
                slotted.append((start, end, entity))
                break
    names = [e.name for _s, _e, e in sorted(slotted, key=lambda m: m[0])]
    people = [n for n in names if n not in venues]
    return people if people else names


def _in_slot(body: str, start: int, end: int, trigger: _Trigger, mentions: _Mentions) -> bool:
    """A name in the subject, object, owner or complement slot of a trigger."""
    if end <= trigger.start:
        gap = mentions.masked(body, end, trigger.start)
        if trigger.verb:
            return _SUBJECT_GAP.fullmatch(gap) is not None
        return _OWNER_GAP.fullmatch(gap) is not None
    if start >= trigger.end:
        gap = mentions.masked(body, trigger.end, start)
        if trigger.verb:
            return _OBJECT_GAP.fullmatch(gap) is not None
        return _COMPLEMENT_GAP.fullmatch(gap) is not None
    return False


def _noun_holder(body: str, group: _Group, mentions: _Mentions) -> list[str]:
    """Who holds, opens or attends a noun happening, or owns it through "his"/"her".

    "Trump opened the NATO summit", "Clinton and Yeltsin held a summit", "his meeting
    with Putin"; "In a March phone call ..., Trump suggested a visit" (the caller is the
    subject after the fronted phrase).
    """
    head = group.head
    clause_start = group.clause[0]
    window = mentions.between(max(clause_start, head.start - 120), head.start)
    for index in range(len(window) - 1, -1, -1):
        start, end, entity = window[index]
        if entity.kind == "place" or end > head.start:
            continue
        if _HOLDER_GAP.fullmatch(mentions.masked(body, end, head.start)):
            # "Bill Clinton and Boris Yeltsin held a summit": the pair holds it.
            pair = [entity.name]
            while index > 0 and _AND_GAP.fullmatch(body, window[index - 1][1], start):
                index -= 1
                start = window[index][0]
                pair.insert(0, window[index][2].name)
            return pair
    pronoun = _POSSESSIVE_PRONOUN.search(body, max(clause_start, head.start - 40), head.start)
    if pronoun is not None:
        person = _nearest_person_before(body, pronoun.start(), mentions)
        return [person] if person else []
    if _RELATIVE_LEAD.match(body, clause_start, head.start):
        # "Bolton, who prepared the meeting during a visit to Putin": the visitor is Bolton.
        antecedent = _antecedent(body, clause_start, mentions)
        return [antecedent] if antecedent else []
    fronted = _FRONTED_PHRASE.match(body, clause_start, head.start + 200)
    if fronted is not None and fronted.end() > head.end:
        for _start, _end, entity in mentions.between(fronted.end(), fronted.end() + 40):
            if entity.kind != "place":
                return [entity.name]
    return []


def _subject(body: str, group: _Group, mentions: _Mentions) -> str | None:
    """The doer of a verb with no named subject next to it, or None when it has none.

    Tried in order: "he"/"she" before the verb; a name right before it; the clause's
    leading name kept apart by an apposition ("Dan Coats, the director of national
    intelligence, issued a statement"); the name a "who" clause hangs on ("Niinistö, who
    visited Trump"); the sentence's subject for a participle ("Trump has pushed for better
    ties — inviting Putin to the White House"). A subject that is not a name ("a federal
    grand jury had indicted") leaves the verb without one.
    """
    head = next((t for t in group.triggers if t.verb), group.head)
    pronoun = _PRONOUN.search(body, max(group.clause[0], head.start - 30), head.start)
    if pronoun is not None:
        return _nearest_person_before(body, pronoun.start(), mentions)
    before = _entity_right_before(body, head.start, mentions)
    if before is not None:
        return before
    in_clause = [
        (s, end, e)
        for s, end, e in mentions.between(group.clause[0], head.start)
        if e.kind in ("person", "organisation")
    ]
    if (
        in_clause
        and _CLAUSE_LEAD.fullmatch(body, group.clause[0], in_clause[0][0])
        and _SUBJECT_GAP.fullmatch(mentions.masked(body, in_clause[0][1], head.start))
    ):
        return in_clause[0][2].name
    if _RELATIVE_LEAD.match(body, group.clause[0], head.start):
        return _antecedent(body, group.clause[0], mentions)
    text = body[head.start : head.end].lower()
    if text.endswith("ing") and not body[group.clause[0] : head.start].strip(" ,—–"):
        earlier = [
            e
            for s, _end, e in mentions.between(group.sentence[0], group.clause[0])
            if e.kind in ("person", "organisation")
        ]
        return earlier[0].name if earlier else None
    return None


def _place(body: str, group: _Group, owned: list[tuple[int, int, Entity]]) -> str | None:
    """The first place introduced by in/at/to (or visited) — the city before its country."""
    visit_verbs = [t for t in group.triggers if t.kind == "visit" and t.verb]
    candidates: list[tuple[int, int, Entity]] = []
    for start, end, entity in owned:
        if entity.kind != "place":
            continue
        introduced = _LOCATIVE.search(body, max(0, start - 12), start) is not None
        visited = any(0 <= start - t.end <= 2 for t in visit_verbs)
        # "said last week that the president would have tea ... in Britain": a place in
        # what was said is not where it was said.
        reported = _barrier_between(body, (start, end), group.head, _ATTACH_BARRIER)
        # "opened the NATO summit ... with an attack on Germany, telling ... gas from Russia":
        # a place far from every trigger of the group, or across a comma, is not its place.
        near = any(
            _gap(t.start, t.end, start, end) <= _SATELLITE_REACH
            and not _barrier_between(body, (start, end), t, _ATTACH_BARRIER)
            for t in group.triggers
        )
        if group.head.speech or group.head.kind == "statement":
            # "said on Thursday in statements released ... in Washington": only a place
            # right after the saying is where it was said.
            near = any(0 <= start - t.end <= 20 for t in group.triggers)
        if (introduced or visited) and near and not (group.head.speech and reported):
            candidates.append((start, end, entity))
    if not candidates:
        return None
    head = group.head
    # "travelling to Finland for his meeting with Putin in Helsinki": the meeting's place
    # is the one after it.
    return min(
        candidates,
        key=lambda m: (
            not head.verb and m[0] < head.start,
            _gap(head.start, head.end, m[0], m[1]),
        ),
    )[2].name


# --- titles -----------------------------------------------------------------------------------


def _title(
    body: str,
    kind: str,
    group: _Group,
    participants: list[str],
    place: str | None,
    owned: list[tuple[int, int, Entity]],
    mentions: _Mentions,
) -> str | None:
    """A short readable title built from the parts: "Trump–Putin summit in Helsinki".

    Who (participants, an owner such as "NATO"), what (the kind, or the object of an
    indictment or an announcement) and where; None when the text gives none of them,
    so that no event is called just "Summit". At most ``_TITLE_WORDS`` words.
    """
    title = _title_parts(body, kind, group, participants, place, owned, mentions)
    if title is None:
        return None
    if len(title.split()) > _TITLE_WORDS and place and title.endswith(f" in {place}"):
        title = title.removesuffix(f" in {place}")
    if len(title.split()) > _TITLE_WORDS and " of " in title:
        # "Indictment of twelve officers of Russia's military intelligence agency"
        head, _of, _rest = title.rpartition(" of ")
        title = head if len(head.split()) >= 2 else title
    return " ".join(title.split()[:_TITLE_WORDS])


_OTHER_NOUNS = (
    ("protest", "Protest"),
    ("demonstration", "Protest"),
    ("march", "March"),
    ("rall", "Rally"),
    ("sign", "Signing"),
    ("launch", "Launch"),
)


def _title_parts(
    body: str,
    kind: str,
    group: _Group,
    participants: list[str],
    place: str | None,
    owned: list[tuple[int, int, Entity]],
    mentions: _Mentions,
) -> str | None:
    short = mentions.short
    names = [short.get(name, name) for name in participants]
    where = f" in {place}" if place else ""
    first, rest = (names[0], " and ".join(names[1:])) if names else ("", "")
    owner = _owner(body, group, owned)
    if kind == "annexation":
        return _annexation_title(body, group, owned, mentions, short)
    if kind == "other":
        # "Dinner at Blenheim Palace", "Protest in London": the happening's own noun.
        word = body[group.head.start : group.head.end].lower()
        noun = next((n for stem, n in _OTHER_NOUNS if word.startswith(stem)), word.capitalize())
        venue = where or (_venue(body, group, owned, mentions) or "")
        venue = f" {venue}" if venue and not venue.startswith(" ") else venue
        if names:
            return f"{' and '.join(names)} {noun.lower()}{venue}"
        return f"{noun}{venue}" if venue else None  # a bare "Launch" says nothing
    if kind == "announcement":
        obj = _announced_object(body, group, mentions)
        if not names:
            return f"Announcement of {obj}" if obj else None
        verb = "announce" if len(names) > 1 else "announces"
        return (
            f"{' and '.join(names)} {verb} {obj}" if obj else f"{' and '.join(names)} announcement"
        )
    if kind in ("statement", "interview"):
        label = "statement to" if kind == "statement" else "interview with"
        if len(names) >= 2:
            return f"{first} {label} {rest}"
        return f"{first} {kind}" if names else None
    if kind == "tweet":
        return f"{first} tweet" if names else None
    if kind == "visit":
        target = place or _venue(body, group, owned, mentions)
        if len(names) >= 2:
            return f"{first} visits {rest}{where}"
        if names and _introduced_by(body, participants[0], owned, _TO):
            return f"Visit to {first}"
        target = target and target.removeprefix("at ").removeprefix("in ")
        if names:
            return f"{first} visits {target}" if target else f"{first} visit"
        return f"Visit to {target}" if target else None
    if kind == "invitation" and len(names) >= 2:
        return f"{first} invites {rest}"
    if kind in ("indictment", "sanctions"):
        obj = _object_phrase(body, group, mentions)
        if obj and kind == "indictment":
            return f"{first} indicts {obj}" if names else f"Indictment of {obj}"
        if obj:
            return f"{'–'.join(names)} sanctions on {obj}" if names else f"Sanctions on {obj}"
    if kind == "meeting" and len(names) >= 2 and owner is None:
        return f"{first} meets {rest}{where}"
    if kind == "meeting" and len(names) == 1 and group.head.verb:
        mention = next((s for s, _e, e in owned if e.name == participants[0]), -1)
        if mention > group.head.end:
            return f"Meeting with {first}{where}"  # "met Prime Minister Theresa May"
        obj = _VERB_OBJECT.match(mentions.masked(body, group.head.end, group.head.end + 60))
        if obj is not None and "D" not in obj.group(1).split():
            phrase = _read_back(
                body, group.head.end + obj.start(1), group.head.end + obj.end(1), mentions
            )
            return f"{first} meets {phrase}"  # "meet members of Congress"
    if kind == "election":
        word = body[group.head.start : group.head.end].lower()
        if names:
            return f"{first} {word}{where}"
        if _named_by_year(body, group):
            year = next(d for d in group.dates if d.precision == "year")
            return " ".join(body[year.start : group.head.end].split())
        return f"{word.capitalize()}{where}" if place else None
    label = _LABELS.get(kind, kind)
    if owner is not None:
        return f"{short.get(owner, owner)} {label}{where}"
    if len(names) == 1 and _introduced_by_with(body, participants[0], owned):
        return f"{label.capitalize()} with {first}{where}"
    if names:
        return f"{'–'.join(names)} {label}{where}"
    if place:
        return f"{label.capitalize()}{where}"
    venue = _venue(body, group, owned, mentions)
    if venue:
        return f"{label.capitalize()} {venue}"
    # "an unscheduled meeting of the alliance's leaders"
    if not group.head.verb:
        match = _NOUN_OBJECT.match(mentions.masked(body, group.head.end, group.head.end + 60))
        if match is not None and match.group("prep") == "of":
            last = match.lastindex or 0
            phrase = _read_back(
                body, group.head.end + match.start(last), group.head.end + match.end(last), mentions
            )
            if "D" not in match.group(last).split() and len(phrase.split()) <= 5:
                return f"{label.capitalize()} of {phrase}"
    return None


def _venue(
    body: str, group: _Group, owned: list[tuple[int, int, Entity]], mentions: _Mentions
) -> str | None:
    """Where, when no place entity says it: "at Chequers", "to the Kremlin"."""
    for start, _end, entity in owned:
        if entity.kind == "organisation" and _LOCATIVE.search(body, max(0, start - 12), start):
            return "at " + mentions.short.get(entity.name, entity.name)
    for trigger in group.triggers:
        match = _VENUE.match(body, trigger.end)
        if match is not None:
            return match.group(1)
    return None


def _object_phrase(body: str, group: _Group, mentions: _Mentions) -> str | None:
    """Who or what an indictment or sanctions are against, as a short noun phrase.

    "indicted 12 Russian military intelligence officers on charges" and "the indictment
    on Friday of 12 Russian officers" give the phrase after the trigger; "Twelve officers
    of the GRU were indicted" and "the 12 officers indicted last Friday" the one before.
    """
    for trigger in sorted(group.triggers, key=lambda t: t is not group.head):
        if trigger.kind not in ("indictment", "sanctions"):
            continue
        stop = min(len(body), trigger.end + 90)
        # "imposed sanctions on Russia" reads like the noun: the object follows "on".
        noun_like = not trigger.verb or body[trigger.end - 9 : trigger.end].lower() == "sanctions"
        start = trigger.end
        if trigger.kind == "sanctions" and not body[trigger.start : trigger.end].lower().startswith(
            ("sanction", "imposed sanctions")
        ):
            # "extended its economic sanctions against Russia": the object follows the noun.
            found = body.lower().find("sanctions", trigger.end, stop)
            start, noun_like = (found + len("sanctions"), True) if found >= 0 else (start, False)
        pattern = _NOUN_OBJECT if noun_like else _VERB_OBJECT
        match = pattern.match(mentions.masked(body, start, stop))
        word = body[trigger.start : trigger.end].lower()
        if (
            match is not None
            and word.startswith("charge")
            and pattern is _NOUN_OBJECT
            and match.group("prep") != "against"
        ):
            match = None  # "charges of hacking" names the crime, not the accused
        last = match.lastindex if match is not None else None
        if match is not None and last is not None and "D" not in match.group(last).split():
            # The mask keeps offsets, so the phrase is read back from the body.
            phrase = _read_back(body, start + match.start(last), start + match.end(last), mentions)
            if len(phrase.split()) <= 6:
                return phrase
        if trigger.verb and start == trigger.end:
            phrase = _phrase_before(
                body, max(group.clause[0], trigger.start - 90), trigger.start, mentions
            )
            if phrase:
                return phrase
    return None


def _read_back(body: str, start: int, end: int, mentions: _Mentions) -> str:
    """The body's words for a stretch found in the mask, to the end of a name that closes
    it (a masked name is a one-letter "X" followed by spaces), without a full stop."""
    for _s, name_end, _entity in mentions.between(end - 1, end):
        end = max(end, name_end)
    phrase = body[start:end]
    last = phrase.rsplit(maxsplit=1)[-1] if phrase.strip() else ""
    if last.endswith(".") and "." not in last[:-1]:
        phrase = phrase[:-1]  # "officers." but not "U.S."
    return phrase


def _phrase_before(body: str, start: int, end: int, mentions: _Mentions) -> str | None:
    """The noun phrase that ends right before a passive or participle verb.

    "Twelve officers of the GRU were indicted" -> "Twelve officers of the GRU"; a date
    ends the phrase ("the Justice Department on Friday charged" has none).
    """
    masked = mentions.masked(body, start, end)
    text = _TRAILING_AUX.sub("", masked)
    text = _TRAILING_APPOSITION.sub("", text).rstrip(" ,")
    words: list[tuple[int, int]] = []
    for match in reversed(list(_WORD.finditer(text))):
        word = match.group(0)
        bare = word.strip(",;:").lower()
        if (
            word.endswith((",", ";", ":"))
            or bare in _PHRASE_STOP
            or word == "D"
            or not (word[:1].isalnum() or word in ("'s", "’s"))
        ):
            break
        words.append(match.span())
        if len(words) >= 8:
            break
    words.reverse()
    # A masked name is one "X" in the mask: read the words back from the body's stretch,
    # to the end of a name that closes the phrase.
    if not words:
        return None
    texts = _read_back(body, start + words[0][0], start + words[-1][1], mentions).split()
    while texts and (texts[0].lower() in _DETERMINERS or texts[0] in ("'s", "’s")):
        texts.pop(0)
    if len(texts) > 6 and "of" in texts:
        texts = texts[: texts.index("of")]
    if not texts or len(texts) > 6 or not any(w[:1].isalnum() for w in texts):
        return None
    return " ".join(texts)


def _owner(body: str, group: _Group, owned: list[tuple[int, int, Entity]]) -> str | None:
    """An organisation named right before a noun trigger: "a Group of Seven meeting"."""
    if group.head.verb:
        return None
    for _start, end, entity in owned:
        if (
            entity.kind == "organisation"
            and end <= group.head.start
            and not body[end : group.head.start].strip(" ’'s")
        ):
            return entity.name
    return None


def _introduced_by_with(body: str, name: str, owned: list[tuple[int, int, Entity]]) -> bool:
    return _introduced_by(body, name, owned, _WITH)


def _introduced_by(
    body: str, name: str, owned: list[tuple[int, int, Entity]], word: re.Pattern[str]
) -> bool:
    return any(
        e.name == name and word.search(body, max(0, s - 10), s) is not None for s, _e, e in owned
    )


def _announced_object(body: str, group: _Group, mentions: _Mentions) -> str | None:
    """What an announcement announces: another trigger ("announced the meeting") or the
    phrase before a participle ("The indictment of 12 officers, announced on Friday")."""
    verb = next((t for t in group.triggers if t.kind == "announcement" and t.verb), None)
    nouns = [
        t for t in group.triggers if t.kind not in ("announcement", "statement") and not t.verb
    ]
    if verb is not None:
        # "the approach to that meeting was complicated when Rosenstein announced charges":
        # what follows the verb is what it announces.
        nouns.sort(key=lambda t: (t.start < verb.start, abs(t.start - verb.end)))
    for trigger in nouns:
        return f"the {body[trigger.start : trigger.end].lower()}"
    if verb is not None and body[verb.start : verb.end].lower() == "announced":
        lead = body.rfind(",", max(group.sentence[0], verb.start - 4), verb.start)
        if lead >= 0:
            return _phrase_before(body, max(group.sentence[0], lead - 90), lead, mentions)
    return None


def _annexation_title(
    body: str,
    group: _Group,
    owned: list[tuple[int, int, Entity]],
    mentions: _Mentions,
    short: dict[str, str],
) -> str:
    trigger = next(t for t in group.triggers if t.kind == "annexation")
    annexed = _annexed(group, owned)
    annexer = None
    possessive = _POSSESSIVE.search(body, max(0, trigger.start - 30), trigger.start)
    before = [
        e
        for _s, end, e in mentions.between(group.sentence[0], trigger.start)
        if end <= trigger.start and e.name != annexed
    ]
    if before and possessive is not None:
        annexer = short.get(before[-1].name, before[-1].name)
    if annexer and annexed:
        return f"{annexer} annexes {annexed}"
    return f"Annexation of {annexed}" if annexed else "Annexation"


def _annexed(group: _Group, owned: list[tuple[int, int, Entity]]) -> str | None:
    """The territory of an annexation: the first place after the trigger ("of Crimea")."""
    trigger = next(t for t in group.triggers if t.kind == "annexation")
    return next((e.name for s, _e, e in owned if e.kind == "place" and s > trigger.end), None)


def _short_name(entity: Entity) -> str:
    """A known person by surname, anything else by its name without a leading "the".

    Unknown people keep their full name: "Kim Jong Un" does not end in a surname.
    """
    if entity.kind == "person" and entity.known and " " in entity.name:
        return entity.name.rsplit(" ", 1)[1]
    return entity.name.removeprefix("the ")


# --- one event per happening --------------------------------------------------------------------


def _merge_duplicates(events: list[Event]) -> list[Event]:
    """The same kind, compatible dates and shared participants or place: one event.

    A plain statement is also the same happening as an interview or press conference of
    the same speaker on the same date ("Pence said Wednesday..." and "Pence said in an
    interview ... on Wednesday"); the more specific event and its evidence stay.
    """
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if _same_happening(k, event)), None)
        if twin is not None:
            kept[kept.index(twin)] = _merged(twin, event)
            continue
        absorbed = next((k for k in kept if _absorbs(event, k)), None)
        if absorbed is not None:
            kept[kept.index(absorbed)] = event
        elif not any(_absorbs(k, event) for k in kept):
            kept.append(event)
    return kept


def _merged(first: Event, second: Event) -> Event:
    more_precise = second if len(second.date) > len(first.date) else first
    # The higher kind names the happening ("summit" over "meeting"); the first evidence stays.
    named = second if _KIND_RANK[second.kind] > _KIND_RANK[first.kind] else first
    return Event(
        title=named.title,
        kind=named.kind,
        date=more_precise.date,
        precision=more_precise.precision,
        # The evidence goes with the date: its expression is the one the date was read from.
        evidence=more_precise.evidence,
        participants=tuple(dict.fromkeys(first.participants + second.participants)),
        place=first.place or second.place,
        end_date=first.end_date or second.end_date,
    )


def _absorbs(specific: Event, plain: Event) -> bool:
    return (
        plain.kind == "statement"
        and specific.kind in ("interview", "press_conference")
        and plain.date == specific.date
        and bool(plain.participants)
        and plain.participants[:1] == specific.participants[:1]
    )


def _same_happening(a: Event, b: Event) -> bool:
    # "Monday's meeting" and "the summit on Monday" are one happening; a meeting-like
    # kind merges with another only on the same day or within the other's month.
    if a.kind != b.kind and not (a.kind in _MEETING_FAMILY and b.kind in _MEETING_FAMILY):
        return False
    if not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    if a.kind in ("statement", "tweet", "interview"):
        # Several people speak on the same day; only the same speaker makes one statement.
        return bool(a.participants) and a.participants[:1] == b.participants[:1]
    if set(a.participants) & set(b.participants):
        return True
    if a.place and a.place == b.place:
        return True
    if a.kind == "other" and a.title != b.title:
        return False  # a vote and a forum on the same Thursday are two happenings
    return not (a.participants or a.place) or not (b.participants or b.place)


# --- small helpers ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mentions:
    """Entity mentions outside quotes in body order, with their starts for bisection, and
    the dates, so that the text between two words can be read with names and dates masked.
    """

    items: list[tuple[int, int, Entity]]
    starts: list[int]
    short: dict[str, str]  # Entity.name -> the name a title uses ("Putin")
    spans: list[tuple[int, int, str]]  # mentions ("X") and dates ("D"), in body order

    def between(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Mentions that start in ``[start, end)``."""
        return self.items[
            bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)
        ]

    def masked(self, body: str, start: int, end: int) -> str:
        """``body[start:end]`` with each name as "X" and each date as "D", padded with
        spaces so that offsets stay those of the body: "Trump and Putin on July 16" ->
        "X     and X     on D      "."""
        index = bisect.bisect_left(self.spans, (start, -1, ""))
        if index > 0 and self.spans[index - 1][1] > start:
            index -= 1
        parts, cursor = [], start
        while index < len(self.spans) and self.spans[index][0] < end:
            s, e, token = self.spans[index]
            s, e = max(s, cursor), min(e, end)
            if s >= cursor and e > s:
                parts.append(body[cursor:s])
                parts.append(token.ljust(e - s))
                cursor = e
            index += 1
        parts.append(body[cursor:end])
        return "".join(parts)


def _entity_mentions(
    entities: Sequence[Entity], quoted: list[tuple[int, int]], dates: Sequence[DateMention]
) -> _Mentions:
    found = sorted(
        (
            (start, end, entity)
            for entity in entities
            for start, end in entity.mentions
            if not _inside(quoted, start)
        ),
        key=lambda m: m[0],
    )
    short = {entity.name: _short_name(entity) for entity in entities}
    spans = sorted(
        [(s, e, "X") for s, e, _entity in found] + [(d.start, d.end, "D") for d in dates]
    )
    return _Mentions(found, [m[0] for m in found], short, spans)


def _entity_right_before(
    body: str,
    offset: int,
    mentions: _Mentions,
    *,
    possessive: bool = False,
) -> str | None:
    """The person or organisation that ends just before ``offset`` ("Pence said").

    With ``possessive`` only an owner counts: "Putin's re-election".
    """
    window = mentions.between(max(0, offset - 200), offset)
    for _start, end, entity in reversed(window):
        if end > offset:
            continue
        gap = body[end:offset].strip()
        if entity.kind != "place" and (gap in ("’s", "'s") if possessive else not gap):
            return entity.name
        break
    return None


def _unnamed_body(body: str, clause_start: int, verb_start: int) -> str | None:
    """A speaking body the register has no name for, as the subject right before a speech
    verb: "Russia's defence ministry said", "The state-run RIA Novosti news agency
    reported", "The Post reported". People without a name ("officials said") are no body.

    >>> _unnamed_body("Russia's defence ministry said last week that...", 0, 26)
    "Russia's defence ministry"
    >>> _unnamed_body("Officials said on Monday that...", 0, 10) is None
    True
    """
    lo = max(clause_start, verb_start - 80)
    match = _BODY_SUBJECT.search(body, lo, verb_start)
    if match is None and body.startswith("reported", verb_start):
        match = _PAPER_SUBJECT.search(body, lo, verb_start)
    if match is None or _CLAUSE_LEAD.fullmatch(body, clause_start, match.start()) is None:
        return None
    phrase = " ".join(match.group("body").split())
    return phrase.removeprefix("The ").removeprefix("the ")


def _apposed_subject(body: str, offset: int, mentions: _Mentions) -> str | None:
    """The subject before an apposition: "Chuck Schumer, the Senate's Democratic leader, said"."""
    match = _APPOSED.search(body, max(0, offset - 80), offset)
    if match is None:
        return None
    return _entity_right_before(body, match.start(), mentions)


def _entity_right_after(
    body: str,
    offset: int,
    mentions: _Mentions,
    *,
    kinds: tuple[str, ...],
) -> str | None:
    for start, _end, entity in mentions.between(offset, offset + 40):
        gap = body[offset:start].strip().lower()
        if gap in ("", "the") and entity.kind in kinds:
            return entity.name
        break
    return None


def _nearest_person_before(body: str, offset: int, mentions: _Mentions) -> str | None:
    """Who "he", "she" or "his" stands for: the last person named before it in its own
    sentence, else the first person of the sentence before ("The summit ended with Trump
    flying to Britain, where he is due to dine with May. He then spends..." -> Trump).
    """
    people = [m for m in mentions.between(max(0, offset - 600), offset) if m[2].kind == "person"]
    if not people:
        return None
    last_start, last_end, last = people[-1]
    if not _SENTENCE_END.search(body, last_end, offset):
        return last.name
    boundary = max(body.rfind(". ", 0, last_start), body.rfind("\n", 0, last_start))
    same_sentence = [e for s, _e, e in people if s > boundary]
    return same_sentence[0].name if same_sentence else last.name


def _between(items: list, starts: list[int], span: tuple[int, int]) -> list:
    """Items (sorted, ``starts`` their offsets) that start in ``[start, end)``."""
    return items[bisect.bisect_left(starts, span[0]) : bisect.bisect_left(starts, span[1])]


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _within(span: tuple[int, int], offset: int) -> bool:
    return span[0] <= offset < span[1]


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0
