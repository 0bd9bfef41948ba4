"""Step 5, dates: every date expression in a body, resolved against the publication date.

One precompiled regex (``scanner.SCANNER``) finds the candidates in one left-to-right
pass without overlaps (run only near anchor words, see ``scanner.candidates``); a small
handler per kind of expression resolves each against ``published`` or refuses it, with
a reason. The alternatives of the scanner are tried in the order of ``DATE_STRATEGIES``
at every position, and each date records the strategy that found it.

The package, by what it reads:

- ``scanner``: the patterns per strategy, in order, and the anchor scan.
- ``explicit``, ``weekday``, ``relative``, ``years``: the handlers of the strategies.
- ``tense``: the tense of the clause around an expression ("met on Wednesday" against
  "will meet on Wednesday", "in March" written in June), which is the tense of the
  happening, not of a verb that reports it ("said Tuesday the July 16 summit …", "a
  summit expected in mid-July", "was due to start on July 16").
- ``happening``: a happening named before a date ("preparations for the meeting in
  Helsinki on July 16", "ahead of the summit on Monday"), which dates it.
- ``resolve``: what a handler gives back, and the checks and arithmetic they share.
- ``reading`` and ``vocabulary``: the words around an expression, read through the
  text model, and the word lists of ``data/lexicon/dates.toml`` and ``tense.toml``.

A weekday that ends a noun phrase naming an event ("discussed the president's meeting
with Putin on Monday", "ahead of the summit on Monday") is dated by the event, not by
the verb of talk before it; see ``happening.event_governor``. Nothing reads a clock:
without a publication date, only what the text pins down by itself (a year, a date with
its year) comes out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from extraction.dates.resolve import Found, Outcome, Refusal
from extraction.dates.scanner import DATE_STRATEGIES, HANDLERS, candidates
from extraction.dates.tense import Context
from extraction.results import DateMention
from extraction.text import Text

__all__ = ["DATE_STRATEGIES", "find_dates"]


def find_dates(text: Text | str, *, published: dt.date | None) -> tuple[DateMention, ...]:
    """Every date expression in ``text``, sorted by start, resolved against ``published``.

    ``published`` is the day of publication (a ``datetime`` counts by its date, so pass
    it in the newsroom's time zone). Without it, only dates the text pins down by itself
    (a year, a date with its year) are returned; nothing is guessed from today.

    >>> body = "Putin met Bolton on Wednesday. Trump will meet him on July 16."
    >>> for mention in find_dates(body, published=dt.date(2018, 6, 28)):
    ...     print(mention.expression, mention.date, mention.precision, mention.strategy)
    Wednesday 2018-06-27 day weekday
    July 16 2018-07-16 day explicit

    >>> body = "Trump startled allies earlier this month, four years after the 2014 annexation."
    >>> [(m.expression, m.date, m.precision) for m in find_dates(body, published=None)]
    [('2014', '2014', 'year')]
    >>> june_28 = dt.date(2018, 6, 28)
    >>> [(m.expression, m.date, m.precision) for m in find_dates(body, published=june_28)]
    [('earlier this month', '2018-06', 'month'), ('2014', '2014', 'year')]
    """
    text = Text.of(text)
    body = text.body
    return tuple(
        DateMention(
            body[r.start : r.end], r.start, r.end, r.date, r.precision, strategy, r.end_date
        )
        for _, strategy, r in _resolve(text, published)
        if isinstance(r, Found)
    )


def refusals(text: Text | str, *, published: dt.date | None) -> list[tuple[str, str]]:
    """What the scanner found and a handler declined, with the reason: for tests and
    for anyone asking why a date did not come out.

    >>> for refusal in refusals("Theresa May said 2014 troops would stay.", published=None):
    ...     print(refusal)
    ('May', 'May without a date word around it is a verb or a name')
    ('2014', 'a count, a measure or a label, not a year')
    """
    return [
        (m.group(), r.reason)
        for m, _, r in _resolve(Text.of(text), published)
        if isinstance(r, Refusal)
    ]


def _resolve(text: Text, published: dt.date | None) -> Iterator[tuple[re.Match[str], str, Outcome]]:
    if isinstance(published, dt.datetime):
        published = published.date()
    context = Context(text, published)
    for match in candidates(text):
        strategy, handler = HANDLERS[match.lastgroup or ""]
        yield match, strategy, handler(match, context)
