"""Strategy ``role_descriptor``: "the president", "the Kremlin aide" name a person before.

Roles are phrases of role words ("national security adviser"): from the vocabulary, from
each register entry's description, titles and descriptors, and from the title or
appositive an unknown person was introduced with. A descriptor names the nearest
preceding person whose role and modifiers fit.

Descriptors are found by one fixed pattern for "the" and a dictionary of role phrases,
so a register's roles add no compiled pattern (a worker's register changes often).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from extraction.mentions.names import GAP, Hit, Span, clean
from extraction.mentions.vocabulary import RANK_WORDS, ROLE_PREPOSITIONS, is_role_word
from extraction.register import RegisterEntry

STRATEGY = "role_descriptor"

_PREPOSITION_SPLIT = re.compile(r"\s(?:" + "|".join(sorted(ROLE_PREPOSITIONS)) + r")\s")
# The first character comes before the look-behind so that the engine skips to it fast.
_THE = re.compile(rf"[Tt](?<![\w\-].)he{GAP}")
_MODIFIER = re.compile(rf"[A-Z][\w.&’'-]*{GAP}")  # "the U.S. …", "the Kremlin …"
_CHUNK = re.compile(r"[^ \u00a0]+")
_GAP = re.compile(GAP)
_ROLE_WORD = re.compile(r"[\w-]+")
_DESCRIPTOR_NEAR = 120  # characters: a holder named this close is the one meant
_MAX_MODIFIERS = 2


def role_phrase(text: str) -> list[str]:
    """The role words that end the head of ``text``.

    The head of "Director general of the Russian International Affairs Council" is
    "Director general"; a possessive ends a modifier ("Putin's foreign-policy aide").
    """
    head = re.split(_PREPOSITION_SPLIT, text, maxsplit=1)[0]
    words = [clean(word) for word in head.split()]
    for position in range(len(words) - 1, -1, -1):
        if not is_role_word(words[position]):
            return words[position + 1 :]
    return words


def last_role_phrase(words: Iterable[str]) -> list[str]:
    """The role phrase at the end of cleaned words: "tea with queen" -> ["queen"]."""
    return role_phrase(re.split(_PREPOSITION_SPLIT, " ".join(words))[-1])


def role_set(words: list[str]) -> frozenset[str]:
    """Every role a phrase gives: "national security adviser" is also "adviser"."""
    roles = set()
    for position in range(len(words)):
        if position and words[position - 1] in RANK_WORDS:
            break  # "vice president" is not "president"
        suffix = words[position:]
        if suffix and suffix != ["general"]:
            roles.add(" ".join(suffix))
    if len(words) >= 2 and words[-1] == "general":
        roles.add(" ".join(words[:-1]))  # a director general is a director
    return frozenset(roles)


def entry_roles(entry: RegisterEntry) -> frozenset[str]:
    """Role phrases of a register person, from its description, titles and descriptors.

    "U.S. National Security Adviser" gives national security adviser, security adviser
    and adviser; "Vice President of the United States" gives vice president only.
    """
    phrases = [entry.description]
    texts = [entry.name, *(a.text for a in entry.aliases if a.kind in ("full_name", "surname"))]
    name_words = {word for text in texts for word in text.split()}
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
        roles |= role_set(role_phrase(phrase))
    return frozenset(roles)


def entry_context(entry: RegisterEntry) -> frozenset[str]:
    """Words a descriptor's modifiers may match: "the Finnish president" fits Finland's."""
    texts = [entry.name, entry.description, *(a.text for a in entry.aliases)]
    return frozenset(clean(word) for text in texts for word in text.split())


# --- finding descriptors in a body ----------------------------------------------------------


@dataclass(slots=True)
class RoleNode:
    """A trie of role phrases by word: the roles that go on, and whether one ends here."""

    children: dict[str, RoleNode] = field(default_factory=dict)
    ends: bool = False


def role_trie(roles: Iterable[str]) -> RoleNode:
    root = RoleNode()
    for role in roles:
        node = root
        for word in role.split():
            node = node.children.setdefault(word, RoleNode())
        node.ends = True
    return root


def descriptors(body: str, roles: RoleNode) -> Iterator[tuple[Span, str, str]]:
    """Each "the [Modifier …] role" in ``body``, leftmost first, never overlapping:
    (span, modifiers as written, role as written).

    Fewest modifiers first, then the longest role phrase: "the Vice President" is the vice
    president, "the U.S. national security adviser" has the modifier "U.S.".
    """
    position = 0
    first_words = roles.children
    while (the := _THE.search(body, position)) is not None:
        after = the.end()
        if not "A" <= body[after] <= "Z":
            # No modifier can start here, so a role word must: most "the"s end at once.
            word = _ROLE_WORD.match(body, after)
            if word is None or word.group() not in first_words:
                position = the.start() + 1
                continue
        found = _descriptor_at(body, after, roles)
        if found is None:
            position = the.start() + 1
            continue
        mods_end, role_end = found
        yield (the.start(), role_end), body[the.end() : mods_end], body[mods_end:role_end]
        position = role_end


def _descriptor_at(body: str, after: int, roles: RoleNode) -> Span | None:
    mods_end = after
    for count in range(_MAX_MODIFIERS + 1):
        if count:
            modifier = _MODIFIER.match(body, mods_end)
            if modifier is None:
                return None
            mods_end = modifier.end()
        role_end = _role_at(body, mods_end, roles)
        if role_end is not None:
            return mods_end, role_end
    return None


def _role_at(body: str, start: int, roles: RoleNode) -> int | None:
    """The end of the longest role phrase at ``start``; each word may open with a capital.

    Every word but the last is a whole word of the body; the last may be followed by a
    possessive or punctuation ("the president’s", "the aide,").
    """
    best = None
    node, position = roles, start
    while (chunk := _CHUNK.match(body, position)) is not None:
        word = _ROLE_WORD.match(body, position, chunk.end())
        if word is None:
            break
        text = word.group()
        child = node.children.get(text[:1].lower() + text[1:])
        if child is None:
            break
        if child.ends:
            best = word.end()
        gap = _GAP.match(body, chunk.end())
        if word.end() != chunk.end() or gap is None:
            break
        node, position = child, gap.end()
    return best


def descriptor_hits(
    body: str,
    roles: list[frozenset[str]],
    context: list[frozenset[str]],
    all_roles: RoleNode,
    person_hits: list[Hit],
) -> list[Hit]:
    """ "the president" -> the nearest preceding person whose roles and modifiers fit.

    ``roles`` and ``context`` are indexed by hit key (register entries, then unknown people).
    """
    timeline = sorted((hit.start, hit.end, hit.key) for hit in person_hits)
    taken = [(start, end) for start, end, _ in timeline]
    found = []
    for (start, end), mods_text, role_text in descriptors(body, all_roles):
        if _overlaps(taken, start, end):
            continue
        role = " ".join(role_text.lower().split())
        mods = [clean(word) for word in mods_text.split()]
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
            found.append(Hit(start, end, key, STRATEGY))
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
