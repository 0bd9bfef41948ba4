"""Bylines and outlets: "By Jane Doe and John Roe | Reuters", "HELSINKI (Reuters) -"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extraction import lexicon
from extraction.parse.datetimes import _DATE
from extraction.parse.lines import _BOILERPLATE, _ends_sentence

if TYPE_CHECKING:
    from extraction.parse.plain import _Line

_NAME_PARTICLES = lexicon.words("parse", "name_particles")
_JOB_WORDS = lexicon.words("parse", "job_words")
_NAME = r"[A-Z][\w'’.\-]*"
_LEAD_CREDIT = re.compile(
    r"^(?:[A-Z][\w .,'’\-]{0,60}?\s*)?\((?P<outlet>[A-Z][\w .&'’\-]{1,40})\)\s*[-–—]"
)
_SLASH_CREDIT = re.compile(r"^[A-Z][\w .,'’\-]{0,60}?\.\s*/(?P<outlet>[A-Z][\w .&'’\-]{1,30})/\.?")
_BY_LEAD = re.compile(
    r"(?i:(?:live\s+)?(?:updates?|coverage|reporting|words|text|analysis|story)\s+by\s+)(?=[A-Z])"
)
_PERSON_NAME = r"[A-Z][a-z’'\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'\-]+){1,2}?"
# "Jane Doe Political correspondent": a name, then a role that ends with a job word.
_NAME_THEN_ROLE = re.compile(
    rf"(?P<names>{_PERSON_NAME})\s+(?:[A-Za-z]+\s+){{0,3}}"
    r"(?i:writer|correspondent|editor|reporter|columnist|analyst|producer|journalist)"
)
# Two or more names and nothing else: "Jane Doe, John Roe", "Jane Doe and John Roe".
_NAMES_ONLY = re.compile(rf"{_PERSON_NAME}(?:(?:\s*,\s*|\s+and\s+){_PERSON_NAME})+")
# Names each followed by where the reporter filed from, British style:
# "Jane Doe in Moscow and John Roe in Washington".
_PLACE = r"[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+)?"
_NAME_IN_PLACE = rf"(?P<name>{_PERSON_NAME})\s+in\s+{_PLACE}"
_NAMES_IN_PLACES = re.compile(
    rf"{_NAME_IN_PLACE}(?:(?:\s*,\s*|\s+and\s+){_NAME_IN_PLACE.replace('?P<name>', '')})+"
)
_COPYRIGHT = re.compile(
    r"^\W*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_CORPORATE = re.compile(
    r"(?:[\s,]+(?:L\.?P\.?|Inc\.?|Ltd\.?|LLC|Co\.|Corp\.?|plc|GmbH))+\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Byline:
    names: str
    outlet: str | None


def _byline(header: list[_Line]) -> tuple[str | None, str | None]:
    for i, line in enumerate(header):
        if line.kind != "byline":
            continue
        found = _parse_byline(line.text)
        if found is None:
            continue
        outlet = found.outlet
        if outlet is None and i + 1 < len(header) and header[i + 1].kind == "credit":
            outlet = header[i + 1].text
        return found.names, outlet
    return None, None


def _parse_byline(line: str) -> _Byline | None:
    """A credit line: "By Jane Doe and John Roe", "Jane Doe | Reuters", "By JANE DOE, CNN".

    >>> _parse_byline("By Marta Lindqvist and Pekka Virtanen | Northern Ledger")
    _Byline(names='Marta Lindqvist and Pekka Virtanen', outlet='Northern Ledger')
    >>> _parse_byline("Marta Lindqvist in Helsinki and Pekka Virtanen in Moscow")
    _Byline(names='Marta Lindqvist and Pekka Virtanen', outlet=None)
    """
    if len(line) > 160:
        return None
    lead = _BY_LEAD.match(line)
    if lead:  # "Live updates by Jane Doe": the same credit as "By Jane Doe"
        line = "By " + line[lead.end() :]
    has_by = line[:3].lower() == "by " and line[3:4].isupper()
    if not has_by:
        role = _NAME_THEN_ROLE.fullmatch(line)
        if role:  # "Jane Doe Political correspondent"
            names = _names(role["names"], allow_single=False)
            return _Byline(names, None) if names else None
        if _NAMES_IN_PLACES.fullmatch(line):  # "Jane Doe in Moscow and John Roe in Rome"
            names = re.findall(rf"({_PERSON_NAME})\s+in\s+{_PLACE}", line)
            joined = _names(", ".join(names[:-1]) + " and " + names[-1], allow_single=False)
            return _Byline(joined, None) if joined else None
        if _NAMES_ONLY.fullmatch(line):  # "Jane Doe, John Roe" under the headline
            names = _names(line, allow_single=False)
            return _Byline(names, None) if names else None
    dated = _DATE.search(line)
    if dated:  # "By Jane Doe, June 28, 2018": the date is not part of the names
        line = line[: dated.start()].rstrip(" ,|/·•–—-")
    segments = [s.strip() for s in re.split(r"\s+[|/·•–—-]\s+|\s*\|\s*", line) if s.strip()]
    if not has_by and (len(segments) < 2 or "|" not in line):
        return None
    names_part = segments[0][3:].strip() if has_by else segments[0]
    tail = segments[1:]
    parts = [p.strip() for p in names_part.split(",") if p.strip()]
    if len(parts) >= 2 and " and " not in parts[-1] and (len(parts) == 2 or " and " in parts[-2]):
        tail.insert(0, parts.pop())  # "By Jane Doe, CNN": the last comma part is the credit
    names_part = re.split(r"\s+(?:in|at|for)\s+", ", ".join(parts), maxsplit=1)[0]
    names = _names(names_part, allow_single=has_by)
    if names is None:
        return None
    outlet = next((t for t in tail if _is_outlet_name(t)), None)
    return _Byline(names, outlet)


def _names(text: str, *, allow_single: bool) -> str | None:
    tokens = text.replace("&", " and ").split()
    if not tokens or len(tokens) > 14:
        return None
    people = [t for t in tokens if t.lower() not in _NAME_PARTICLES and t not in ("and", ",")]
    if not people or not all(re.fullmatch(_NAME + ",?", t) for t in people):
        return None
    if len(people) < 2 and not allow_single:
        return None
    if any(t.lower().strip(",") in _JOB_WORDS for t in people):
        return None
    # AP prints names in capitals ("By JANE DOE"); the register spells them "Jane Doe".
    return " ".join(t.title() if t.isupper() and len(t) > 2 else t for t in tokens)


def _is_outlet_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or any(c.isdigit() for c in text) or _ends_sentence(text):
        return False
    if any(w.lower() in _JOB_WORDS for w in words) or _BOILERPLATE.match(text):
        return False
    return all(w[:1].isupper() or w.lower() in ("of", "the", "and", "&") for w in words)


def _lead_outlet(body: str) -> str | None:
    """ "HELSINKI (Reuters) -" or "MOSCOW, July 17. /TASS/." at the start of the first
    paragraph names the outlet."""
    match = _LEAD_CREDIT.match(body[:200]) or _SLASH_CREDIT.match(body[:200])
    return match["outlet"].strip() if match and _is_outlet_name(match["outlet"]) else None


def _copyright_outlet(footer: list[str]) -> str | None:
    for line in footer:
        match = _COPYRIGHT.match(line)
        if not match:
            continue
        rest = re.split(r"\s*All rights reserved", match["rest"], flags=re.IGNORECASE)[0]
        rest = _CORPORATE.sub("", rest.strip(" ,")).strip(" .,")
        if _is_outlet_name(rest):
            return rest
    return None
