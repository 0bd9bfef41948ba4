"""What a line of a pasted page is: a sentence, menu, boilerplate or a footer credit.

Shared by the plain-text reader, the byline reader and the HTML reader.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")
_HAS_WORD = re.compile(r"[^\W_]")
_LINE = re.compile(r"[^\n]+")
# A run-together menu: several words glued lowercase-to-capital ("ResignationDiversity").
_GLUED = re.compile(r"[a-z]{3}[A-Z]")
_MENU_SEPARATORS = re.compile(r"\s[|•·›»>/]\s|\s[|•·›»]|[|•·›»]\s")
_BOILERPLATE = re.compile(
    r"^\W*(?:share(?:\s+(?:this|on|via|the|article|story|page)\b.*)?|tweet|email|print|save"
    r"|subscribe\b.*|sign\s+(?:in|up)\b.*|log\s*in\b.*|register\b.*|newsletters?\b.*"
    r"|advertisement|sponsored(?:\s+content)?|skip\s+to\b.*|menu|search|close|home"
    r"|listen(?:\s+to\s+(?:this\s+)?(?:article|story))?\b.*|\d+\s+min(?:ute)?s?\s+read"
    r"|gift\s+(?:this\s+)?article|follow\s+us\b.*|open\s+in\s+app|accept(?:\s+all)?\s+cookies?"
    r"|(?:photo(?:grapher)?|photograph|image|picture|illustration|video|credit)s?\s*:.*"
    r".*\bgetty\s+images\b.*|.*\(ap\s+photo\b.*|comments?|\d+\s+comments?"
    r"|read\s+more\b.*|more\s+from\b.*|most\s+(?:read|popular)\b.*|trending\b.*"
    r"|related(?:\s+(?:articles?|stories|coverage|content|news))?\s*:?)\W*$",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^\W*(?:read\s+(?:more|next)\b|more\s+(?:from|on)\b|related\s*(?::|(?:articles?|stories|"
    r"coverage)\b)|most\s+(?:read|popular)\b|recommended\b|subscribe\b|sign\s+(?:in|up)\b"
    r"|log\s*in\b|follow\s+(?:us|\S+(?:\s+\S+)?\s+on)\b|share\s+(?:this|on|via)\b"
    r"|©|\(c\)\s|copyright\b|all\s+rights\s+reserved|(?:additional\s+)?reporting\s+by\b"
    r"|editing\s+by\b|writing\s+by\b|compiled\s+by\b|with\s+assistance\s+from\b|to\s+contact\b"
    r"|contact\s+the\s+(?:reporter|author|editor)|write\s+to\b|have\s+a\s+(?:confidential\s+)?tip"
    r"|advertisement\b|this\s+(?:article|story)\s+(?:was|has\s+been|first|originally)\b"
    r"|our\s+standards\b|click\s+here\b|tags?\s*:|topics?\s*:|filed\s+under\b|newsletters?\b"
    r"|don'?t\s+miss\b|watch\s*:|video\s*:)"
    r"|.*\bcontributed\s+(?:to\s+)?(?:this\s+|the\s+)?(?:report|story|article|reporting)\b"
    r"|.*(?:©|\ball\s+rights\s+reserved\b)",
    re.IGNORECASE,
)
# Notes and credits that only close a story, never stand inside one: "Update: This story
# was updated to add…", "Correction: An earlier version…", "Nordic Morning is written by
# Jane Doe and John Roe." Read only at the end (see _is_footer): a live blog's "Update:
# Trump has landed" between its entries is body.
_CLOSING_NOTE = re.compile(
    r"\W*(?i:updates?|updated|corrections?|clarifications?|editor['’]?s\s+note)\s*:"
    r"|[A-Z][\w’'&.\- ]{0,60}?\s+(?:is|are)\s+(?:written|edited|compiled|produced|curated)"
    r"\s+by\s+[A-Z]"
)
_CLOSERS = "\"'”’)]»"
_FOOTER_LINES = 15


def _body_end(text: str, body_from: int) -> tuple[int, list[str]]:
    """Where the body ends once a trailing footer (read more, copyright, credits) is cut."""
    end = _trim_end(text, len(text))
    footer: list[str] = []
    for _ in range(_FOOTER_LINES):
        line_start = text.rfind("\n", body_from, end) + 1
        if line_start <= body_from:
            break
        line = text[line_start:end].strip()
        if not _is_footer(line):
            break
        footer.append(line)
        end = _trim_end(text, line_start)
    return end, footer


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _is_footer(line: str) -> bool:
    if not line:
        return True
    words = len(_WORD.findall(line[:400]))
    if words <= 40 and (_FOOTER.match(line[:400]) or _CLOSING_NOTE.match(line[:400])):
        return True
    # Tags, link labels and signatures: a few words that do not end a sentence.
    return words <= 6 and not _ends_sentence(line)


def _is_menu(line: str, words: list[str]) -> bool:
    if _ends_sentence(line):
        return False
    glued = len(_GLUED.findall(line))
    if glued >= 3 or (glued >= 2 and 2 * glued >= len(words)):
        return True
    return len(_MENU_SEPARATORS.findall(line)) >= 2


def _ends_sentence(line: str) -> bool:
    tail = line.rstrip(_CLOSERS)
    if not tail or tail[-1] not in ".!?…":
        return False
    # "U.S." or "Jr." at the end of a headline is an abbreviation, not a sentence end.
    last = tail[-12:].rsplit(None, 1)[-1].lstrip("\"'“‘(")
    if tail[-1] != "." or len(last) < 2:
        return True
    return not (last.count(".") > 1 or (len(last) <= 4 and last[0].isupper()))


def _is_paragraph(line: str, words: list[str]) -> bool:
    tail = line.rstrip(_CLOSERS)
    if len(words) >= 30:
        return True
    if tail.endswith((".", "…")) and _ends_sentence(line):
        return len(words) >= 6
    return tail.endswith(("?", "!")) and len(words) >= 15


def _is_title(line: str, words: list[str]) -> bool:
    if not 3 <= len(words) <= 30 or len(line) > 200:
        return False
    first = line.lstrip("\"'“‘")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    return not line.endswith((":", ",", ";")) and not _ends_sentence(line)
