"""Strategy ``register_alias``: every name and alias of the register, found in one pass.

Aliases are matched through a dictionary keyed by their first word, not a compiled
pattern: a worker's register grows as articles name new people, and a pattern per
register would pile up in the ``re`` cache. Building the tables is linear in the size of
the register, and they are built once per ``Register`` object (the Django side reuses
one while the database's rows stay the same).

The matching keeps the rules of the alias pattern it replaces: an alias starts at the
start of a word (not after a letter, a digit or a hyphen) and ends at the end of one,
its words may be separated by any white space, an apostrophe matches ' or ’, and a
leading "the" may be "The". At each word the longest alias wins, and the next one
starts after it (leftmost-longest, never overlapping).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extraction.mentions import vocabulary as v
from extraction.mentions.names import (
    GAP,
    UP,
    Hit,
    Span,
    compatible,
    in_spans,
    is_name_word,
    name_key,
)
from extraction.mentions.roles import RoleNode, entry_context, entry_roles, role_trie
from extraction.register import Register, RegisterEntry

STRATEGY = "register_alias"

# A word where an alias may start: not inside a word nor right after a hyphen. Almost
# every alias starts with a capital or "the", so only those words are read, unless the
# register has an alias that starts otherwise.
_WORD_START = re.compile(r"\w(?<![\w\-].)\w*")
_CAPITAL_OR_THE = re.compile(rf"(?:[{UP}](?<![\w\-].)\w*|t(?<![\w\-].)he(?!\w))")
_FIRST_RUN = re.compile(r"\w+|.")
_CHUNK = re.compile(r"\S+")
_NEXT_RUN = re.compile(r"\s+(\w+)")
_SPACE = re.compile(r"\s+")
_BOUNDARY = re.compile(r"[^\w\-]")  # where an alias may end inside a body word
_ORG_AFTER = re.compile(
    GAP + "(?:" + "|".join(sorted(v.ORG_HEADS, key=len, reverse=True)) + r")(?![\w\-])"
)
# A generational suffix: the name belongs to another person of the family.
JUNIOR_AFTER = re.compile(
    r",?[ \u00a0]+(?:" + "|".join(sorted(v.load_list("generational_suffixes"))) + r")\b\.?"
)
# An honorific that tells a person's sex, right before a surname.
_SEXED_HONORIFIC = re.compile(
    r"(?<![\w.])(?:(?P<m>"
    + "|".join(sorted(v.load_list("male_honorifics")))
    + r")|(?P<f>"
    + "|".join(sorted(v.load_list("female_honorifics"), key=len, reverse=True))
    + r"))\.?[ \u00a0]+$"
)


@dataclass(frozen=True, slots=True)
class _Alias:
    words: tuple[str, ...]  # normalised: one space between words, ’ as '
    entry: int
    kind: str


@dataclass(slots=True)
class WordNode:
    """A node of a trie of words: the aliases (or roles) that go on, and the one that ends."""

    children: dict[str, WordNode] = field(default_factory=dict)
    alias: _Alias | None = None


@dataclass(frozen=True, slots=True)
class Tables:
    """What matching needs to know about one register, built once per Register object."""

    entries: tuple[RegisterEntry, ...]
    aliases: WordNode  # every alias as a trie of its words
    first_runs: frozenset[str]  # the letters an alias starts with, up to the first non-letter
    inner: frozenset[str]  # the characters besides letters that aliases have inside words
    starts: re.Pattern[str]  # the words to look up (one of two fixed patterns)
    # For a first word that only ever opens longer aliases ("the", "Vladimir"): the
    # letters its second word may start with. A word followed by none is passed over.
    followers: dict[str, frozenset[str]]
    given_names: tuple[frozenset[str], ...]  # name keys of each entry's given names
    roles: tuple[frozenset[str], ...]  # role phrases of each person entry
    context: tuple[frozenset[str], ...]  # words a descriptor's modifiers may match
    all_roles: RoleNode  # every role a descriptor may name
    surnames: frozenset[str]  # surname aliases of register people
    sexes: tuple[str, ...]  # "m" or "f" when every given name of a person says so, else ""
    full_names: dict[str, int]  # a person's full name or full-name alias -> entry index
    family_names: tuple[str, ...]  # each person's surname ("" for the rest)


# Keyed by id(); the Register is kept in the value so its id cannot be reused while cached.
_TABLES: dict[int, tuple[Register, Tables]] = {}
_TABLES_MAX = 8


def tables_for(register: Register) -> Tables:
    cached = _TABLES.get(id(register))
    if cached is not None and cached[0] is register:
        return cached[1]
    tables = _build_tables(register)
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.pop(next(iter(_TABLES)))
    _TABLES[id(register)] = (register, tables)
    return tables


def _build_tables(register: Register) -> Tables:
    index: dict[str, tuple[int, str]] = {}
    ambiguous: set[str] = set()
    for number, entry in enumerate(register.entries):
        for text, kind in ((entry.name, "full_name"), *((a.text, a.kind) for a in entry.aliases)):
            key = _normalise(text)
            if not key:
                continue
            if key in index and index[key][0] != number:
                ambiguous.add(key)  # two entries share the alias: refuse to link by it
            index.setdefault(key, (number, kind))
    for key in ambiguous:
        del index[key]
    root = WordNode()
    first_runs: set[str] = set()
    followers: dict[str, set[str] | None] = {}
    for key, (number, kind) in index.items():
        spellings = [key, "The" + key[3:]] if key.startswith("the ") else [key]
        for spelling in spellings:
            words = spelling.split(" ")
            node = root
            for word in words:
                node = node.children.setdefault(word, WordNode())
            node.alias = _Alias(tuple(words), number, kind)
            run = _FIRST_RUN.match(spelling).group()  # type: ignore[union-attr]
            first_runs.add(run)
            if len(words) >= 2 and words[0] == run and followers.get(run, set()) is not None:
                followers.setdefault(run, set()).add(_FIRST_RUN.match(words[1]).group())  # type: ignore[union-attr]
            else:
                followers[run] = None
    entries = register.entries
    roles = tuple(
        entry_roles(entry) if entry.kind == "person" else frozenset() for entry in entries
    )
    return Tables(
        entries=entries,
        aliases=root,
        first_runs=frozenset(first_runs),
        inner=frozenset(
            char
            for key in index
            for char in key
            if not (char.isalnum() or char == "_" or char.isspace())
        )
        | ({"’"} if "'" in "".join(index) else set()),
        followers={run: frozenset(after) for run, after in followers.items() if after is not None},
        starts=(
            _CAPITAL_OR_THE
            if all(_CAPITAL_OR_THE.fullmatch(run) for run in first_runs)
            else _WORD_START
        ),
        given_names=tuple(_entry_given_names(entry) for entry in entries),
        roles=roles,
        context=tuple(entry_context(entry) for entry in entries),
        all_roles=role_trie(v.BASE_ROLES.union(*roles)),
        surnames=frozenset(
            alias.text
            for entry in entries
            if entry.kind == "person"
            for alias in entry.aliases
            if alias.kind == "surname"
        ),
        sexes=tuple(_entry_sex(entry) for entry in entries),
        full_names={
            key: number
            for key, (number, kind) in index.items()
            if kind == "full_name" and entries[number].kind == "person"
        },
        family_names=tuple(_family_name(entry) for entry in entries),
    )


def _normalise(text: str) -> str:
    text = " ".join(text.split()).replace("’", "'")
    return "the" + text[3:] if text.startswith("The ") else text


def _entry_sex(entry: RegisterEntry) -> str:
    names = [entry.name, *(a.text for a in entry.aliases if a.kind == "full_name")]
    given = {name.split()[0].lower() for name in names if entry.kind == "person" and " " in name}
    if given and given <= v.MALE_NAMES:
        return "m"
    if given and given <= v.FEMALE_NAMES:
        return "f"
    return ""


def _family_name(entry: RegisterEntry) -> str:
    if entry.kind != "person":
        return ""
    surnames = [alias.text for alias in entry.aliases if alias.kind == "surname"]
    return surnames[0] if surnames else entry.name.split()[-1]


def normalise(text: str) -> str:
    """An alias as the tables key it: one space between words, ’ as ', "the" for "The"."""
    return _normalise(text)


def _entry_given_names(entry: RegisterEntry) -> frozenset[str]:
    names = [entry.name, *(a.text for a in entry.aliases if a.kind == "full_name")]
    return frozenset(name_key(name.split()[0]) for name in names if len(name.split()) >= 2)


# --- matching ---------------------------------------------------------------------------------


def alias_matches(body: str, tables: Tables) -> list[tuple[int, int, _Alias]]:
    """Every alias in ``body``, leftmost-longest, never overlapping: one set look-up per
    word of the body, a walk down the word trie where some alias starts."""
    found: list[tuple[int, int, _Alias]] = []
    end = 0
    first_runs, followers, root = tables.first_runs, tables.followers, tables.aliases
    for word in tables.starts.finditer(body):
        run = word.group()
        if run not in first_runs:
            continue
        start, run_end = word.span()
        if start < end:
            continue
        after = followers.get(run)
        if after is not None:
            second = _NEXT_RUN.match(body, run_end)
            if second is None or second.group(1) not in after:
                continue
        longest = _longest_at(body, start, run_end, root, tables.inner)
        if longest is not None:
            end, alias = longest
            found.append((start, end, alias))
    return found


def _longest_at(
    body: str, start: int, run_end: int, root: WordNode, inner: frozenset[str]
) -> tuple[int, _Alias] | None:
    """The end and alias of the longest alias written at ``start``, if any.

    Every word of an alias but the last is a whole white-space-delimited word of the body;
    the last may end where a body word's letters do ("Putin" in "Putin’s,").
    """
    if run_end < len(body) and not body[run_end].isspace():
        if body[run_end] in inner:
            return _longer(body, start, root, None)
        # "Putin," or "Trump.": punctuation no alias has ends the word and the alias.
        child = root.children.get(body[start:run_end])
        return (run_end, child.alias) if child is not None and child.alias is not None else None
    # Fast path: the first word is letters only ("Trump said", "the Kremlin").
    child = root.children.get(body[start:run_end])
    if child is None:
        return None
    best = (run_end, child.alias) if child.alias is not None else None
    gap = _SPACE.match(body, run_end)
    if not child.children or gap is None:
        return best
    return _longer(body, gap.end(), child, best)


def _longer(
    body: str, position: int, node: WordNode, best: tuple[int, _Alias] | None
) -> tuple[int, _Alias] | None:
    while (chunk := _CHUNK.match(body, position)) is not None:
        written = chunk.group().replace("’", "'")
        if written.isalnum():
            stops: list[int] = [len(written)]
        else:
            stops = [b.start() for b in _BOUNDARY.finditer(written) if b.start()]
            stops.append(len(written))
        for stop in reversed(stops):
            child = node.children.get(written[:stop])
            if child is not None and child.alias is not None:
                best = (position + stop, child.alias)
                break
        child = node.children.get(written)
        if child is None or not child.children:
            break
        gap = _SPACE.match(body, chunk.end())
        if gap is None:
            break
        node, position = child, gap.end()
    return best


def register_hits(body: str, tables: Tables, slogans: list[Span]) -> list[Hit]:
    """The register's mentions; ``slogans`` are the quoted title-case phrases, where a
    capital before a surname is no sign of another given name ("“We Love Trump”")."""
    hits: list[Hit] = []
    for match_start, match_end, alias in alias_matches(body, tables):
        number, kind = alias.entry, alias.kind
        if kind == "full_name" and JUNIOR_AFTER.match(body, match_end):
            continue  # "Donald Trump Jr." is the son
        start: int | None = match_start
        if kind == "surname":
            if _ORG_AFTER.match(body, match_end):
                continue  # "Trump Tower" is a building, not the person
            if JUNIOR_AFTER.match(body, match_end):
                continue  # "Trump Jr." is the son, not the register's Trump
            honorific = _SEXED_HONORIFIC.search(body, max(0, match_start - 6), match_start)
            if honorific is not None and tables.sexes[number] not in ("", honorific.lastgroup):
                continue  # "Mrs. Trump" is not Donald Trump: another person of the family
            given = tables.given_names[number]
            if in_spans(slogans, match_start):
                start = _surname_start(body, match_start, given, known_only=True)
            else:
                start = _surname_start(body, match_start, given)
            if start is None:
                continue
            if hits and start < hits[-1].end:
                start = match_start  # never reach back into the previous mention
        hits.append(Hit(start, match_end, number, STRATEGY, kind))
    return hits


def _surname_start(
    body: str, start: int, given: frozenset[str], *, known_only: bool = False
) -> int | None:
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
        if not is_name_word(word):
            break
        first, position = (word_start, word), word_start
    if first is None or (known_only and first[1].lower() not in v.GIVEN_NAMES):
        return start
    if any(compatible(name_key(first[1]), name) for name in given):
        return first[0]
    return None
