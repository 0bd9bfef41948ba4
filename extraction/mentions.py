"""Step 3, mentions: the people, organisations and places an article body names.

>>> body = (
...     "Vladimir Putin met Marta Lindqvist, a Finnish diplomat, in Helsinki. "
...     "Ms. Lindqvist said the Russian leader was calm."
... )
>>> for entity in find_entities(body, register=Register.default()):
...     print(entity.name, entity.kind, entity.known, [body[s:e] for s, e in entity.mentions])
Vladimir Putin person True ['Vladimir Putin', 'the Russian leader']
Marta Lindqvist person False ['Marta Lindqvist', 'Lindqvist']
Helsinki place True ['Helsinki']

Four named strategies run in the order of ``MENTION_STRATEGIES``:

``register_alias``
    Every name and alias of the register passed in (full names, titles, surnames,
    descriptors), case-sensitive (only an alias's leading "the" may be "The": it is not
    part of a name), word-bounded, leftmost-longest. A surname alias always links,
    except when another given name stands right before it ("Ivanka Trump" is not Donald
    Trump), an organisation word or "Jr." right after it ("Trump Tower", "Trump Jr."), or
    an honorific of the other sex ("Mrs. Trump", when every given name of the entry is a
    man's); a compatible given name before it joins the mention ("Yuriy Ushakov").
``unknown_person``
    Capitalised name sequences accepted as people on evidence: a title or role before
    them, a speech verb next to them, an appositive role after them, a common given
    name first (``data/given_names.json``), a register surname after another given
    name. Organisations, places (``data/not_people.json``, and what a dateline such as
    "TURNBERRY, South Ayrshire —" names), a lone word after "at"/"in", a name after
    "said" that is the subject of what was said ("said Finland had"), headline-case
    lines and sentence-initial ordinary words are refused. A royal title and regnal
    numeral belong to the name ("Queen Elizabeth II"), and so does "Jr.".
``surname_reference``
    A surname, "Mr. Surname" or another spelling of an accepted unknown person, before
    or after the full name, joins that person: one entity per person. A lone given name
    ("his wife, Melania") joins the one full name it begins ("Melania Trump"), else stays
    as written: a relative's surname is not guessed from the person named before. A month
    surname joins when it does not read as the month ("May's plan", not "in May").
``role_descriptor``
    "the president", "the Kremlin aide": the nearest preceding person whose role fits.
    Roles come from each register entry's description and aliases, and from the title
    or appositive an unknown person was introduced with ("the Queen", "the monarch" for
    "Queen Elizabeth II").

Overlaps: mentions of one kind never overlap. The leftmost-longest alias wins and the
words inside it are not mentions of their own ("Russia's president" is Putin, not
Russia). Words outside an alias keep their own mention: in "U.S. National Security
Adviser John Bolton", "U.S." is a place mention and "National Security Adviser John
Bolton" a Bolton mention. A role descriptor may run over a place or organisation
("the Kremlin aide" is a person mention; "the Kremlin" inside it stays a mention of
the Kremlin).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from extraction.register import Register, RegisterEntry
from extraction.results import Entity, EntityKind
from extraction.text import Text

__all__ = ["MENTION_STRATEGIES", "find_entities"]

MENTION_STRATEGIES = ("register_alias", "unknown_person", "surname_reference", "role_descriptor")

Span = tuple[int, int]

_DATA = Path(__file__).parent / "data"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _word_list(filename: str, *only: str) -> frozenset[str]:
    groups = json.loads((_DATA / filename).read_text(encoding="utf-8"))["names"]
    return frozenset(
        name for group, names in groups.items() if not only or group in only for name in names
    )


_GIVEN_NAMES = _word_list("given_names.json")  # lower-case
# Only names of one sex everywhere: "Mrs. Trump" is not Donald Trump.
_MALE_NAMES = _word_list("given_names.json", "english_male")
_FEMALE_NAMES = _word_list("given_names.json", "english_female")
_NOT_PEOPLE = _word_list("not_people.json")  # as written

# --- Words ---------------------------------------------------------------------------------

_HONORIFICS = _words(
    "mr mrs ms miss dr sen rep gov gen lt col adm capt prof sgt maj rev sir dame lord lady"
)
# Role nouns: a title before a name, the head of an appositive after it, the head of a
# role descriptor ("the spokesman").
_ROLE_NOUNS = _words("""
    president leader adviser advisor aide director head minister secretary spokesman
    spokeswoman spokesperson chief ambassador envoy chancellor premier governor senator mayor
    chairman chairwoman chair commissioner counsel official diplomat analyst economist
    negotiator strategist commander prosecutor judge professor researcher expert lawmaker
    officer representative congressman congresswoman speaker king queen prince princess pope
    emperor empress monarch tsar czar sultan emir founder executive editor correspondent reporter
    columnist lawyer attorney candidate
    deputy journalist historian scholar fellow author writer activist politician consultant
    pollster ceo
    """)
# Words a role phrase may be built of ("national security adviser", "foreign-policy aide").
_ROLE_VOCAB = _ROLE_NOUNS | _words("""
    vice prime national security foreign foreign-policy policy press assistant special
    defense defence finance interior justice economy economic trade energy intelligence
    military general state opposition party majority minority white-house crown
    """)
# Titles that become part of the name: "Queen Elizabeth II", "Pope Francis", "Crown Prince
# Frederik". A reigning title also makes its holder "the monarch".
_ROYAL_TITLES = _words("""
    King Queen Prince Princess Pope Emperor Empress Tsar Czar Sultan Emir Duke Duchess Archduke
    """)
_REIGNING = _words("king queen emperor empress tsar czar sultan")
# A kin word before a name ("his wife, Melania"): the name is a given name, not a surname.
_KIN_WORDS = _words("wife husband son daughter brother sister father mother")
# After these a lone capitalised word is a place ("at Turnberry", "in Ayr").
_PLACE_PREPOSITIONS = _words("at in into near")
# A rank word changes the role: a vice president is not "the president".
_RANK_WORDS = _words("vice deputy assistant acting former under associate lieutenant")
# Words before a name that make it a person, beyond honorifics and role nouns.
_TITLE_WORDS = (
    _HONORIFICS
    | _ROLE_NOUNS
    | _words("""
        predecessor successor counterpart ally rival opponent challenger colleague wife husband
        son daughter brother sister father mother president-elect state general admiral colonel
        justice sheikh duke duchess archduke anchor host presenter
        """)
)
_CUE_VERBS = (
    "said|says|told|tells|tweeted|tweets|added|adds|wrote|writes|asked|stated|explained|noted|"
    "argued|insisted|warned|claimed|declared|replied|responded|acknowledged|announced|"
    "continued|remarked|testified|recalled|posted|predicted|suggested|cautioned|conceded|"
    "complained|urged|emphasized|emphasised|stressed|confirmed|denied|quipped|joked|admitted|"
    "agreed|observed|countered|contended|maintained|reiterated|commented|called"
)
# Cue words right before a name; a lone surname needs one of the narrower set.
_CUES_BEFORE = _words("said says told asked added quoted quoting thanked")
_CUES_BEFORE_SINGLE = _words("said says added")

_DAYS_AND_MONTHS = _words("""
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec
    """)
# "Jan" is left out: it is a given name, and the month is written "Jan.", which ends the
# name sequence anyway.
# A month can be a surname after a given name ("Theresa May"), never on its own.
_MONTH_SURNAMES = _words("April May June August")
_NATIONALITIES = _words("""
    American Russian Finnish British English French German Italian Spanish Chinese Japanese
    Korean Ukrainian Polish Swedish Norwegian Danish Dutch Belgian Swiss Austrian Canadian
    Mexican Brazilian Indian Pakistani Iranian Iraqi Syrian Israeli Palestinian Turkish Saudi
    Egyptian Georgian Belarusian Estonian Latvian Lithuanian Hungarian Czech Slovak Serbian
    Croatian Greek Bulgarian Romanian Portuguese Irish Scottish Welsh Australian African Asian
    European Western Eastern Northern Southern Arab Afghan Kazakh Uzbek Armenian Azerbaijani
    Venezuelan Cuban Chechen Crimean Soviet Kurdish Libyan Lebanese Qatari Emirati Yemeni
    Nordic Baltic Atlantic Transatlantic Democratic Republican Democrat Communist Conservative
    Labour Liberal Socialist Orthodox Catholic Muslim Jewish Islamic North South East West New
    """)
# A capitalised sequence ending in one of these is an organisation, place or thing.
_ORG_HEADS = _words("""
    House Council News Department Ministry Agency Committee Party Force Forces One Two Three
    Four Five Six Seven Eight Nine Ten Twenty Street Square Palace University Institute Times
    Post Journal Press Bank Fund Union Organization Organisation Service Services Office Command
    Commission Court Senate Congress Parliament Assembly Duma Embassy Consulate Group Company
    Corporation Corp Inc Ltd Association Foundation Center Centre Society Club Airlines Airways
    Airport Hotel Hall Tower Bridge Avenue Road Park Forum Summit Agreement Treaty Act Plan
    Program Programme Project Initiative War Wars Era Day Week Channel Network Magazine Review
    Daily Tribune Herald Gazette Bureau Administration Army Navy Guard Corps Fleet Mission
    Alliance Coalition Federation Republic Kingdom Empire State States Sea Ocean River Lake
    Mountains Island Islands Valley Region Province District County City Station Stadium Arena
    Cup Games Olympics League Championship Prize Award Museum Library Gallery School College
    Academy Hospital Church Cathedral Mosque Temple Affairs Relations Studies Research Security
    Intelligence Defense Defence Partners Capital Holdings Industries Technologies Systems Media
    Radio Television TV Reserve Exchange Market Markets Index Conference Convention Declaration
    Doctrine Accords Accord Protocol Pact Strategy Report Law Amendment Cabinet Government
    Authority Council Centre Studio Studios Group Tour Show Games Trust Board Movement Front
    """)
# Capitalised words that are never part of a person's name: sentence openers, pronouns,
# titles (they are evidence, not name), numbers, days, months, nationalities, org heads.
_NOT_NAME = (
    _words("""
        The A An This That These Those Their His Her Its Our Your My But And Or Nor If When
        While After Before As At In On Of For From With By To It He She They We You There Here
        What Who Whom Why How Where Which Some Many Most Much More Other Others Another Both All
        Any Each Every Few No Not None Yet So Then Still Even Also Only Just Since Until Although
        Though Because During Under Over About Against Between Among Without Within Through
        Across Despite According Meanwhile However Instead Indeed Now Today Tonight Yesterday
        Tomorrow Last Next First Second Third Earlier Later Once Asked Speaking Writing Like
        Unlike Such Amid Around Beyond Following Ahead Including Per Via Is Was Are Were Will
        Would Could Should May Might Must Can Do Does Did Has Have Had Be Being Been Let Please
        Yes Oh Well Thanks Dear Hello Officials Analysts Experts Critics Diplomats Lawmakers
        Sources Observers Investors Authorities Prosecutors Aides Advisers Leaders Members
        Reporters Journalists People Voters Supporters Opponents Residents Protesters Police
        Citizens Senators Ministers Presidents Hundreds Thousands Millions Dozens Several
        Mr Mrs Ms Miss Dr Sen Rep Gov Gen Lt Col Adm Capt Prof Sgt Maj Rev Sir Dame Lord Lady
        St Jr Sr President Vice Prime Minister Secretary Chancellor Senator Representative
        Congressman Congresswoman Governor Mayor Ambassador Director General Admiral Colonel
        Judge Justice Chief King Queen Prince Princess Pope Sheikh Emir Premier Speaker
        Emperor Empress Tsar Czar Sultan Duke Duchess Archduke
        Chairman Chairwoman Chair Commissioner Attorney Counsel Special Leader Spokesman
        Spokeswoman Spokesperson Adviser Advisor Aide Envoy Professor Deputy Assistant Acting
        Former Foreign National Interior Finance Economy Trade Energy Treasury Homeland Senior
        Top Supreme Federal Executive Officer Commander Crown Majority Minority Whip Opposition
        Kremlin Pentagon Zero Hundred Thousand Million Billion Trillion God Internet
        """)
    | _DAYS_AND_MONTHS
    | _NATIONALITIES
    | _ORG_HEADS
)
_PARTICLES = _words("de da di du del della der den van von bin ibn al el le la ter ten dos das")
_NICKNAMES = {
    frozenset(pair.split("/"))
    for pair in _words(
        """
    mike/michael bill/william will/william bob/robert rob/robert dick/richard rick/richard
    jim/james jack/john ted/edward ed/edward tom/thomas chuck/charles liz/elizabeth
    beth/elizabeth peggy/margaret kate/katherine kathy/katherine sasha/alexander
    misha/mikhail dima/dmitri volodia/vladimir kolia/nikolai
    """
    )
}

# --- Patterns --------------------------------------------------------------------------------


def _letters(upper: bool) -> str:
    chars = (chr(code) for code in range(0x41, 0x530))
    return "".join(c for c in chars if c.isalpha() and c.isupper() == upper) + (
        "" if upper else "\u0300-\u036f"  # combining accents of decomposed text
    )


_UP = _letters(upper=True)
_LO = _letters(upper=False)
# One word of a name: Lindqvist, O'Brien, McCain, DeVos, Jean-Claude, al-Assad, Niinistö.
# A capital may come back after at most two small letters (Mc, De, O'), which keeps
# run-together menu words ("ResignationDiversity") and acronyms ("CEO") out.
_WORD_TAIL = rf"(?:[{_LO}]{{0,2}}['’]?[{_UP}])?[{_LO}]+(?:-[{_UP}][{_LO}]+)*(?!\w)"
_WORD = rf"(?:(?:al|el)-)?[{_UP}]{_WORD_TAIL}"
_INITIAL = rf"[{_UP}]\.(?:[{_UP}]\.)?(?!\w)"  # "R.", "T.S."
_GAP = r"[ \u00a0]+"  # names never run over a line break
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES)) + ")"
# The sequence starts with a character class, so the engine skips straight to capitals;
# the look-behind after it keeps a sequence from starting inside a word.
_NAME_SEQUENCE = re.compile(
    rf"[{_UP}](?<![\w\-’'].)(?:{_WORD_TAIL}|\.(?!\w))"
    rf"(?:{_GAP}(?:{_PARTICLE}{_GAP})*(?:{_WORD}|{_INITIAL}))*"
)
_NAME_WORD = re.compile(_WORD)
_ORG_AFTER = re.compile(
    _GAP + "(?:" + "|".join(sorted(_ORG_HEADS, key=len, reverse=True)) + r")(?![\w\-])"
)
_INITIAL_WORD = re.compile(_INITIAL)
_PART = re.compile(r"\S+")
_CUE_AFTER = re.compile(
    rf"{_GAP}(?:(?:also|has|had|later|then|previously|once|again|recently|repeatedly|earlier|"
    rf"publicly|privately|separately|himself|herself|has\s+also|had\s+also){_GAP}){{0,2}}"
    rf"(?:{_CUE_VERBS})(?!\w)"
)
_ROLE_NOUN_ALT = "|".join(sorted(_ROLE_NOUNS, key=len, reverse=True))
_APPOSITIVE = re.compile(
    r",\s+(?:(?:a|an|the|his|her|their|its|our)\s+)?"
    r"(?P<mods>(?:(?!(?:where|which|that|whose|who|when|and|or|but|in|of|to|for|with|on|at|by"
    r"|from|is|was|has|had|said|says|a|an|the|his|her|their|its|our|this)\b)[\w.’'-]+\s+)"
    r"{0,3}?)"
    rf"(?P<role>(?i:{_ROLE_NOUN_ALT}))(?![\w-])"
    r"|,\s+(?:who|whose)\b|,\s+\d{1,3},|,\s+(?:the\s+)?former\b"
)
_APPOSITIVE_THEN_CUE = re.compile(
    rf",[ \u00a0]+(?:a|an|the)[ \u00a0]+[^,.;:\n“”\"]{{1,120}},{_GAP}(?:{_CUE_VERBS})(?!\w)"
)
_ROYAL_BEFORE = re.compile(
    r"(?<![\w\-’'])(?:(?:Crown|Grand)[ \u00a0]+)?(?:"
    + "|".join(sorted(_ROYAL_TITLES))
    + r")[ \u00a0]+$"
)
# A regnal numeral after a royal name: "Elizabeth II", "Benedict XVI". A lone "I" only
# before punctuation: otherwise it is the pronoun ("Prince Harry I met").
_REGNAL_AFTER = re.compile(
    r"[ \u00a0]+(?:(?=[XVI]{2})X{0,3}(?:IX|IV|VI{0,3}|I{1,3})|V|X{1,3}|I(?=[,.;:)]))(?![\w\-’'])"
)
# A dateline: a place in capitals opening a paragraph, then a region or a dash
# ("TURNBERRY, South Ayrshire —", "HELSINKI (Nordic Wire) —").
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[{_UP}][{_UP}'’.\-]+(?:[ ][{_UP}][{_UP}'’.\-]+)*)"
    r"(?:,[ ]+(?P<region>[A-Z][\w.’'-]*(?:[ ][A-Z][\w.’'-]*){0,3})"
    r"|(?=[ ]*(?:\([^)\n]{1,40}\)[ ]*)?[—–-]))",
    re.MULTILINE,
)
# A generational suffix: the name belongs to another person of the family.
_JUNIOR_AFTER = re.compile(r",?[ \u00a0]+(?:Jr|Sr)\b\.?")
_CLAUSE_VERB_AFTER = re.compile(
    r"[ \u00a0]+(?:had|has|have|was|were|is|are|would|will|could|should|might|must|can|did"
    r"|does|do|wanted|needed|knew)(?!\w)"
)
_NAME_AFTER = re.compile(rf"[ \u00a0]+(?:{_WORD}|{_INITIAL})")
# An honorific that tells a person's sex, right before a surname.
_SEXED_HONORIFIC = re.compile(r"(?<![\w.])(?:(?P<m>Mr\.?)|(?P<f>Mrs\.?|Ms\.?|Miss))[ \u00a0]+$")
# Before a month these make it the month, not a surname ("in May", "since April").
_TIME_WORDS = _words("""
    in on since until till through throughout by of early late mid mid- last next this that
    each every from between during before after end start beginning
    """)
# Before a possessive month, only these make it the month: "last May's vote", but
# "of May's plan" and "that May's plan" are hers.
_POSSESSIVE_TIME_WORDS = _words("in last next this early late mid mid- each every")
_MONTH_NUMBER_AFTER = re.compile(r"[ \u00a0]*(?:\d|,[ \u00a0]*\d)")
_POSSESSIVE_NAME = re.compile(r"[A-Z][\w.-]*['’]s")
_SENTENCE_OPENERS = "\"'“‘([—–-"
_BASE_ROLES = frozenset(
    {
        *_ROLE_NOUNS,
        "vice president",
        "prime minister",
        "deputy prime minister",
        "foreign minister",
        "deputy foreign minister",
        "defense minister",
        "defence minister",
        "finance minister",
        "interior minister",
        "press secretary",
        "national security adviser",
        "attorney general",
        "special counsel",
        "chief executive",
        "director general",
        "opposition leader",
    }
)

# --- Register tables (built once per Register object) ---------------------------------------


@dataclass(frozen=True, slots=True)
class _Tables:
    entries: tuple[RegisterEntry, ...]
    alias_pattern: re.Pattern[str] | None
    alias_index: dict[str, tuple[int, str]]  # normalised alias -> (entry index, alias kind)
    matched: dict[str, tuple[int, str] | None]  # text as matched -> alias_index entry (memo)
    given_names: tuple[frozenset[str], ...]  # name keys of each entry's given names
    roles: tuple[frozenset[str], ...]  # role phrases of each person entry
    context: tuple[frozenset[str], ...]  # words a descriptor's modifiers may match
    descriptor_pattern: re.Pattern[str]
    surnames: frozenset[str]  # surname aliases of register people
    sexes: tuple[str, ...]  # "m" or "f" when every given name of a person says so, else ""


# Keyed by id(); the Register is kept in the value so its id cannot be reused while cached.
_TABLES: dict[int, tuple[Register, _Tables]] = {}
_TABLES_MAX = 8


def _tables_for(register: Register) -> _Tables:
    cached = _TABLES.get(id(register))
    if cached is not None and cached[0] is register:
        return cached[1]
    tables = _build_tables(register)
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.pop(next(iter(_TABLES)))
    _TABLES[id(register)] = (register, tables)
    return tables


def _build_tables(register: Register) -> _Tables:
    index: dict[str, tuple[int, str]] = {}
    ambiguous: set[str] = set()
    for number, entry in enumerate(register.entries):
        for text, kind in ((entry.name, "full_name"), *((a.text, a.kind) for a in entry.aliases)):
            key = _normalise(text)
            if key in index and index[key][0] != number:
                ambiguous.add(key)  # two entries share the alias: refuse to link by it
            index.setdefault(key, (number, kind))
    for key in ambiguous:
        del index[key]
    alias_pattern = _alias_pattern(index) if index else None
    entries = register.entries
    roles = tuple(
        _entry_roles(entry) if entry.kind == "person" else frozenset() for entry in entries
    )
    descriptor_pattern = re.compile(
        rf"[Tt](?<![\w\-].)he{_GAP}(?P<mods>(?:[A-Z][\w.&’'-]*{_GAP}){{0,2}}?)"
        rf"(?P<role>{_role_trie(_BASE_ROLES.union(*roles))})(?![\w\-])"
    )
    return _Tables(
        entries=entries,
        alias_pattern=alias_pattern,
        alias_index=index,
        matched={},
        given_names=tuple(_entry_given_names(entry) for entry in entries),
        roles=roles,
        context=tuple(_entry_context(entry) for entry in entries),
        descriptor_pattern=descriptor_pattern,
        surnames=frozenset(
            alias.text
            for entry in entries
            if entry.kind == "person"
            for alias in entry.aliases
            if alias.kind == "surname"
        ),
        sexes=tuple(_entry_sex(entry) for entry in entries),
    )


def _entry_sex(entry: RegisterEntry) -> str:
    names = [entry.name, *(a.text for a in entry.aliases if a.kind == "full_name")]
    given = {name.split()[0].lower() for name in names if entry.kind == "person" and " " in name}
    if given and given <= _MALE_NAMES:
        return "m"
    if given and given <= _FEMALE_NAMES:
        return "f"
    return ""


def _role_trie(roles: frozenset[str]) -> str:
    """Role phrases as a trie; each word may start with a capital ("the Vice President")."""
    root: dict[str, dict] = {}
    for role in roles:
        node = root
        for number, word in enumerate(role.split()):
            if number:
                node = node.setdefault(_GAP, {})
            for position, char in enumerate(word):
                first = position == 0 and char.isalpha()
                node = node.setdefault(f"[{char.upper()}{char}]" if first else re.escape(char), {})
        node[""] = {}
    return _trie_regex(root)


def _normalise(text: str) -> str:
    text = " ".join(text.split()).replace("’", "'")
    return "the" + text[3:] if text.startswith("The ") else text


def _alias_pattern(index: dict[str, tuple[int, str]]) -> re.Pattern[str]:
    """One pattern for every alias, as a character trie.

    Each top-level branch starts with a literal character, so the regex engine skips
    quickly to the places where some alias can start (three times faster than a plain
    alternation of aliases on the register of the story). Inside the trie a longer
    alias is tried before the shorter one it extends: leftmost-longest wins. A leading
    "the" matches "The" too.
    """
    root: dict[str, dict] = {}
    for alias in index:
        spellings = [alias, "The" + alias[3:]] if alias.startswith("the ") else [alias]
        for spelling in spellings:
            node = root
            for atom in _alias_atoms(spelling):
                node = node.setdefault(atom, {})
            node[""] = {}  # an alias ends here
    # The look-behind sits after the first character so that each branch still starts
    # with a literal: it checks that the alias does not start inside a word.
    branches = [rf"{atom}(?<![\w\-].){_trie_regex(child)}" for atom, child in root.items()]
    return re.compile("(?:" + "|".join(branches) + r")(?![\w\-])")


def _alias_atoms(alias: str) -> list[str]:
    atoms = []
    for number, word in enumerate(alias.split()):
        if number:
            atoms.append(r"\s+")
        atoms.extend("['’]" if char == "'" else re.escape(char) for char in word)
    return atoms


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [atom + _trie_regex(child) for atom, child in node.items() if atom]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy optional: the longer alias is tried first, the shorter one is the fallback.
    return f"(?:{group})?" if "" in node else group


def _entry_given_names(entry: RegisterEntry) -> frozenset[str]:
    names = [entry.name, *(a.text for a in entry.aliases if a.kind == "full_name")]
    return frozenset(_name_key(name.split()[0]) for name in names if len(name.split()) >= 2)


def _entry_name_words(entry: RegisterEntry) -> frozenset[str]:
    texts = [entry.name, *(a.text for a in entry.aliases if a.kind in ("full_name", "surname"))]
    return frozenset(word for text in texts for word in text.split())


def _entry_roles(entry: RegisterEntry) -> frozenset[str]:
    """Role phrases of a register person, from its description, titles and descriptors.

    "U.S. National Security Adviser" gives national security adviser, security adviser
    and adviser; "Vice President of the United States" gives vice president only.
    """
    phrases = [entry.description]
    name_words = _entry_name_words(entry)
    for alias in entry.aliases:
        if alias.kind == "descriptor":
            phrases.append(alias.text)
        elif alias.kind == "title":
            words = alias.text.split()
            while words and words[-1] in name_words:
                words.pop()
            phrases.append(" ".join(words))
    roles: set[str] = set()
    for phrase in phrases:
        roles |= _role_set(_role_phrase(phrase))
    return frozenset(roles)


_PREPOSITION_SPLIT = re.compile(r"\s(?:of|to|for|at|in|on|with)\s")


def _role_phrase(text: str) -> list[str]:
    # The head of "Director general of the Russian International Affairs Council" is
    # "Director general"; a possessive ends a modifier ("Putin's foreign-policy aide").
    head = re.split(_PREPOSITION_SPLIT, text, maxsplit=1)[0]
    words = [_clean(word) for word in head.split()]
    for position in range(len(words) - 1, -1, -1):
        if words[position] not in _ROLE_VOCAB:
            return words[position + 1 :]
    return words


def _role_set(words: list[str]) -> frozenset[str]:
    roles = set()
    for position in range(len(words)):
        if position and words[position - 1] in _RANK_WORDS:
            break  # "vice president" is not "president"
        suffix = words[position:]
        if suffix and suffix != ["general"]:
            roles.add(" ".join(suffix))
    if len(words) >= 2 and words[-1] == "general":
        roles.add(" ".join(words[:-1]))  # a director general is a director
    return frozenset(roles)


def _entry_context(entry: RegisterEntry) -> frozenset[str]:
    texts = [entry.name, entry.description, *(a.text for a in entry.aliases)]
    return frozenset(_clean(word) for text in texts for word in text.split())


def _clean(word: str) -> str:
    """A word as a lower-case key: no possessive, no edge punctuation ("Kremlin's" -> kremlin)."""
    word = word.strip(_SENTENCE_OPENERS + ',;:!?”’"').lower()
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    return word.rstrip(".") if word.count(".") == 1 else word


# --- Strategy 1: register aliases ------------------------------------------------------------


class _Hit(NamedTuple):
    start: int
    end: int
    key: int  # a register entry index, or len(entries) + the index of an unknown person


def _register_hits(body: str, tables: _Tables) -> list[_Hit]:
    if tables.alias_pattern is None:
        return []
    hits = []
    for match in tables.alias_pattern.finditer(body):
        text = match.group()
        if text in tables.matched:
            target = tables.matched[text]
        else:
            target = tables.alias_index.get(_normalise(text))
            if len(tables.matched) < 10_000:  # the spellings of one register are few
                tables.matched[text] = target
        if target is None:
            continue
        number, kind = target
        if kind == "full_name" and _JUNIOR_AFTER.match(body, match.end()):
            continue  # "Donald Trump Jr." is the son
        start: int | None = match.start()
        if kind == "surname":
            if _ORG_AFTER.match(body, match.end()):
                continue  # "Trump Tower" is a building, not the person
            if _JUNIOR_AFTER.match(body, match.end()):
                continue  # "Trump Jr." is the son, not the register's Trump
            honorific = _SEXED_HONORIFIC.search(body, max(0, match.start() - 6), match.start())
            if honorific is not None and tables.sexes[number] not in ("", honorific.lastgroup):
                continue  # "Mrs. Trump" is not Donald Trump: another person of the family
            start = _surname_start(body, match.start(), tables.given_names[number])
            if start is None:
                continue
            if hits and start < hits[-1].end:
                start = match.start()  # never reach back into the previous mention
        hits.append(_Hit(start, match.end(), number))
    return hits


def _surname_start(body: str, start: int, given: frozenset[str]) -> int | None:
    """Where a surname mention starts; None when another person's given name precedes it.

    "Yuriy Ushakov" starts at Yuriy; "Ivanka Trump" is not Donald Trump.
    """
    if start < 2 or body[start - 1] not in " \u00a0" or not body[start - 2].isalnum():
        return start
    # Fast path: the word before is not capitalised ("said Putin", "with Putin").
    word_start = body.rfind(" ", 0, start - 1) + 1
    if not body[word_start].isupper():
        return start
    position = start
    first: tuple[int, str] | None = None
    for _ in range(3):
        word_end = position
        while word_end > 0 and body[word_end - 1] in " \u00a0":
            word_end -= 1
        if word_end == position:
            break  # glued to something ("Russia’s Putin") or at the very start
        word_start = word_end
        while word_start > 0 and not body[word_start - 1].isspace():
            word_start -= 1
        word = body[word_start:word_end]
        if not _is_name_word(word):
            break
        first, position = (word_start, word), word_start
    if first is None:
        return start
    if any(_compatible(_name_key(first[1]), name) for name in given):
        return first[0]
    return None


def _is_name_word(word: str) -> bool:
    if word in _NOT_NAME or word in _NOT_PEOPLE:
        return False
    return bool(_NAME_WORD.fullmatch(word) or _INITIAL_WORD.fullmatch(word))


def _name_key(word: str) -> str:
    """A given name folded so transliterations compare equal: Yuriy, Yury -> iuri."""
    key = word.lower().rstrip(".").replace("ks", "x").replace("iy", "i").replace("y", "i")
    return key.replace("ii", "i")


def _compatible(first: str, other: str) -> bool:
    if not first or not other:
        return True
    if len(first) == 1 or len(other) == 1:
        return first[0] == other[0]
    if first == other or frozenset((first, other)) in _NICKNAMES:
        return True
    shorter, longer = sorted((first, other), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)


# --- Strategies 2 and 3: unknown people ------------------------------------------------------


class _Segment(NamedTuple):
    start: int
    end: int
    words: tuple[str, ...]  # name words and initials, particles dropped
    text: str  # as written, particles kept: "Ludovica de la Torre"; "Queen Elizabeth II"
    royal: bool = False  # the text carries a royal title: its one word is not a given name


class _Evidence(NamedTuple):
    roles: frozenset[str]
    context: frozenset[str]
    given_only: bool = False  # "his wife, Melania": a given name, not a surname


@dataclass(slots=True)
class _Person:
    surname: str
    given: str  # name key of the first given name, "" when only a surname was seen
    middle: str = ""  # the middle names or initials of a full name: "W." in George W. Bush
    spellings: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)

    def name(self) -> str:
        return max(self.spellings, key=lambda text: (len(text.split()), len(text)))


class _Body:
    """What the unknown-person rules need to know about one body, computed once."""

    def __init__(self, body: str, masked: str, surnames: frozenset[str]) -> None:
        self.text = body
        self.masked = masked
        self.surnames = surnames
        self._lower: dict[str, bool] = {}
        self.headline_lines = _headline_lines(body)
        self.datelines = _dateline_places(body)

    def has_lower(self, word: str) -> bool:
        """Whether ``word`` also appears in lower case: then it is an ordinary word."""
        known = self._lower.get(word)
        if known is None:
            lower = word.lower()
            known = any(f" {lower}{after}" in self.text for after in " ,.;:")
            self._lower[word] = known
        return known

    def after_the(self, word: str) -> bool:
        """Whether ``word`` appears after "the": "the Pentagon" is a thing, not a person."""
        return f"the {word}" in self.text or f"The {word}" in self.text

    def in_headline_line(self, offset: int) -> bool:
        index = bisect_left(self.headline_lines, (offset + 1,)) - 1
        return index >= 0 and offset < self.headline_lines[index][1]


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


def _unknown_people(body: _Body) -> list[_Person]:
    accepted: list[tuple[_Segment, _Evidence]] = []
    unsupported: list[_Segment] = []
    for match in _NAME_SEQUENCE.finditer(body.masked):
        text = match.group()
        if text in _NOT_NAME:
            # Most one-word sequences: "The", "Wednesday", "Russian". A month may still be
            # a surname seen before ("May said"); it can only join a person found already.
            if text in _MONTH_SURNAMES and _month_as_surname(body.text, match.start(), text):
                unsupported.append(_Segment(match.start(), match.end(), (text,), text))
            continue
        if body.headline_lines and body.in_headline_line(match.start()):
            # Headline case hides which words are names: only known surnames link here.
            unsupported.extend(_headline_words(match))
            continue
        for segment in _segments(body, match):
            evidence = _evidence(body, segment)
            if evidence is None:
                unsupported.append(_full_form(body.text, segment, royal=False))
            else:
                accepted.append((_full_form(body.text, segment, royal=True), evidence))
    return _cluster(accepted, unsupported)


def _full_form(text: str, segment: _Segment, *, royal: bool) -> _Segment:
    """What belongs to a name around it: a royal title and regnal numeral ("Queen
    Elizabeth II"), a generational suffix ("Donald Trump Jr.").

    The words stay the name alone, so a later "Elizabeth" or "Queen Elizabeth" joins her.
    """
    suffix = _JUNIOR_AFTER.match(text, segment.end)
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
    return _Segment(start, end, segment.words, spelled, royal=True)


def _month_as_surname(text: str, start: int, month: str) -> bool:
    """Whether a month name reads as a surname: "May said", "with May", "May's plan".

    Not after a word of time ("in May", "last May's vote", "from April to May") nor before
    a number ("May 3"). It can only join a person the article names in full.
    """
    end = start + len(month)
    if _CUE_AFTER.match(text, end):
        return True
    if _MONTH_NUMBER_AFTER.match(text, end):
        return False
    before = [_clean(word) for word in _words_before(text, start)]
    possessive = text.startswith(("'s", "’s"), end)
    if before and before[-1] in (_POSSESSIVE_TIME_WORDS if possessive else _TIME_WORDS):
        return False
    return not (
        before and before[-1] == "to" and any(w.title() in _DAYS_AND_MONTHS for w in before)
    )


def _headline_words(match: re.Match[str]) -> list[_Segment]:
    return [
        _Segment(
            match.start() + part.start(),
            match.start() + part.end(),
            (part.group(),),
            part.group(),
        )
        for part in _PART.finditer(match.group())
        if _NAME_WORD.fullmatch(part.group())
    ]


def _segments(body: _Body, match: re.Match[str]) -> list[_Segment]:
    """Split a capitalised sequence into name candidates at words that are not names.

    "Finnish President Sauli Niinisto" gives "Sauli Niinisto"; "Air Force Two" gives
    nothing (an organisation's last word rejects the whole sequence).
    """
    parts = [
        (match.start() + part.start(), match.start() + part.end(), part.group())
        for part in _PART.finditer(match.group())
    ]
    words = [text for _, _, text in parts if text not in _PARTICLES]
    if words[-1] in _ORG_HEADS or match.group() in _NOT_PEOPLE:
        return []
    segments: list[_Segment] = []
    current: list[tuple[int, int, str]] = []
    for position, (start, end, text) in enumerate(parts):
        previous = current[-1][2].lower() if current else ""
        if text in _MONTH_SURNAMES and previous in _GIVEN_NAMES:
            current.append((start, end, text))  # "Theresa May"
        elif text in _NOT_NAME or (
            position == 0 and _at_sentence_start(body.text, start) and body.has_lower(text)
        ):
            _flush(current, segments)
            current = []
        else:
            current.append((start, end, text))
    _flush(current, segments)
    return segments


def _flush(parts: list[tuple[int, int, str]], segments: list[_Segment]) -> None:
    while parts and parts[0][2] in _PARTICLES:
        parts = parts[1:]
    while parts and (parts[-1][2] in _PARTICLES or parts[-1][2].endswith(".")):
        parts = parts[:-1]
    words = tuple(text for _, _, text in parts if text not in _PARTICLES)
    if words and sum(1 for word in words if not word.endswith(".")) <= 4:
        text = " ".join(text for _, _, text in parts)
        segments.append(_Segment(parts[0][0], parts[-1][1], words, text))


def _at_sentence_start(text: str, offset: int) -> bool:
    position = offset - 1
    while position >= 0 and (text[position].isspace() or text[position] in _SENTENCE_OPENERS):
        if text[position] == "\n":
            return True
        position -= 1
    return position < 0 or text[position] in ".!?:"


def _evidence(body: _Body, segment: _Segment) -> _Evidence | None:
    """Why a candidate is a person, or None. Tried in order: title, cue verb, appositive,
    given name (the last only for two words or more)."""
    text, start, end, name = body.text, segment.start, segment.end, segment.text
    single = len(segment.words) == 1
    if name in _NOT_PEOPLE or name in body.datelines:
        return None  # "TURNBERRY, South Ayrshire —": the dateline names a place
    if text[max(0, start - 4) : start] in ("the ", "The "):
        return None
    if single and (len(name) < 3 or body.after_the(name)):
        return None  # "the Pentagon said": a thing, not a person
    before = _words_before(text, start)
    title = _title_evidence(before, single)
    if title is not None:
        return title
    if single and before and before[-1] in _PLACE_PREPOSITIONS:
        return None  # "at Turnberry": a place unless a title says otherwise
    if not single and segment.words[0] in _NOT_PEOPLE:
        return None  # "Scotland Yard said": a place's name starts it, not a given name
    if _CUE_AFTER.match(text, end):
        return _Evidence(frozenset(), frozenset())
    cues = _CUES_BEFORE_SINGLE if single else _CUES_BEFORE
    if before and before[-2:] == ["according", "to"]:
        return _Evidence(frozenset(), frozenset())
    if before and before[-1] in cues and not _CLAUSE_VERB_AFTER.match(text, end):
        # "..., said Lindgren." names the speaker; in "said Finland had agreed" the name
        # is the subject of what was said.
        return _Evidence(frozenset(), frozenset())
    appositive = _APPOSITIVE.match(text, end)
    if appositive is not None and not _NAME_AFTER.match(text, appositive.end()):
        # Not when a name follows the role: in "before Helsinki, the special counsel
        # Robert Mueller", the role is Mueller's title.
        return _appositive_evidence(appositive)
    if not single and _APPOSITIVE_THEN_CUE.match(text, end):
        # "Marisa Kell, a student who waited outside, told CNN": whatever the appositive
        # says, a name of two words set off by it and then speaking is a person.
        return _Evidence(frozenset(), frozenset())
    first = segment.words[0].split("-")[0].lower()
    if not single and first in _GIVEN_NAMES:
        return _Evidence(frozenset(), frozenset())
    if not single and segment.words[-1] in body.surnames:
        # A register surname after a given name the register does not know for it:
        # another person of that family ("Ivanka Trump").
        return _Evidence(frozenset(), frozenset())
    return None


def _words_before(text: str, start: int) -> list[str]:
    """Up to four raw words right before ``start`` on the same line; [] if glued to it."""
    window = text[max(0, start - 60) : start]
    if not window or window[-1] not in " \u00a0":
        return []
    window = window.rsplit("\n", 1)[-1]
    return window.split()[-4:]


def _title_evidence(before: list[str], single: bool) -> _Evidence | None:
    if not before:
        return None
    last = before[-1]
    key = _clean(last).removeprefix("ex-")
    if last.endswith(".") and key not in _HONORIFICS:
        return None  # the end of a sentence, not an abbreviated title
    if key in _TITLE_WORDS:
        # Only now clean the words before it too: most candidates have no title.
        cleaned = [_clean(word).removeprefix("ex-") for word in before]
        # The title is the end of what comes before: "tea with Queen" is a queen.
        phrase = _role_phrase(re.split(_PREPOSITION_SPLIT, " ".join(cleaned))[-1])
        roles = _role_set(phrase)
        if key in _REIGNING:
            roles |= {"monarch"}
        given_only = key in _KIN_WORDS and single
        return _Evidence(roles, frozenset(cleaned), given_only)
    if not single and _POSSESSIVE_NAME.fullmatch(last):
        return _Evidence(frozenset(), frozenset(_clean(word) for word in before))
    return None


def _appositive_evidence(match: re.Match[str]) -> _Evidence:
    role = match.group("role")
    if role is None:
        return _Evidence(frozenset(), frozenset())  # ", who ...", ", 52,", ", the former ..."
    mods = [_clean(word) for word in (match.group("mods") or "").split()]
    phrase = _role_phrase(" ".join([*mods, role.lower()]))
    return _Evidence(_role_set(phrase), frozenset([*mods, role.lower()]))


def _cluster(
    accepted: list[tuple[_Segment, _Evidence]], unsupported: list[_Segment]
) -> list[_Person]:
    """One person per name: full names first, then lone surnames, then unproven spellings.

    A lone word joins a full name by its surname; failing that, a given name ("his wife,
    Melania", or a common given name) joins the one full name it begins, if just one does.
    """
    people: list[_Person] = []
    full = [item for item in accepted if len(item[0].words) >= 2]
    single = [item for item in accepted if len(item[0].words) == 1]
    for segment, evidence in full:
        person = _match_person(people, segment) or _new_person(people, segment)
        _add(person, segment, evidence)
    for segment, evidence in single:
        person = (
            _match_person(people, segment)
            or _match_given(people, segment, evidence.given_only)
            or _new_person(people, segment)
        )
        _add(person, segment, evidence)
    for segment in unsupported:
        person = _match_person(people, segment) or _match_given(people, segment, False)
        if person is not None:
            _add(person, segment, None)
    return people


def _match_given(people: list[_Person], segment: _Segment, given_only: bool) -> _Person | None:
    """The one person with a full name whose given name is this lone word, else None."""
    word = segment.words[0]
    if segment.royal or word in _NOT_NAME or not (given_only or word.lower() in _GIVEN_NAMES):
        return None
    key = _name_key(word)
    fitting = [person for person in people if person.given == key]
    return fitting[0] if len(fitting) == 1 else None


def _new_person(people: list[_Person], segment: _Segment) -> _Person:
    given = _name_key(segment.words[0]) if len(segment.words) >= 2 else ""
    person = _Person(surname=segment.words[-1], given=given, middle=_middle(segment))
    people.append(person)
    return person


def _match_person(people: list[_Person], segment: _Segment) -> _Person | None:
    """The person a spelling belongs to: same surname, compatible given name; when several
    fit, the one mentioned nearest before it, else the first one after it."""
    given = _name_key(segment.words[0]) if len(segment.words) >= 2 else ""
    middle = _middle(segment)
    fitting = [
        person
        for person in people
        if person.surname == segment.words[-1]
        and _compatible(given, person.given)
        # George W. Bush and George H.W. Bush: two middles that differ are two people.
        and (not middle or not person.middle or middle == person.middle)
    ]
    if len(fitting) <= 1:
        return fitting[0] if fitting else None
    earlier = [p for p in fitting if p.spans and p.spans[0][0] < segment.start]
    if earlier:
        return max(earlier, key=lambda p: max(s for s, _ in p.spans if s < segment.start))
    return min(fitting, key=lambda p: p.spans[0][0] if p.spans else 0)


def _add(person: _Person, segment: _Segment, evidence: _Evidence | None) -> None:
    person.spans.append((segment.start, segment.end))
    person.spellings.append(segment.text)
    if evidence is not None:
        person.roles |= evidence.roles
        person.context |= evidence.context
    if not person.given and len(segment.words) >= 2:
        person.given = _name_key(segment.words[0])
    person.middle = person.middle or _middle(segment)


def _middle(segment: _Segment) -> str:
    """The words between the given name and the surname, folded: "H.W." -> "hw"."""
    return "".join(segment.words[1:-1]).replace(".", "").lower()


def _headline_lines(text: str) -> list[Span]:
    """Lines written in headline case: most long words capitalised, no closing stop."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.rstrip(" \t\"'”’)]")
        if stripped and stripped[-1] not in ".!?:;,":
            words = [word for word in re.findall(r"[^\W\d_][\w’'-]*", line) if len(word) >= 4]
            capitalised = sum(1 for word in words if word[0].isupper())
            if words and capitalised / len(words) >= 0.6:
                spans.append((start, end))
        start = end + 1
    return spans


# --- Strategy 4: role descriptors ------------------------------------------------------------


_DESCRIPTOR_NEAR = 120  # characters: a holder named this close is the one meant


def _descriptor_hits(
    body: str, tables: _Tables, people: list[_Person], person_hits: list[_Hit]
) -> list[_Hit]:
    """ "the president" -> the nearest preceding person whose roles and modifiers fit."""
    roles = [*tables.roles, *(frozenset(p.roles) for p in people)]
    context = [*tables.context, *(frozenset(p.context) for p in people)]
    timeline = sorted((hit.start, hit.end, hit.key) for hit in person_hits)
    taken = [(start, end) for start, end, _ in timeline]
    found = []
    for match in tables.descriptor_pattern.finditer(body):
        start, end = match.span()
        if _overlaps(taken, start, end):
            continue
        role = " ".join(match.group("role").lower().split())
        mods = [_clean(word) for word in match.group("mods").split()]
        if "former" in mods:
            continue  # a former holder of the role is somebody else
        index = bisect_left(timeline, (start,))
        window = timeline[max(0, index - 50) : index]
        fitting = [
            (hit_start, key)
            for hit_start, _, key in window
            if role in roles[key] and all(_fits(mod, context[key]) for mod in mods)
        ]
        if fitting:
            key = _likeliest_holder(fitting, start, bare=not mods)
            found.append(_Hit(start, end, key))
            insort(timeline, (start, end, key))
    return found


def _likeliest_holder(fitting: list[tuple[int, int]], start: int, *, bare: bool) -> int:
    """Who a descriptor names among the people before it whose role fits, as (start, key).

    The nearest, when named just before it or when the descriptor is modified ("the
    Finnish president"). A bare "the president" further on is the story's main holder
    of the role, the one named most often so far, not whoever was named last: after
    "…, he met Putin three days later." a paragraph on "the president's statement"
    is still about Trump.
    """
    nearest_start, nearest = fitting[-1]
    if not bare or start - nearest_start <= _DESCRIPTOR_NEAR:
        return nearest
    counts: dict[int, int] = {}
    for _, key in fitting:
        counts[key] = counts.get(key, 0) + 1
    best = max(counts.values())
    return next(key for _, key in fitting if counts[key] == best)


def _fits(modifier: str, context: frozenset[str]) -> bool:
    # "Russian" fits an entity described with "Russia": compare the first five letters.
    if modifier in context:
        return True
    return len(modifier) >= 5 and any(
        len(word) >= 5 and word[:5] == modifier[:5] for word in context
    )


def _overlaps(spans: list[Span], start: int, end: int) -> bool:
    index = bisect_left(spans, (start,))
    neighbours = spans[max(0, index - 1) : index + 1]
    return any(s < end and start < e for s, e in neighbours)


# --- Assembly --------------------------------------------------------------------------------


def find_entities(text: Text | str, *, register: Register) -> tuple[Entity, ...]:
    """People, organisations and places named in ``body``, in the order of first mention.

    Known entities carry the register's name and slug; unknown people have ``slug=None``
    and one ``Entity`` however many spellings the body uses, named by the fullest.
    Costs one pass of the register's alias pattern, one of the name-sequence pattern and
    one of the role-descriptor pattern over the body; the register's tables are built on
    the first call with that Register object and cached.
    """
    body = Text.of(text).body
    tables = _tables_for(register)
    hits = _register_hits(body, tables)
    masked = _mask(body, hits)
    people = _unknown_people(_Body(body, masked, tables.surnames))
    offset = len(tables.entries)
    unknown_hits = [
        _Hit(start, end, offset + number)
        for number, person in enumerate(people)
        for start, end in person.spans
    ]
    person_hits = [hit for hit in hits if tables.entries[hit.key].kind == "person"] + unknown_hits
    hits += unknown_hits + _descriptor_hits(body, tables, people, person_hits)
    return _entities(tables, people, hits)


def _mask(body: str, hits: list[_Hit]) -> str:
    """The body with known mentions blanked out, offsets unchanged."""
    pieces = []
    position = 0
    for start, end, _ in hits:
        pieces.append(body[position:start])
        pieces.append("\x00" * (end - start))
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _entities(tables: _Tables, people: list[_Person], hits: list[_Hit]) -> tuple[Entity, ...]:
    spans: dict[int, list[Span]] = {}
    for start, end, key in hits:
        spans.setdefault(key, []).append((start, end))
    offset = len(tables.entries)
    entities = []
    for key, found in spans.items():
        mentions = tuple(sorted(set(found)))
        if key < offset:
            entry = tables.entries[key]
            entities.append(Entity(entry.name, entry.kind, entry.slug, True, mentions))
        else:
            kind: EntityKind = "person"
            entities.append(Entity(people[key - offset].name(), kind, None, False, mentions))
    return tuple(sorted(entities, key=lambda entity: entity.mentions[0]))
