"""The "weekday" strategy: "on Wednesday", "next Tuesday", "Monday's summit".

News names a weekday for the days around publication; which one the tense says, and
for a happening that is talked of ("discussed the president's meeting with Putin on
Monday", "ahead of the summit on Monday") the happening, not the verb of talk before
it (see ``happening.event_governor``).
"""

from __future__ import annotations

import datetime as dt
import re

from extraction.dates import vocabulary as v
from extraction.dates.happening import event_governor
from extraction.dates.reading import is_possessive, word_after, word_before
from extraction.dates.resolve import Outcome, Refusal, found, weekday_number
from extraction.dates.tense import Context


def weekday(m: re.Match[str], ctx: Context) -> Outcome:
    text = ctx.text
    previous = word_before(text, m.start()).lower()
    if m["wd_mod"] is None:  # the match starts with the name
        if (
            previous in v.WORDS["weekday_name_before"]
            or f"{previous} {m['wd_name'].lower()}" in v.WORDS["weekday_names"]
            or word_after(text, m.end("wd_name")).lower() in v.WORDS["weekday_name_after"]
        ):
            return Refusal("a weekday inside a name")
        if previous in v.WORDS["any_day"]:
            return Refusal("any such weekday, not one day")
    if ctx.published is None:
        return Refusal("a weekday needs the publication date")
    day = weekday_number(m["wd_name"])
    assert day is not None
    modifier = " ".join((m["wd_mod"] or "").lower().split())
    published = ctx.published
    back = (published.weekday() - day) % 7  # days back to the latest such day, 0 = today
    ahead = (day - published.weekday()) % 7  # days ahead to the next such day, 0 = today
    possessive = is_possessive(ctx.body[m.start() : m.end() + 2])
    if modifier == "last":
        # News says "on Friday" or "yesterday" for the day just gone: "last Friday" in
        # Saturday's paper is the Friday of the week before. So the latest such day at
        # least two days back: from a Wednesday "last Monday" is two days ago.
        offset = -(back if back >= 2 else back + 7)
    elif modifier == "next":
        # The same the other way: "next Monday" in Saturday's paper is two days ahead,
        # in Sunday's (when tomorrow would say "on Monday") the Monday after.
        offset = ahead if ahead >= 2 else ahead + 7
    elif modifier in ("this past", "past"):
        offset = -(back or 7)  # strictly before publication
    elif modifier in ("this coming", "coming"):
        offset = ahead or 7  # strictly after publication
    elif previous == "for" and not possessive:
        # "marches announced for Sunday", "a vote called for Friday": the day something
        # is set for lies ahead, whatever the tense of the setting.
        offset = ahead
    elif ctx.tense(m.start(), m.end()) == "future":
        offset = ahead  # "will meet on Monday": the Monday after
    elif governor := event_governor(text, m.start()):
        # "discussed the president's meeting with Putin on Monday": the verb dates the
        # talk, not the meeting, which is as likely to come as gone; news names a
        # weekday for the days around publication, so take the nearer one. After
        # "ahead of" the event comes after what the clause tells, which news reports
        # within a day or two: the first such day at most two days back.
        if governor == "talk":
            offset = ahead if ahead < back else -back
        else:
            offset = -back if back <= 2 else ahead
    elif possessive:
        # "cancel Monday's summit", "bracing for Monday's summit": a happening named by its
        # day; the verb around it dates the talk about it, not the happening, so the
        # nearer such day (the one gone on a tie).
        offset = ahead if ahead < back else -back
    else:
        # Past tense, or no tense at all: news copy names a weekday for the days just
        # gone, so the nearest such day that is not after publication (the day itself
        # included: "announced on Thursday" in Thursday's paper).
        offset = -back
    return found(m, (published + dt.timedelta(days=offset)).isoformat(), "day")
