"""Step 5, dates: one row per pattern, each sentence written for the project.

Most rows are read as if published on Thursday 28 June 2018, the day of the seed article.
"""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import itertools
import json
from pathlib import Path

import pytest

import extraction.dates
from extraction.dates import DATE_STRATEGIES, find_dates, refusals, scanner
from extraction.text import Text

DATE_MODULES = {
    f"extraction.dates.{module.stem}"
    for module in Path(extraction.dates.__file__).parent.glob("*.py")
    if module.stem != "__init__"
} | {"extraction.dates"}
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "seeds" / "000_cca8f738e82c71f8.txt"
SEED_EXPECTED = SHARED / "seed_expected.json"

THU = dt.date(2018, 6, 28)  # Thursday
MON = dt.date(2018, 6, 25)  # Monday
JAN = dt.date(2018, 1, 10)  # Wednesday, early in a year
NEW_YEAR = dt.date(2019, 1, 2)  # Wednesday, in a week that starts in December
SUN = dt.date(2018, 7, 8)  # Sunday
WED = dt.date(2018, 6, 27)  # Wednesday
FRI = dt.date(2018, 6, 29)  # Friday
SAT = dt.date(2018, 6, 30)  # Saturday
TUE = dt.date(2018, 7, 3)  # Tuesday


def _found(sentence: str, published: dt.date | None, expression: str):
    mentions = [m for m in find_dates(sentence, published=published) if m.expression == expression]
    assert mentions, (
        f"{expression!r} not found in {sentence!r}: {find_dates(sentence, published=published)}"
    )
    return mentions[0]


# sentence, published, expression, date, precision, strategy
# fmt: off
RESOLVED = [
    # explicit
    ("The two leaders will meet in the Finnish capital on July 16.",
     THU, "July 16", "2018-07-16", "day", "explicit"),
    ("The foreign ministers met on December 3 to prepare the agenda.",
     THU, "December 3", "2017-12-03", "day", "explicit"),
    ("The delegation arrived on 16 July 2018 after a night flight.",
     THU, "16 July 2018", "2018-07-16", "day", "explicit"),
    ("The talks are set for Monday, July 16, at the palace.",
     THU, "Monday, July 16", "2018-07-16", "day", "explicit"),
    ("The memo carried the date 2018-07-16 in its header.",
     THU, "2018-07-16", "2018-07-16", "day", "explicit"),
    ("The summit of July 16, 2018 ended without a joint statement.",
     THU, "July 16, 2018", "2018-07-16", "day", "explicit"),
    ("The curfew was lifted on Jan. 6 after a week.",
     THU, "Jan. 6", "2018-01-06", "day", "explicit"),
    ("Exports fell sharply in June 2018, the ministry said.",
     THU, "June 2018", "2018-06", "month", "explicit"),
    ("The envoy will return to Helsinki in mid-July.",
     THU, "mid-July", "2018-07", "month", "explicit"),
    ("The planned summit on July 16 has drawn criticism at home.",
     THU, "July 16", "2018-07-16", "day", "explicit"),
    ("The July 16 summit was announced by both capitals.",
     THU, "July 16", "2018-07-16", "day", "explicit"),
    ("The vote in the assembly is set for July 3.",
     JAN, "July 3", "2018-07-03", "day", "explicit"),
    ("The negotiators met on December 28 in Geneva.",
     JAN, "December 28", "2017-12-28", "day", "explicit"),
    # weekday (THU is a Thursday)
    ("Marta Lindqvist met the ambassador on Wednesday.",
     THU, "Wednesday", "2018-06-27", "day", "weekday"),
    ("Lindqvist told reporters Wednesday that the talks went well.",
     THU, "Wednesday", "2018-06-27", "day", "weekday"),
    ("The ministry announced the visit in a statement issued on Thursday.",
     THU, "Thursday", "2018-06-28", "day", "weekday"),
    ("The two sides will meet again on Monday.",
     THU, "Monday", "2018-07-02", "day", "weekday"),
    ("Officials will hold another round of talks next Tuesday.",
     THU, "next Tuesday", "2018-07-03", "day", "weekday"),
    ("The envoy left Moscow last Friday.",
     THU, "last Friday", "2018-06-22", "day", "weekday"),
    ("On Tuesday, the envoy flew to Vienna.",
     THU, "Tuesday", "2018-06-26", "day", "weekday"),
    ("The envoy is due to arrive in Oslo on Sunday.",
     THU, "Sunday", "2018-07-01", "day", "weekday"),
    ("The summit will be held on Monday in the old palace.",
     THU, "Monday", "2018-07-02", "day", "weekday"),
    ("Aides said the leaders would speak by phone on Saturday.",
     THU, "Saturday", "2018-06-30", "day", "weekday"),
    ("The ministers had spoken by phone on Tuesday.",
     THU, "Tuesday", "2018-06-26", "day", "weekday"),
    ("The Kremlin-backed group rallied on Sunday.",
     THU, "Sunday", "2018-06-24", "day", "weekday"),
    ("Talks in the capital on Wednesday drew large crowds.",
     THU, "Wednesday", "2018-06-27", "day", "weekday"),
    # no tense at all: the nearest such day that is not after publication
    ("The minister toured the border region. Border posts on Friday were quiet.",
     THU, "Friday", "2018-06-22", "day", "weekday"),
    # a timetable in the present tense is ahead
    ("The minister visits the border on Friday.",
     THU, "Friday", "2018-06-29", "day", "weekday"),
    ("The delegation leaves Stockholm on Tuesday for a week of talks.",
     SUN, "Tuesday", "2018-07-10", "day", "weekday"),
    ("The envoy flew home on Sunday evening after the talks.",
     MON, "Sunday evening", "2018-06-24", "day", "weekday"),
    ("The envoy resigned last Monday.",
     MON, "last Monday", "2018-06-18", "day", "weekday"),
    # relative_day
    ("The foreign minister spoke by phone with his counterpart today.",
     THU, "today", "2018-06-28", "day", "relative_day"),
    ("The minister flew to Oslo yesterday.",
     THU, "yesterday", "2018-06-27", "day", "relative_day"),
    ("The minister flew to Oslo yesterday afternoon.",
     THU, "yesterday afternoon", "2018-06-27", "day", "relative_day"),
    ("The day before yesterday the minister resigned.",
     THU, "The day before yesterday", "2018-06-26", "day", "relative_day"),
    ("The vote in parliament is scheduled for tomorrow.",
     THU, "tomorrow", "2018-06-29", "day", "relative_day"),
    ("Lindqvist will speak at a state dinner tonight.",
     THU, "tonight", "2018-06-28", "day", "relative_day"),
    ("Protesters gathered outside the embassy last night.",
     THU, "last night", "2018-06-27", "day", "relative_day"),
    ("The ambassador returned to Stockholm this morning.",
     THU, "this morning", "2018-06-28", "day", "relative_day"),
    ("Today the two delegations shook hands.",
     THU, "Today", "2018-06-28", "day", "relative_day"),
    ("The envoy arrived in the capital two days ago.",
     THU, "two days ago", "2018-06-26", "day", "relative_day"),
    # relative_week: a week is never a day
    ("The envoy visited Kyiv last week.",
     THU, "last week", "2018-06", "month", "relative_week"),
    ("The committee will vote next week.",
     THU, "next week", "2018-07", "month", "relative_week"),
    ("The envoy spoke to the press earlier this week.",
     THU, "earlier this week", "2018-06", "month", "relative_week"),
    ("Talks continue this week in Vienna.",
     THU, "this week", "2018-06", "month", "relative_week"),
    ("The minister will present the plan later this week.",
     THU, "later this week", "2018-06", "month", "relative_week"),
    # weeks run Sunday to Saturday: in a Sunday paper "last week" has just ended
    ("The ministry said last week that the talks would go ahead.",
     SUN, "last week", "2018-07", "month", "relative_week"),
    ("The envoy will travel to Vienna this week.",
     SUN, "this week", "2018-07", "month", "relative_week"),
    ("Talks resume next week in Geneva.",
     THU, "next week", "2018-07", "month", "relative_week"),
    ("The two delegations will meet this weekend.",
     THU, "this weekend", "2018", "year", "relative_week"),
    ("Lindqvist hiked in the mountains last weekend.",
     THU, "last weekend", "2018-06", "month", "relative_week"),
    ("Negotiations stalled three weeks ago.",
     THU, "three weeks ago", "2018-06", "month", "relative_week"),
    # relative_month
    ("The envoy startled other diplomats earlier this month.",
     THU, "earlier this month", "2018-06", "month", "relative_month"),
    ("The board meets again later this month.",
     THU, "later this month", "2018-06", "month", "relative_month"),
    ("Exports slumped last month.",
     THU, "last month", "2018-05", "month", "relative_month"),
    ("Exports slumped last month.",
     JAN, "last month", "2017-12", "month", "relative_month"),
    ("The minister will travel to Tokyo next month.",
     THU, "next month", "2018-07", "month", "relative_month"),
    ("Sanctions were imposed six months ago.",
     THU, "six months ago", "2017-12", "month", "relative_month"),
    # month
    ("Parliament approved the budget in March.",
     THU, "March", "2018-03", "month", "month"),
    ("The invitation came in a March phone call between the two presidents.",
     THU, "March", "2018-03", "month", "month"),
    ("The ministry will publish its report in early March.",
     THU, "early March", "2019-03", "month", "month"),
    ("Relations have been frozen since January.",
     THU, "January", "2018-01", "month", "month"),
    ("The treaty will be signed in September.",
     THU, "September", "2018-09", "month", "month"),
    ("The treaty was signed in September.",
     THU, "September", "2017-09", "month", "month"),
    ("Parliament adjourned in May.",
     THU, "May", "2018-05", "month", "month"),
    ("The strike lasted until the end of May.",
     THU, "May", "2018-05", "month", "month"),
    ("The ministers last met in November.",
     THU, "November", "2017-11", "month", "month"),
    ("The ministers met last March.",
     THU, "last March", "2018-03", "month", "month"),
    # year
    ("The peninsula was annexed in 2014.",
     THU, "2014", "2014", "year", "year"),
    ("The annexation of 2014 still divides the two governments.",
     THU, "2014", "2014", "year", "year"),
    ("The 2016 election changed the relationship.",
     THU, "2016", "2016", "year", "year"),
    ("In 2014 protests erupted across the capital.",
     THU, "2014", "2014", "year", "year"),
    ("Growth was strong last year.",
     THU, "last year", "2017", "year", "year"),
    ("The summit will take place next year.",
     THU, "next year", "2019", "year", "year"),
    ("Turnout was higher this year.",
     THU, "this year", "2018", "year", "year"),
    ("The treaty lapsed two years ago.",
     THU, "two years ago", "2016", "year", "year"),
    ("Elections are expected in early 2019.",
     THU, "early 2019", "2019", "year", "year"),
]
# fmt: on


@pytest.mark.parametrize(
    "sentence, published, expression, date, precision, strategy",
    [pytest.param(*row, id=f"{row[5]}: {row[2]}") for row in RESOLVED],
)
def test_it_resolves_each_pattern_against_the_publication_date(
    sentence, published, expression, date, precision, strategy
):
    mention = _found(sentence, published, expression)
    assert (mention.date, mention.precision, mention.strategy) == (date, precision, strategy)


def test_every_strategy_has_a_row_and_the_order_is_stated():
    assert set(DATE_STRATEGIES) == {row[5] for row in RESOLVED}
    assert DATE_STRATEGIES[0] == "explicit"  # a full date beats its parts


def test_the_scanner_tries_its_alternatives_in_the_stated_order():
    # The alternatives of the one regex, in the order it tries them, by strategy.
    names = sorted(scanner.SCANNER.groupindex.items(), key=lambda item: item[1])
    strategies = [scanner.HANDLERS[name][0] for name, _ in names if name in scanner.HANDLERS]
    assert list(dict.fromkeys(strategies)) == list(DATE_STRATEGIES)


# sentence, published, expression, date, end_date, precision
# fmt: off
RANGES = [
    ("Negotiators will meet on July 11-12 in Brussels.",
     THU, "July 11-12", "2018-07-11", "2018-07-12", "day"),
    ("The alliance will hold its meeting on 11–12 July.",
     THU, "11–12 July", "2018-07-11", "2018-07-12", "day"),
    ("The exhibition runs December 30-January 2.",
     THU, "December 30-January 2", "2017-12-30", "2018-01-02", "day"),
    ("Revenue rose in the 2017-18 fiscal year.",
     THU, "2017-18", "2017", "2018", "year"),
    # Sunday 30 December to Tuesday 1 January: two years, and still never a made-up day
    ("The envoy spoke to the press earlier this week.",
     NEW_YEAR, "earlier this week", "2018", "2019", "year"),
    ("Talks continue this week in Vienna.",
     NEW_YEAR, "this week", "2018", "2019", "year"),
    ("The envoy arrived in Kyiv two weeks ago.",
     NEW_YEAR, "two weeks ago", "2018-12", None, "month"),
]
# fmt: on


@pytest.mark.parametrize("sentence, published, expression, date, end_date, precision", RANGES)
def test_it_gives_a_range_its_first_and_last_day(
    sentence, published, expression, date, end_date, precision
):
    mention = _found(sentence, published, expression)
    assert (mention.date, mention.end_date, mention.precision) == (date, end_date, precision)


# sentence, published, expression, date
# fmt: off
LAST_AND_NEXT = [
    # "last X" is the latest X at least two days back: the day just gone is "on Friday"
    ("The envoy was recalled last Friday.", SAT, "last Friday", "2018-06-22"),
    ("The envoy was recalled last Monday.", WED, "last Monday", "2018-06-25"),
    ("The envoy was recalled last Tuesday.", WED, "last Tuesday", "2018-06-19"),
    ("The envoy was recalled last Wednesday.", WED, "last Wednesday", "2018-06-20"),
    # "next X" is the first X at least two days ahead
    ("The committee votes next Monday.", SAT, "next Monday", "2018-07-02"),
    ("The committee votes next Monday.", SUN, "next Monday", "2018-07-16"),
    ("The committee will vote next Friday.", THU, "next Friday", "2018-07-06"),
    # "this past" and "this coming" only leave out the day of publication
    ("The envoy resigned this past Friday.", SAT, "this past Friday", "2018-06-29"),
    ("The envoy arrives this coming Monday.", SUN, "this coming Monday", "2018-07-09"),
]
# fmt: on


@pytest.mark.parametrize("sentence, published, expression, date", LAST_AND_NEXT)
def test_last_and_next_reach_past_the_days_beside_publication(
    sentence, published, expression, date
):
    assert _found(sentence, published, expression).date == date


# sentence, published, expression, date
# fmt: off
PLANS = [
    # a present tense of travel and time spent is an itinerary
    ("Lindqvist spends the weekend in Bergen before flying to Oslo on Monday.",
     THU, "Monday", "2018-07-02"),
    ("The envoy lands in Riga, then addresses the assembly on Tuesday.",
     THU, "Tuesday", "2018-07-03"),
    # "before" a journey looks ahead when no verb of the sentence says otherwise...
    ("The envoy is in Bergen before flying to Oslo on Monday.",
     THU, "Monday", "2018-07-02"),
    # ...but a past verb still dates the trip
    ("The envoy toured Bergen before flying to Oslo on Monday.",
     THU, "Monday", "2018-06-25"),
    ("Before flying to Oslo on Monday, the envoy met the mayor.",
     THU, "Monday", "2018-06-25"),
    ("The envoy then spoke to the assembly on Tuesday.",
     THU, "Tuesday", "2018-06-26"),
]
# fmt: on


@pytest.mark.parametrize("sentence, published, expression, date", PLANS)
def test_an_itinerary_in_the_present_looks_ahead_and_a_past_verb_still_wins(
    sentence, published, expression, date
):
    assert _found(sentence, published, expression).date == date


# sentence, published, expression, date
# fmt: off
EVENTS_TALKED_OF = [
    # the verb dates the talk; the visit takes the nearer Monday (3 days ahead, not 4 back)
    ("Lindqvist said the ministers had discussed trade and the premier's visit to Oslo on Monday.",
     FRI, "Monday", "2018-07-02"),
    # the same sentence two days after a Monday: the visit has happened
    ("Lindqvist said the ministers had discussed trade and the premier's visit to Oslo on Monday.",
     WED, "Monday", "2018-06-25"),
    ("The aides talked about his first meeting with the king on Tuesday.",
     SAT, "Tuesday", "2018-07-03"),
    ("The aides talked about his first meeting with the king on Tuesday.",
     FRI, "Tuesday", "2018-06-26"),
    ("The ministers will discuss the premier's visit to Oslo on Monday.",
     TUE, "Monday", "2018-07-09"),
    # nothing ties the weekday to the noun: it dates the verb
    ("The ministers discussed the summit on Monday.",
     FRI, "Monday", "2018-06-25"),
    ("Lindqvist praised the talks on Monday.",
     SAT, "Monday", "2018-06-25"),
    # the event noun as subject takes the verb after it
    ("The meeting on Monday was cordial, Lindqvist said.",
     FRI, "Monday", "2018-06-25"),
    ("The premier's visit to Oslo on Monday was cut short.",
     FRI, "Monday", "2018-06-25"),
    # "ahead of" an event: the first such day at most two days back
    ("Envoys met in Geneva ahead of the summit on Monday.",
     THU, "Monday", "2018-07-02"),
    ("Envoys met in Geneva ahead of the summit on Monday.",
     TUE, "Monday", "2018-07-02"),
    ("Aides were preparing for the premier's visit to Oslo on Friday.",
     WED, "Friday", "2018-06-29"),
    ("Envoys met in Geneva ahead of Monday's summit.",
     THU, "Monday", "2018-07-02"),
    ("Aides spent the day preparing for Friday's vote.",
     WED, "Friday", "2018-06-29"),
    # a happening named by its day ("Monday's summit"): the nearer such day, whatever the
    # tense of the verb that talks about it; the day gone on a tie or when it is nearer
    ("Lawmakers urged the premier to cancel Monday's summit.",
     FRI, "Monday", "2018-07-02"),
    ("Europe was bracing on Sunday for Monday's summit.",
     SUN, "Monday", "2018-07-09"),
    ("Monday's meeting was cordial, Lindqvist said.",
     WED, "Monday", "2018-06-25"),
]
# fmt: on


@pytest.mark.parametrize("sentence, published, expression, date", EVENTS_TALKED_OF)
def test_a_talked_of_event_takes_its_own_day_not_the_tense_of_the_talk(
    sentence, published, expression, date
):
    assert _found(sentence, published, expression).date == date


# sentence, published, what must not come out as a date
# fmt: off
REFUSED = [
    ("Theresa May told the Commons that Britain would stand firm.", THU, "May"),
    ("May said the talks had been useful.", THU, "May"),
    ("Officials may meet again before the summit.", THU, "may"),
    ("Trump and May met at the palace.", THU, "May"),
    ("April Ryan asked the first question.", THU, "April"),
    ("Thousands joined the Women's March in Washington.", THU, "March"),
    ("2014 troops were sent to the border.", THU, "2014"),
    ("About 2014 troops were sent to the border.", THU, "2014"),
    ("The army sent 1999 soldiers to the region.", THU, "1999"),
    ("The fee was $2014 a month.", THU, "2014"),
    ("The crowd numbered 2,014 people.", THU, "014"),
    ("The meeting lasted 2014 seconds.", THU, "2014"),
    ("Flight 2017 landed safely in Oslo.", THU, "2017"),
    ("The ceremony started at 20:14 local time.", THU, "20:14"),
    ("The statement went out at 12:30 PM UTC.", THU, "12:30"),
    ("The Group of Seven met in Quebec.", THU, "Seven"),
    ("The vice president flew aboard Air Force Two.", THU, "Two"),
    ("The G-7 leaders disagreed on trade.", THU, "7"),
    ("USA Today reported the story first.", THU, "Today"),
    ("Shoppers crowded the stores on Black Friday.", THU, "Friday"),
    ("The Sunday Times reported the talks.", THU, "Sunday"),
    ("Crowds march in Oslo on a Saturday and shop on a Sunday.", THU, "Saturday"),
    ("The border market opens every Sunday.", THU, "Sunday"),
    ("Rates rose in the 1990s.", THU, "1990"),
    # nothing needs guessing from today when the publication date is unknown
    ("Marta Lindqvist met the ambassador on Wednesday.", None, "Wednesday"),
    ("The two leaders will meet on July 16.", None, "July 16"),
    ("Talks resumed last week.", None, "last week"),
    ("Parliament approved the budget in March.", None, "March"),
    ("The minister flew to Oslo yesterday.", None, "yesterday"),
    ("The envoy startled other diplomats earlier this month.", None, "earlier this month"),
    ("The envoy will return to Helsinki in mid-July.", None, "mid-July"),
]
# fmt: on


@pytest.mark.parametrize("sentence, published, text", REFUSED)
def test_it_refuses_what_is_not_a_date_or_cannot_be_pinned_down(sentence, published, text):
    start = sentence.index(text)
    end = start + len(text)
    overlapping = [
        m for m in find_dates(sentence, published=published) if m.start < end and start < m.end
    ]
    assert overlapping == []


@pytest.mark.parametrize(
    "sentence, expression, date, precision",
    [
        ("The two leaders met on July 16, 2018 in Helsinki.", "July 16, 2018", "2018-07-16", "day"),
        ("The peninsula was annexed in 2014.", "2014", "2014", "year"),
        ("The inquiry began in March 2017.", "March 2017", "2017-03", "month"),
        ("The file is dated 2018-07-16.", "2018-07-16", "2018-07-16", "day"),
    ],
)
def test_it_keeps_what_the_text_pins_down_without_a_publication_date(
    sentence, expression, date, precision
):
    mention = _found(sentence, None, expression)
    assert (mention.date, mention.precision) == (date, precision)


def test_the_longest_expression_wins():
    body = "The leaders met on Monday, July 16, 2018, and again on 3 August 2018."
    expressions = [m.expression for m in find_dates(body, published=THU)]
    assert expressions == ["Monday, July 16, 2018", "3 August 2018"]


def test_a_number_after_a_date_that_counts_people_is_not_its_year():
    mention = _found("On July 16, 2000 protesters marched to the square.", THU, "July 16")
    assert mention.date == "2017-07-16"  # past tense, so the July 16 before publication


def test_a_weekday_written_with_a_date_picks_the_year_it_fits():
    # 15 July 2018 is a Sunday; 15 July 2019 is a Monday.
    assert _found("The Monday, July 15 meeting is on.", THU, "Monday, July 15").date == "2019-07-15"


def test_a_datetime_counts_by_its_date():
    published = dt.datetime(2018, 6, 28, 12, 30, tzinfo=dt.UTC)
    assert (
        _found("The envoy met the minister on Wednesday.", published, "Wednesday").date
        == "2018-06-27"
    )


def test_each_clause_takes_its_own_tense():
    body = "The envoy met the minister on Wednesday and will see the president on Monday."
    dates = [(m.expression, m.date) for m in find_dates(body, published=THU)]
    assert dates == [("Wednesday", "2018-06-27"), ("Monday", "2018-07-02")]


@pytest.mark.parametrize("sentence", sorted({row[0] for row in RESOLVED + RANGES + REFUSED}))
def test_offsets_index_the_body_and_never_overlap(sentence):
    mentions = find_dates(sentence, published=THU)
    for mention in mentions:
        assert sentence[mention.start : mention.end] == mention.expression
    for first, second in itertools.pairwise(mentions):
        assert first.end <= second.start


def test_the_anchor_scan_finds_what_a_full_scan_finds():
    # _candidates runs the scanner only near anchor words; it must change nothing.
    texts = [row[0] for row in RESOLVED + RANGES + REFUSED + PLANS + EVENTS_TALKED_OF]
    # a name inside one token of the text model: "Monday-Tuesday", "mid-July", "U.S.-Russia"
    texts += [
        "The Monday-Tuesday talks and the mid-July summit; the U.S.-Russia deal of 2017-18.",
        "Talks ran Monday-Tuesday-Wednesday, then July-August 2018.",
    ]
    texts += [" ".join(texts), SEED.read_text(encoding="utf-8")]
    for text in texts:
        fast = [m.span() for m in scanner.candidates(Text.of(text))]
        full = [m.span() for m in scanner.SCANNER.finditer(text)]
        assert fast == full, text


def test_it_finds_every_date_of_the_seed_article():
    body = SEED.read_text(encoding="utf-8")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(expected["published"])
    found = {(m.expression, m.date, m.precision) for m in find_dates(body, published=published)}
    for date in expected["dates"]:
        assert (date["expression"], date["date"], date["precision"]) in found


def test_the_seed_has_no_date_read_two_ways():
    body = SEED.read_text(encoding="utf-8")
    by_expression: dict[str, set[str]] = {}
    for mention in find_dates(body, published=dt.date(2018, 6, 28)):
        by_expression.setdefault(mention.expression, set()).add(mention.date)
    # Every "Wednesday" of the article is the day before publication, every "Thursday" the day.
    assert by_expression["Wednesday"] == {"2018-06-27"}
    assert by_expression["Thursday"] == {"2018-06-28"}


@pytest.mark.parametrize("module", sorted(DATE_MODULES))
def test_the_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize(
    "sentence, published, expression, reason",
    [
        ("May said the talks had been useful.", THU, "May", "verb or a name"),
        ("Shoppers crowded the stores on Black Friday.", THU, "Friday", "inside a name"),
        ("USA Today reported the story first.", THU, "Today", "inside a name"),
        ("The market opens on a Sunday.", THU, "Sunday", "any such weekday"),
        ("The meeting lasted 2014 seconds.", THU, "2014", "not a year"),
        ("Lindqvist met the ambassador on Wednesday.", None, "Wednesday", "publication date"),
        ("The two leaders will meet on July 16.", None, "July 16", "publication date"),
        ("Talks resumed last week.", None, "last week", "publication date"),
        ("The deadline is February 30.", THU, "February 30", "no such day"),
    ],
)
def test_it_says_why_it_refused(sentence, published, expression, reason):
    reasons = dict(refusals(sentence, published=published))
    assert reason in reasons[expression]


# --- Rules of the last rounds and the gaps they left ------------------------------------

MARCH = dt.date(2018, 3, 14)  # Wednesday, eight months before a November


# sentence, published, expression, date (None: refused)
# fmt: off
LATER_RULES = [
    # "in <Month> this/last year": the year is given
    ("In March this year the envoys met twice.", THU, "March this year", "2018-03"),
    ("In July last year the envoys met twice.", THU, "July last year", "2017-07"),
    # a plural timetable verb looks ahead; a negation leaves it to the auxiliary
    ("Talks begin at the palace on Monday.", THU, "Monday", "2018-07-02"),
    ("They did not meet on Monday.", THU, "Monday", "2018-06-25"),
    # set for a weekday: ahead whatever the tense of the setting
    ("A vote was called for Friday.", THU, "Friday", "2018-06-29"),
    # a present verb before "in <Month>" speaks of the coming month
    ("Senator Edda Rusk faces a vote in November.", MARCH, "November", "2018-11"),
    ("The treaty expires in November.", MARCH, "November", "2018-11"),
    ("The runoff is in November.", MARCH, "November", "2018-11"),
    # ... not a past verb, not a plural noun, not a possessive noun
    ("The talks stalled in November.", MARCH, "November", "2017-11"),
    ("Edda Rusk's visits in November.", MARCH, "November", "2017-11"),
    # a season of this year: the year, at year precision; winter spans two years
    ("The envoys will meet again this fall.", THU, "this fall", "2018"),
    ("Parliament reconvenes later this autumn.", THU, "later this autumn", "2018"),
    ("The pact was signed this spring.", THU, "this spring", "2018"),
    ("Gas prices rise this winter.", THU, "this winter", None),
    # "Today" heading a general sentence is nowadays; a verb of a happening makes it a day
    ("Today, the alliance is larger than ever.", THU, "Today", None),
    ("Today, few diplomats believe in a reset.", THU, "Today", None),
    ("Today, Trump flies to Helsinki.", THU, "Today", "2018-06-28"),
    ("Today the envoys met for three hours.", THU, "Today", "2018-06-28"),
    ("Today's talks ran late.", THU, "Today", "2018-06-28"),
    ("The envoys meet today in Turku.", THU, "today", "2018-06-28"),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "published", "expression", "date"), LATER_RULES)
def test_it_resolves_years_seasons_timetables_and_today_by_their_clause(
    sentence, published, expression, date
):
    found = {m.expression: m.date for m in find_dates(sentence, published=published)}
    if date is None:
        assert expression not in found, found
    else:
        assert found.get(expression) == date, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody expected this fall in oil prices.",  # a drop, not a season
        "Historians still argue about this fall of the old regime.",
    ],
)
def test_a_fall_that_is_a_drop_is_no_season(sentence):
    assert find_dates(sentence, published=THU) == ()


def test_a_season_is_a_year_not_a_guessed_month():
    (mention,) = find_dates("The envoys will meet again this spring.", published=JAN)
    assert (mention.date, mention.precision) == ("2018", "year")


# --- Issue 10: the tense of the happening, not of the verb that reports it ---------------

JUL10 = dt.date(2018, 7, 10)  # Tuesday, six days before a July 16
JUL20 = dt.date(2018, 7, 20)  # Friday, four days after it
AUG2 = dt.date(2018, 8, 2)

# sentence, published, expression, date
# fmt: off
HAPPENING_TENSE = [
    # a day prepared for or looked ahead to: ahead, or a day or two back at most
    ("The ministry said on Monday that preparations for the vote in Tallinn on July 16 "
     "were nearly finished.", JUL10, "July 16", "2018-07-16"),
    ("Envoys gathered in Oslo ahead of the signing on July 16.", JUL10, "July 16", "2018-07-16"),
    ("Envoys gathered in Oslo ahead of the signing on July 16.", dt.date(2018, 7, 17),
     "July 16", "2018-07-16"),
    ("Envoys gathered in Oslo ahead of the signing in September.", JUL10, "September", "2018-09"),
    # a happening the report names in a noun phrase: its own day, not the report's year
    ("A spokeswoman said Tuesday the July 16 signing in Oslo would go ahead.",
     JUL10, "July 16", "2018-07-16"),
    ("A spokeswoman said Tuesday the July 16 signing in Oslo was on schedule.",
     JUL10, "July 16", "2018-07-16"),
    ("The ministry announced the signing on July 16.", JUL10, "July 16", "2018-07-16"),
    # a participle of expectation after the noun looks ahead
    ("Lindqvist is in Riga ahead of a vote expected in mid-July.", JUL10, "mid-July", "2018-07"),
    ("Lindqvist is in Riga ahead of a vote expected in mid-July.", AUG2, "mid-July", "2019-07"),
    ("Talks due in September were called off.", JUL10, "September", "2018-09"),
    # a plan as it stood then: the day may lie on either side of publication, so the nearer
    ("The two envoys were expected to meet on July 16.", JUL10, "July 16", "2018-07-16"),
    ("The two envoys were expected to meet on July 16.", JUL20, "July 16", "2018-07-16"),
    ("The signing was due to take place on July 16.", JUL20, "July 16", "2018-07-16"),
    ("The signing was due to take place on July 16.", JUL10, "July 16", "2018-07-16"),
    # an intent governs the infinitive that holds the date, words away
    ("The envoys agreed on June 30 to hold the signing on July 16.",
     JUL10, "July 16", "2018-07-16"),
    # ...but not a journey "to" a place, nor a verb that is the happening itself
    ("Lindqvist, who prepared the talks during a visit to Riga on June 27, stayed home.",
     JUL20, "June 27", "2018-06-27"),
    ("They spoke briefly at a regional summit in Hanoi in November.",
     dt.date(2018, 7, 14), "November", "2017-11"),
    # the happening's own past tense still dates it a year back
    ("The treaty was signed on July 20.", JUL10, "July 20", "2017-07-20"),
    ("The envoys met on July 16 in Oslo.", JUL10, "July 16", "2017-07-16"),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "published", "expression", "date"), HAPPENING_TENSE)
def test_a_date_takes_the_tense_of_its_happening_not_of_the_report(
    sentence, published, expression, date
):
    assert _found(sentence, published, expression).date == date


# sentence, published, expression, date (None: refused)
# fmt: off
NAMES_AND_CLAUSES = [
    # a newsletter's greeting names the day; "Good Friday" is a holiday's name
    ("Good Tuesday morning. The envoys are back in Oslo.", TUE, "Tuesday morning", "2018-07-03"),
    ("Shops close on Good Friday.", TUE, "Friday", None),
    ("Markets fell on Black Monday.", TUE, "Monday", None),
    # a present verb in the date's own clause outweighs a past verb beyond its comma
    ("Rusk, who faces a close race in November, said the vote mattered.",
     MARCH, "November", "2018-11"),
    ("The treaty, which expires in November, was signed by both sides.",
     MARCH, "November", "2018-11"),
    ("Rusk, who lost a close race in November, said the vote mattered.",
     MARCH, "November", "2017-11"),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "published", "expression", "date"), NAMES_AND_CLAUSES)
def test_holiday_names_greetings_and_the_dates_own_clause(sentence, published, expression, date):
    found = {m.expression: m.date for m in find_dates(sentence, published=published)}
    if date is None:
        assert expression not in found, found
    else:
        assert found.get(expression) == date, found
