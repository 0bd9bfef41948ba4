"""Quoted words that are not speech: headings, scare quotes, names and terms.

A paragraph that is only a short quoted phrase without end punctuation is a section
heading; a quoted phrase of one to three words inside a sentence that no strategy
attributes is a scare quote (``the so-called “reset”``); a quoted name, title or term of
one to four capitalised words inside a sentence with no cue next to it is a name
(``personas such as “NordLeaks”``, ``the plan known as “Northern Light”``).
"""

from __future__ import annotations

from extraction.quotes.index import Index, Last, Said
from extraction.quotes.marks import Raw
from extraction.quotes.vocabulary import ALTERNATIVE_GAP, NAMING_LEAD, TITLE_FILLERS

# A quoted paragraph with at most this many words and no end punctuation is a heading.
_HEADING_MAX_WORDS = 8
# A quoted phrase of at most this many words that nobody is said to have said is a scare quote.
_SCARE_MAX_WORDS = 3
# A quoted name or term ("DCLeaks", ‘Finlandisation’, “The Art of the Deal”) has at most
# this many words; a cue is attached to the quote it leads into when at most this many
# words stand between them.
_TERM_MAX_WORDS = 4
_ATTACHED_MAX_WORDS = 4


def is_heading(index: Index, raw: Raw) -> bool:
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


def is_scare_quote(index: Index, raw: Raw) -> bool:
    """A phrase of one to three words inside a sentence: ``the so-called “reset”``."""
    if raw.continued or len(index.body[raw.open + 1 : raw.close].split()) > _SCARE_MAX_WORDS:
        return False
    return index.letters_around(raw)


def is_name_or_term(index: Index, raw: Raw) -> bool:
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
        if not (word[0].isupper() or word[0].isdigit() or word in TITLE_FILLERS):
            return False
    if words[-1] in TITLE_FILLERS or body[raw.close - 1] in "!?":
        return False
    # A name stands inside a sentence; a short quote opening its sentence is speech.
    return index.letters_before(raw)


def attached(index: Index, said: Said | None, raw: Raw) -> bool:
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
    return near and not NAMING_LEAD.search(gap)


def set_against_last(index: Index, raw: Raw, last: Last) -> bool:
    """A short quote set against the quote just before it in the same sentence.

    ``he meant to say “wouldn’t” instead of “would.”``, ``‘yes’ or ‘no’``: both are the
    same speaker's words, so the second is no scare quote.
    """
    if not last.said.cue or index.sentence_of(last.close) != index.sentence_of(raw.open):
        return False
    return ALTERNATIVE_GAP.fullmatch(index.body, last.close + 1, raw.open) is not None
