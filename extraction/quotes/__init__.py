"""Step 4 of the pipeline: direct quotes, who said them, to whom, and when.

A quote is the text between a pair of quote marks (``marks``). A quote that runs over
several paragraphs (news copy leaves the mark open at the end of a paragraph and opens
the next one with a mark again) gives one ``Quote`` per paragraph, all with one speaker.

Speakers come from the entities found by the mentions step: a name in a cue position
that no entity covers leaves the speaker ``None`` (this step invents no entities).
How a quote is attributed, tried in this order, and recorded in ``Quote.strategy``:

``ATTRIBUTION_STRATEGIES`` (``attribution``) -- the quote's own clause names its speaker:

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
sentences before (``subjects``).

When it was said: a date of the attribution clause standing before the cue or just after
it (``said on Monday``, ``told reporters on Tuesday``, ``said in a statement on Monday``),
not one in what was reported (``said the vote on Friday…``); else the date of the
sentence that introduces the quote, when the speaker is its subject and it reports speech
(``At the news conference on Monday, asked about…, Lindqvist did not hesitate.``).
Otherwise ``None``: the publication day is never assumed.

``INHERITANCE_STRATEGIES`` (``inheritance``) -- a quote with no clause of its own
continues the speech of the last attributed quote when no other person is named in
between. A quote that no strategy attributes has the strategy ``unattributed``;
transcript turns and embedded posts (``transcripts``) have ``transcript_turn`` and
``embedded_post``.

Not speech (``filters``): section headings, scare quotes, quoted names and terms. A
paragraph whose double marks do not pair up, and that cannot be a quote continued into
the next paragraph, is refused: no quotes from it and ``Skipped("unbalanced quote marks")``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extraction.quotes.attribution import ATTRIBUTION_STRATEGIES, attribute, introduction_date
from extraction.quotes.filters import attached, is_heading, is_name_or_term, is_scare_quote
from extraction.quotes.index import Index, Last, Said
from extraction.quotes.inheritance import INHERITANCE_STRATEGIES, SHORT_SPEECH, Context, inherit
from extraction.quotes.marks import UNBALANCED, Raw, quote_spans
from extraction.quotes.transcripts import embedded_posts, transcript_turns
from extraction.quotes.vocabulary import NAMING_CUES
from extraction.results import DateMention, Entity, Quote, Skipped
from extraction.text import Text

__all__ = [
    "ATTRIBUTION_STRATEGIES",
    "INHERITANCE_STRATEGIES",
    "UNATTRIBUTED",
    "UNBALANCED",
    "find_quotes",
]

UNATTRIBUTED = "unattributed"


def find_quotes(
    text: Text | str, *, entities: Sequence[Entity], dates: Sequence[DateMention]
) -> tuple[tuple[Quote, ...], tuple[Skipped, ...]]:
    """Every direct quote of ``text`` with its speaker, cue, addressee and date.

    ``entities`` and ``dates`` are what the mentions and dates steps found in the same
    body. Returns the quotes in text order and the paragraphs refused, with the reason.

    >>> body = "“We will not be rushed,” Marta Lindqvist told Tomas Berg on Monday."
    >>> people = [Entity("Marta Lindqvist", "person", None, False, ((25, 40),)),
    ...           Entity("Tomas Berg", "person", None, False, ((46, 56),))]
    >>> monday = DateMention("Monday", 60, 66, "2018-07-09", "day", "weekday")
    >>> quotes, skipped = find_quotes(body, entities=people, dates=[monday])
    >>> quote = quotes[0]
    >>> quote.text, quote.speaker, quote.cue, quote.addressee, quote.date, quote.strategy
    ('We will not be rushed,', 'Marta Lindqvist', 'told', 'Tomas Berg', '2018-07-09', 'after_quote')
    >>> body[quote.start:quote.end] == quote.text, skipped
    (True, ())
    """
    text = Text.of(text)
    turns = transcript_turns(text, entities) + embedded_posts(text, entities, dates)
    raws, skipped, sentences = quote_spans(text)
    if not raws:
        return turns, tuple(skipped)
    index = Index(text, entities, dates, raws, sentences)
    quotes = _attribute_all(index, raws)
    if turns:
        # Marks inside a turn are part of what its speaker said, not quotes of their own.
        inside = [q for q in quotes if any(t.start <= q.start < t.end for t in turns)]
        quotes = tuple(sorted({*quotes, *turns} - set(inside), key=lambda q: q.start))
    return quotes, tuple(skipped)


def _attribute_all(index: Index, raws: list[Raw]) -> tuple[Quote, ...]:
    by_paragraph: dict[int, list[Raw]] = {}
    for raw in raws:
        by_paragraph.setdefault(raw.paragraph, []).append(raw)
    context = Context(
        only_quotes={
            number: not any(ch.isalnum() for ch in index.paragraph_text_outside(number, group))
            for number, group in by_paragraph.items()
        }
    )
    headings = {raw.paragraph for raw in raws if is_heading(index, raw)}
    # Paragraph numbers not counting the headings before them (one pass, not one per pair).
    passed = 0
    for number in range(len(index.rank)):
        index.rank[number] = number - passed
        passed += number in headings
    said_of = context.said_of
    last: Last | None = None
    for k, raw in enumerate(raws):
        if raw.open + 1 >= raw.close or raw.paragraph in headings:
            continue
        own = attribute(index, raw, last)
        if is_name_or_term(index, raw) and not attached(index, own, raw):
            continue
        said = own or inherit(index, raw, last, context)
        if is_scare_quote(index, raw) and _not_speech(own, said):
            continue
        if own is not None and own.speaker and own.date is None:
            introduced = introduction_date(index, raw, own.speaker)
            if introduced is not None:
                said = replace(own, date=introduced.date, precision=introduced.precision)
        said = said or Said(None, None, strategy=UNATTRIBUTED)
        said_of[k] = said
        last = Last(raw.close, raw.paragraph, said)
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
            strategy=said.strategy,
        )
        for k, said in sorted(said_of.items())
    )


def _not_speech(own: Said | None, said: Said | None) -> bool:
    """Whether a short quoted phrase in a sentence is a scare quote, given who said it.

    Nobody's own clause claims it and it is no word set against the last quote's; or its
    clause only names it (``what critics call the “Helsinki gamble”``): a label.
    """
    if own is None:
        return said is None or said.strategy not in SHORT_SPEECH
    return own.speaker is None and own.cue in NAMING_CUES
