"""Speech without quote marks: transcript turns and embedded posts.

A transcript (three or more paragraphs opening with a label in capitals, ``HARJU: …``)
gives each turn whose label is the surname of a person of the body as one quote of that
person, the label left out (strategy ``transcript_turn``); ``QUESTION:`` turns name
nobody and are not quotes. An embedded post (a paragraph followed by its ``— Name
(@handle) Date`` line) is one quote of the person in its signature, cue "tweeted"
(strategy ``embedded_post``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extraction.results import DateMention, Entity, Quote
from extraction.text import Text

# The signature line a page prints under an embedded tweet:
# "— Aino Rautio (@ainorautio) July 17, 2018".
_POST_SIGNATURE = re.compile(r"[—–-]+[ \t]*(?P<name>[^()\n]{2,60}?)[ \t]*\(@\w{1,15}\)[^\n]*")
_POST_CUE = "tweeted"
# "HARJU: Good afternoon." / "PRESIDENT PUTIN: Yes." / "QUESTION: Will he…": a speaker
# label in capitals opening a paragraph.
_TURN_LABEL = re.compile(r"(?P<label>[A-Z][A-Z’'.-]+(?:[ \t]+[A-Z][A-Z’'.-]+){0,3})[ \t]*:[ \t]+")
# A transcript has at least this many labelled turns; one capitalised word and a colon
# alone ("WASHINGTON: ...") is a dateline, not a transcript.
_TRANSCRIPT_MIN_TURNS = 3


def embedded_posts(
    text: Text, entities: Sequence[Entity], dates: Sequence[DateMention]
) -> tuple[Quote, ...]:
    """Embedded tweets: a paragraph followed by its ``— Name (@handle) Date`` line.

    The paragraph, unmarked, is what the account posted: one quote, cue "tweeted", its
    speaker the person named in the signature (None when no person is), its date the
    signature's date.
    """
    body, paragraphs = text.body, text.paragraphs
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
                cue=_POST_CUE,
                date=date.date if date else None,
                precision=date.precision if date else None,
                strategy="embedded_post",
            )
        )
    return tuple(posts)


def transcript_turns(text: Text, entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """The answers of a transcript: every turn whose label names a person of the body.

    ``HARJU: We provide the room.`` is Mikael Harju's speech, the label left out. A label
    that names nobody of the body ("QUESTION:", "Q:", "REPORTER:") is an unnamed asker,
    whose words are not attributed to anyone, so they are no quote.
    """
    body = text.body
    labelled = [(m, lo, hi) for lo, hi in text.paragraphs if (m := _TURN_LABEL.match(body, lo, hi))]
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
        turns.append(
            Quote(
                body[match.end() : hi], match.end(), hi, speaker, None, strategy="transcript_turn"
            )
        )
    return tuple(turns)
