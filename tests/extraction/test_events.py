"""Events from sentences written for the project, with hand-built entities, dates and quotes.

The inputs of ``find_events`` are built here by hand (not by the other steps), so these
tests say what the event rules do whatever the mention, date and quote finders return.
"""

from __future__ import annotations

import re

import pytest

from extraction.events import EVENT_KINDS, find_events
from extraction.results import DateMention, Entity, Event, Quote

# Who a name in a test sentence stands for, and its kind.
_NAMES = {
    "Donald Trump": ("Donald Trump", "person"),
    "Trump": ("Donald Trump", "person"),
    "Vladimir Putin": ("Vladimir Putin", "person"),
    "Putin": ("Vladimir Putin", "person"),
    "John Bolton": ("John Bolton", "person"),
    "Bolton": ("John Bolton", "person"),
    "Mike Pence": ("Mike Pence", "person"),
    "Pence": ("Mike Pence", "person"),
    "Yuri Ushakov": ("Yuri Ushakov", "person"),
    "Ushakov": ("Yuri Ushakov", "person"),
    "Marta Lindqvist": ("Marta Lindqvist", "person"),
    "Lindqvist": ("Marta Lindqvist", "person"),
    "the Kremlin": ("Kremlin", "organisation"),
    "The Kremlin": ("Kremlin", "organisation"),
    "the White House": ("White House", "organisation"),
    "Bloomberg News": ("Bloomberg News", "organisation"),
    "NATO": ("NATO", "organisation"),
    "Helsinki": ("Helsinki", "place"),
    "Finland": ("Finland", "place"),
    "Moscow": ("Moscow", "place"),
    "Brussels": ("Brussels", "place"),
    "Washington": ("Washington", "place"),
    "Crimea": ("Crimea", "place"),
    "Ukraine": ("Ukraine", "place"),
    "Russia": ("Russia", "place"),
}
_NAME_PATTERN = re.compile(
    "|".join(rf"\b{re.escape(name)}\b" for name in sorted(_NAMES, key=len, reverse=True))
)

# Dates as an article of Thursday 28 June 2018 would resolve them.
_DATES = {
    "on Monday": ("2018-06-25", "day"),
    "Monday": ("2018-06-25", "day"),
    "on Wednesday": ("2018-06-27", "day"),
    "Wednesday": ("2018-06-27", "day"),
    "on Thursday": ("2018-06-28", "day"),
    "on July 16": ("2018-07-16", "day"),
    "July 16": ("2018-07-16", "day"),
    "July 11": ("2018-07-11", "day"),
    "12": ("2018-07-12", "day"),
    "on July 13": ("2018-07-13", "day"),
    "March": ("2018-03", "month"),
    "earlier this month": ("2018-06", "month"),
    "Earlier this month": ("2018-06", "month"),
    "2014": ("2014", "year"),
    "June 28, 2018": ("2018-06-28", "day"),
}
_DATE_PATTERN = re.compile(
    "|".join(rf"\b{re.escape(d)}\b" for d in sorted(_DATES, key=len, reverse=True))
)
_QUOTE_PATTERN = re.compile(r"“([^”]*)”")


def _entities(body: str) -> tuple[Entity, ...]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for match in _NAME_PATTERN.finditer(body):
        spans.setdefault(_NAMES[match.group(0)][0], []).append(match.span())
    kinds = dict(_NAMES.values())
    return tuple(
        Entity(name, kinds[name], None, True, tuple(found)) for name, found in spans.items()
    )


def _dates(body: str) -> tuple[DateMention, ...]:
    found = []
    for match in _DATE_PATTERN.finditer(body):
        date, precision = _DATES[match.group(0)]
        if match.group(0) == "12" and "July 11" not in body:
            continue
        found.append(DateMention(match.group(0), *match.span(), date, precision, "test"))
    return tuple(found)


def _quotes(body: str, speaker: str | None = None, cue: str | None = None) -> tuple[Quote, ...]:
    return tuple(
        Quote(m.group(1), m.start(1), m.end(1), speaker, cue) for m in _QUOTE_PATTERN.finditer(body)
    )


def _events(body: str, *, speaker: str | None = None, cue: str | None = None) -> list[Event]:
    return list(
        find_events(
            body,
            entities=_entities(body),
            dates=_dates(body),
            quotes=_quotes(body, speaker, cue),
        )
    )


def _only(body: str, **quote) -> Event:
    events = _events(body, **quote)
    assert len(events) == 1, [(e.kind, e.date, e.title) for e in events]
    return events[0]


@pytest.mark.parametrize(
    "sentence, kind, date, precision",
    [
        (
            "Donald Trump and Vladimir Putin will hold a summit in Helsinki on July 16.",
            "summit",
            "2018-07-16",
            "day",
        ),
        (
            "Putin will meet Trump in Helsinki on July 16 for a summit.",
            "summit",
            "2018-07-16",
            "day",
        ),
        ("Bolton met Putin in Moscow on Wednesday.", "meeting", "2018-06-27", "day"),
        ("The talks in Moscow on Wednesday were unusually warm.", "talks", "2018-06-27", "day"),
        ("Trump spoke by phone with Putin in March.", "call", "2018-03", "month"),
        ("Trump invited Putin to Washington in a March phone call.", "call", "2018-03", "month"),
        ("Bolton visited Moscow on Wednesday.", "visit", "2018-06-27", "day"),
        (
            "The Kremlin and the White House announced the summit on Thursday.",
            "announcement",
            "2018-06-28",
            "day",
        ),
        ("Pence said on Wednesday that the agenda was long.", "statement", "2018-06-27", "day"),
        (
            "Pence said in an interview with Bloomberg News on Wednesday that the agenda was long.",
            "interview",
            "2018-06-27",
            "day",
        ),
        (
            "Trump tweeted on Thursday that the inquiry was a distraction.",
            "tweet",
            "2018-06-28",
            "day",
        ),
        (
            "Trump and Putin will face reporters at a joint press conference on July 16.",
            "press_conference",
            "2018-07-16",
            "day",
        ),
        ("The allies imposed sanctions on Russia in March.", "sanctions", "2018-03", "month"),
        (
            "A grand jury indicted twelve intelligence officers on July 13.",
            "indictment",
            "2018-07-13",
            "day",
        ),
        (
            "Western governments never recognised Russia's 2014 annexation of Crimea.",
            "annexation",
            "2014",
            "year",
        ),
        ("Putin won the election in March by a wide margin.", "election", "2018-03", "month"),
    ],
)
def test_it_finds_a_dated_happening_of_each_kind(sentence, kind, date, precision):
    event = _only(sentence)
    assert (event.kind, event.date, event.precision) == (kind, date, precision)
    assert event.kind in EVENT_KINDS


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "Donald Trump and Vladimir Putin will meet in Helsinki, Finland, on July 16 for "
            "their first summit.",
            "Trump–Putin summit in Helsinki",
        ),
        ("Bolton met Putin in Moscow on Wednesday.", "Bolton meets Putin in Moscow"),
        (
            "The Kremlin and the White House announced the summit on Thursday.",
            "Kremlin and White House announce the summit",
        ),
        (
            "Western governments never recognised Russia's 2014 annexation of Crimea.",
            "Russia annexes Crimea",
        ),
        (
            "Pence said in an interview with Bloomberg News on Wednesday that the agenda was long.",
            "Pence interview with Bloomberg News",
        ),
        ("Trump tweeted on Thursday that the inquiry was a distraction.", "Trump tweet"),
        ("Bolton visited Moscow on Wednesday.", "Bolton visits Moscow"),
    ],
)
def test_it_builds_a_short_title_from_the_parts(sentence, title):
    event = _only(sentence)
    assert event.title == title
    assert event.title not in sentence or len(event.title) < 40


@pytest.mark.parametrize(
    "sentence, participants, place",
    [
        (
            "Donald Trump and Vladimir Putin will meet in Helsinki, Finland, on July 16.",
            ("Donald Trump", "Vladimir Putin"),
            "Helsinki",
        ),
        (
            "Putin hosted Bolton for talks in Moscow on Wednesday.",
            ("Vladimir Putin", "John Bolton"),
            "Moscow",
        ),
        # A participle borrows the subject of the sentence; "to the White House" is a venue.
        (
            "Trump has pushed for better ties — inviting Putin to the White House in a March "
            "phone call.",
            ("Donald Trump", "Vladimir Putin"),
            None,
        ),
        # "he" stands for the person named before it.
        (
            "Trump startled allies earlier this month when he said Russia should rejoin the group.",
            ("Donald Trump",),
            None,
        ),
        # The place of another trigger in the clause is not this event's place.
        (
            "Pence said on Wednesday that Trump will raise the matter at the summit in Helsinki.",
            ("Mike Pence",),
            None,
        ),
    ],
)
def test_it_takes_participants_and_place_from_the_clause(sentence, participants, place):
    event = _only(sentence)
    assert event.participants == participants
    assert event.place == place


def test_it_dates_the_statement_of_a_quote_cue_over_the_meeting_it_happened_at():
    body = "“We are ready to start,” Putin told Bolton at the opening of their meeting Wednesday."
    event = _only(body, speaker="Vladimir Putin", cue="told")
    assert event.kind == "statement"
    assert event.participants == ("Vladimir Putin", "John Bolton")
    assert event.date == "2018-06-27"


def test_a_reported_meeting_stays_a_meeting_when_someone_else_reports_it():
    event = _only("Putin met Bolton on Wednesday, Ushakov said.")
    assert event.kind == "meeting"
    assert set(event.participants) >= {"Vladimir Putin", "John Bolton"}


@pytest.mark.parametrize(
    "body",
    [
        "Two officials said on Monday that the agenda was still open.",  # nobody named
        "The weather in Helsinki was mild on Monday.",  # no trigger
        "The news came a day after Bolton visited Moscow.",  # no date
        # A date inside a quote is the speaker's, not the reporter's account.
        "“We will meet again on Monday,” Lindqvist said, without giving details.",
    ],
)
def test_it_refuses_to_make_an_event_without_a_trigger_a_date_and_a_doer(body):
    assert _events(body, speaker="Marta Lindqvist", cue="said") == []


def test_a_date_in_one_clause_does_not_date_a_trigger_in_another():
    event = _only("Trump tweeted on Monday, after the two leaders met in Brussels.")
    assert event.kind == "tweet"


def test_two_dates_joined_by_and_make_one_range():
    event = _only("NATO leaders will hold a summit in Brussels on July 11 and 12.")
    assert (event.date, event.end_date, event.evidence.expression) == (
        "2018-07-11",
        "2018-07-12",
        "July 11 and 12",
    )


def test_a_date_that_carries_its_own_range_gives_the_end_date():
    body = "NATO leaders gather for a summit in Brussels on July 11-12."
    start = body.index("July 11-12")
    date = DateMention(
        "July 11-12", start, start + 10, "2018-07-11", "day", "explicit", "2018-07-12"
    )
    (event,) = find_events(body, entities=_entities(body), dates=(date,), quotes=())
    assert (event.date, event.end_date, event.place) == ("2018-07-11", "2018-07-12", "Brussels")


def test_the_same_happening_mentioned_twice_is_one_event_with_the_first_evidence():
    body = (
        "Trump and Putin will hold a summit in Helsinki on July 16. "
        "Aides said the July 16 summit would last one day."
    )
    event = _only(body)
    assert event.kind == "summit"
    assert event.evidence.text.startswith("Trump and Putin will hold")


def test_a_statement_and_an_interview_of_one_speaker_on_one_day_are_one_event():
    body = (
        "Pence said on Wednesday that the agenda was long. "
        "Pence said in an interview with Bloomberg News on Wednesday that talks mattered."
    )
    event = _only(body)
    assert event.kind == "interview"


def test_statements_of_different_speakers_on_one_day_stay_apart():
    body = "Pence said on Wednesday that the agenda was long. Ushakov said on Wednesday it was not."
    assert [e.participants for e in _events(body)] == [("Mike Pence",), ("Yuri Ushakov",)]


def test_the_dateline_is_not_an_event():
    body = "June 28, 2018\n\nThe Kremlin announced the summit on Thursday."
    event = _only(body)
    assert event.evidence.expression == "on Thursday"


def test_evidence_is_the_sentence_with_exact_offsets():
    body = "Aides were busy. Bolton met Putin in Moscow on Wednesday. Nobody else spoke."
    event = _only(body)
    assert body[event.evidence.start : event.evidence.end] == event.evidence.text
    assert event.evidence.text == "Bolton met Putin in Moscow on Wednesday."
    assert event.evidence.expression == "on Wednesday"


@pytest.mark.parametrize(
    "sentence",
    [
        # The date of a campaign, not of the charges a hundred characters before it.
        "A grand jury charged twelve intelligence officers with hacking the computers of a "
        "political party during the 2014 campaign.",
        # A date behind a comma belongs to what surrounds it, not to a later meeting.
        "Putin, who began a new term as president in March, has long wanted a meeting.",
        # "meet that target" is not a meeting.
        "Only a handful of allies meet that target in 2014.",
    ],
)
def test_a_date_does_not_reach_a_trigger_it_does_not_belong_to(sentence):
    assert _events(sentence) == []


def test_a_fronted_date_reaches_across_its_comma_and_an_aside():
    event = _only("Earlier this month, in Brussels, Trump met Putin.")
    assert (event.kind, event.date, event.participants) == (
        "meeting",
        "2018-06",
        ("Donald Trump", "Vladimir Putin"),
    )


def test_what_a_speaker_talks_about_is_not_the_happening():
    event = _only("Lindqvist urged Trump on Monday to cancel the summit.")
    assert (event.kind, event.participants) == ("statement", ("Marta Lindqvist",))


def test_the_subject_before_an_apposition_is_the_speaker():
    body = "Marta Lindqvist, a retired Finnish diplomat, said on Monday that talks would follow."
    assert _only(body).participants == ("Marta Lindqvist",)


def test_they_stands_for_the_people_named_before_in_the_sentence():
    body = "Trump congratulated Putin, and they spoke by phone in March."
    event = _only(body)
    assert (event.kind, event.participants) == ("call", ("Donald Trump", "Vladimir Putin"))


def test_an_organisation_named_before_a_meeting_owns_it():
    event = _only(
        "Earlier this month, at a NATO meeting in Brussels, Trump argued for more spending."
    )
    assert event.title == "NATO meeting in Brussels"


def test_a_place_in_what_was_said_is_not_where_it_was_said():
    event = _only("Pence said on Wednesday that the leaders would meet in Helsinki.")
    assert (event.kind, event.place) == ("statement", None)


def test_the_people_near_an_election_are_not_its_participants():
    event = _only("Putin denied interfering in the 2014 election, Trump said.")
    assert (event.kind, event.participants, event.title) == ("election", (), "2014 election")


def test_a_short_lead_with_a_date_is_not_taken_for_the_dateline():
    body = "NATO leaders hold a summit on July 16\n\nThe allies will talk about spending."
    assert _only(body).kind == "summit"


# --- titles name who, what and where, never a bare kind ---------------------------------------


@pytest.mark.parametrize(
    "sentence, title",
    [
        # The object of an indictment, after the noun or the verb, or before a passive.
        (
            "Reporters asked about the indictment on Thursday of 12 Russian intelligence officers.",
            "Indictment of 12 Russian intelligence officers",
        ),
        (
            "A grand jury indicted 12 intelligence officers on Thursday.",
            "Indictment of 12 intelligence officers",
        ),
        (
            "Twelve officers of the agency were indicted on Thursday.",
            "Indictment of Twelve officers of the agency",
        ),
        # Who holds the happening, and the organisation that owns it.
        ("Trump and Putin held a summit in Helsinki in March.", "Trump–Putin summit in Helsinki"),
        ("Trump opened the NATO summit on Wednesday with an attack on Germany.", "NATO summit"),
        # A venue that is not a known place still says where.
        ("Talks at Chequers on Wednesday went on for hours.", "Talks at Chequers"),
        # "a visit to Putin": Putin is visited; the visitor is the name the clause hangs on.
        (
            "Lindqvist, who visited Putin in Moscow in March, said little.",
            "Lindqvist visits Putin in Moscow",
        ),
        # A passive agent announces; the object is the phrase before the participle.
        (
            "The indictment of 12 officers, announced on Thursday by Lindqvist, stunned Moscow.",
            "Lindqvist announces indictment of 12 officers",
        ),
        # An election named by its year keeps that name.
        (
            "Putin denied any role in the 2014 presidential election on Thursday.",
            "2014 presidential election",
        ),
    ],
)
def test_a_title_says_who_and_what_not_just_the_kind(sentence, title):
    titles = [e.title for e in _events(sentence)]
    assert title in titles, titles
    for found in titles:
        assert len(found.split()) <= 8
        assert found.lower() not in EVENT_KINDS and found.lower() not in ("summit", "talks")


def test_a_happening_with_nobody_nowhere_and_nothing_to_name_it_by_is_dropped():
    assert _events("Aides prepared for a summit on Monday.") == []


# --- participants are the doers and the done-to, not every name in the sentence ----------------


@pytest.mark.parametrize(
    "sentence, participants",
    [
        # Named only as a topic: "questions about ..." is not taking part.
        ("Trump faced questions about the indictment on Thursday of 12 officers.", ()),
        # "X's press conference with Y": owner and partner.
        (
            "Within hours of Trump's press conference with Putin in Helsinki on Monday, "
            "the White House was busy.",
            ("Donald Trump", "Vladimir Putin"),
        ),
        # "his meeting with Y": "his" is the last person of the sentence before.
        (
            "The talks ended with Trump flying to Washington. He then travels to Finland for his "
            "meeting with Putin in Helsinki on July 16.",
            ("Donald Trump", "Vladimir Putin"),
        ),
        # A name in a later phrase of the clause is not the subject of the verb.
        (
            "News broke that a grand jury had indicted 12 officers on Thursday, adding to the "
            "pressure on Trump.",
            (),
        ),
        # "X, who is visiting Y, met Z": the who-clause's name is the subject of the main verb.
        (
            "Trump, who is visiting Finland, met Lindqvist on Thursday in Helsinki.",
            ("Donald Trump", "Marta Lindqvist"),
        ),
    ],
)
def test_participants_stand_in_a_slot_of_the_trigger(sentence, participants):
    events = [e for e in _events(sentence) if e.kind not in ("statement",)]
    assert len(events) == 1, [(e.kind, e.title) for e in events]
    assert events[0].participants == participants


def test_a_meeting_in_a_reported_summit_sentence_stays_a_meeting_when_the_summit_is_its_purpose():
    event = _only("Bolton met Putin in Moscow on Wednesday to prepare the summit.")
    assert (event.kind, event.title) == ("meeting", "Bolton meets Putin in Moscow")


# --- a date dates the happening of its own phrase ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # The date belongs to "gave no sign", not to the summit it was prepared for.
        "Neither side gave any sign on Wednesday of agreements being prepared for the summit.",
        # The date belongs to "address", not to the press conference named as a source.
        "Lindqvist did not on Wednesday address the remarks from the press conference.",
        # A date in what was said is not the date of the saying.
        "Lindqvist said the details would be made public on Thursday.",
        # "the summit declaration" is a document, not a happening.
        "Diplomats drafted the summit declaration on Wednesday.",
    ],
)
def test_a_date_belongs_to_the_phrase_it_stands_in(sentence):
    assert _events(sentence) == []


def test_a_speech_verb_is_dated_across_its_addressee():
    event = _only("Putin told a gathering of ambassadors on Thursday that relations would improve.")
    assert (event.kind, event.participants, event.date) == (
        "statement",
        ("Vladimir Putin",),
        "2018-06-28",
    )


def test_a_quote_cue_in_another_sentence_does_not_lend_its_speaker():
    body = "“We are ready,” Lindqvist said. Trump said on Thursday that talks would go ahead."
    events = _events(body, speaker="Marta Lindqvist", cue="said")
    assert [(e.kind, e.participants, e.evidence.expression) for e in events] == [
        ("statement", ("Donald Trump",), "on Thursday")
    ]
    assert events[0].evidence.text.startswith("Trump said")


def test_the_lede_dates_its_happening_even_when_the_noun_comes_late():
    body = (
        "Trump stood beside Putin on Monday and praised him at length, "
        "at the end of a summit in Helsinki.\n\nThe weather was mild."
    )
    event = _only(body)
    assert (event.kind, event.date, event.participants, event.place) == (
        "summit",
        "2018-06-25",
        ("Donald Trump", "Vladimir Putin"),
        "Helsinki",
    )


# --- one happening, one event ---------------------------------------------------------------------


def test_a_meeting_and_a_summit_of_the_same_day_and_people_are_one_event():
    body = (
        "Trump's meeting with Putin on Monday was long. "
        "Trump and Putin held a summit in Helsinki on Monday."
    )
    event = _only(body)
    assert event.kind == "summit"
    assert event.evidence.text.startswith("Trump's meeting")


def test_the_meeting_told_before_names_an_untitled_the_meeting():
    body = (
        "NATO leaders held a summit in Brussels on July 11. "
        "The summit opened on Wednesday with a breakfast."
    )
    titles = {(e.title, e.date) for e in _events(body)}
    assert ("NATO summit in Brussels", "2018-06-27") in titles


def test_the_fast_trigger_scan_finds_what_the_full_lexicon_finds():
    from extraction.events.triggers import scan as _scan
    from extraction.events.words import TRIGGER_WORD as _TRIGGER_WORD
    from extraction.text import Text

    body = (
        "A joint press conference, a news briefing, a telephone call, a phone conversation; "
        "they spoke by phone, met, meets, meeting, hosted, talks, discussions, negotiations, "
        "a visit, a trip, visited, travelled to, arrived in, flew to, announcements, announced, "
        "statements, remarks, a speech, said, says, told, tells, added, stated, declared, "
        "insisted, warned, urged, called on, called Putin, phoned, interviews, interviewed, "
        "tweets, tweeted, invitations, invited, sanctions, sanctioned, imposed sanctions, "
        "indictments, charges, indicted, charged, annexation, annexed, elections, re-election, "
        "they sat down, will sit down."
    )
    full = [(m.start(), m.end()) for m in _TRIGGER_WORD.finditer(body)]
    assert [(t.start, t.end) for t in _scan(Text.of(body))] == full
    assert len(full) >= 50


@pytest.mark.parametrize(
    "sentence, kind, participants",
    [
        # Who issues a statement speaks, past an apposition.
        (
            "Marta Lindqvist, a Finnish diplomat, issued a statement on Monday about the talks.",
            "statement",
            ("Marta Lindqvist",),
        ),
        # An adverb between the subject and the verb: "last spoke".
        (
            "Putin and Trump last spoke by phone in March.",
            "call",
            ("Vladimir Putin", "Donald Trump"),
        ),
    ],
)
def test_a_subject_is_found_across_an_apposition_or_an_adverb(sentence, kind, participants):
    event = _only(sentence)
    assert (event.kind, event.participants) == (kind, participants)


# --- Rules of the last rounds: new triggers, plain titles, fronted dates ----------------


@pytest.mark.parametrize(
    ("sentence", "kind", "title"),
    [
        ("Trump had a breakfast with Bolton on Wednesday.", "meeting", "Trump meets Bolton"),
        ("Putin left Moscow on Wednesday.", "visit", "Putin visits Moscow"),
        ("Putin telephoned Trump on Wednesday.", "call", "Putin–Trump phone call"),
        ("Bolton criticized Putin on Wednesday.", "statement", "Bolton statement"),
        ("Putin condemned the strike on Wednesday.", "statement", "Putin statement"),
        # unnamed happenings keep a title from their own words
        ("The allies adopted a declaration on Wednesday.", "other", "The allies adopted"),
        ("A forum opened in Helsinki on Wednesday.", "other", "Forum in Helsinki"),
    ],
)
def test_the_new_triggers_make_dated_events_titled_by_their_own_words(sentence, kind, title):
    event = _only(sentence)
    assert (event.kind, event.date, event.title) == (kind, "2018-06-27", title)


@pytest.mark.parametrize(
    "sentence",
    [
        "Aides prepared for a summit on Wednesday.",  # a topic of another verb, not a report
        "Said on Wednesday.",  # a bare speech verb with nobody to say it
        "Trump phoned on Wednesday.",  # a call with nobody called
    ],
)
def test_an_unnamed_topic_or_a_bare_verb_is_no_event(sentence):
    assert _events(sentence) == []


def test_a_vote_and_a_forum_on_the_same_day_are_two_happenings():
    events = _events("The allies voted on Wednesday and a forum opened in Helsinki on Wednesday.")
    assert [e.title for e in events] == ["The allies voted", "Forum in Helsinki"]


@pytest.mark.parametrize(
    "sentence",
    [
        "On Wednesday, at the Kremlin's request, Putin telephoned Trump.",
        "Two days later, on Wednesday, Putin telephoned Trump.",
    ],
)
def test_a_fronted_date_reaches_its_verb_past_a_second_opening_phrase(sentence):
    event = _only(sentence)
    assert (event.kind, event.date) == ("call", "2018-06-27")


def test_a_fronted_date_does_not_reach_into_a_reported_clause():
    # The second phrase must be an opening phrase between commas; "that" opens a clause.
    events = _events("On Wednesday, the aides said that Putin telephoned Trump.")
    assert [e for e in events if e.kind == "call"] == []


# --- Speakers without a register name, speech forms, and kinds named by their context -----


@pytest.mark.parametrize(
    ("sentence", "kind", "title"),
    [
        # A body the register has no name for speaks through its noun.
        (
            "Russia's defence ministry said on Wednesday that it was ready to talk.",
            "statement",
            "Russia's defence ministry statement",
        ),
        # A publication in capitals after "The" reports.
        (
            "The Post reported on Wednesday that Trump had shared secrets.",
            "statement",
            "Post statement",
        ),
        # "on Twitter" is the form a speech verb was said in.
        ("Trump said on Twitter on Wednesday that the talks went well.", "tweet", "Trump tweet"),
        # A "who" clause speaks for the name it hangs on.
        (
            "The talks pleased Trump, who wrote on Twitter on Wednesday that they went well.",
            "tweet",
            "Trump tweet",
        ),
        # A naming verb that cues a quote is speech, not a phone call.
        (
            "Bolton called the talks “very productive” on Wednesday.",
            "statement",
            "Bolton statement",
        ),
        # An announcement of charges is the indictment.
        (
            "Marta Lindqvist announced on Wednesday that 12 officers had been charged.",
            "indictment",
            "Lindqvist indicts 12 officers",
        ),
        # A summit named as the setting of an encounter is a meeting of those who met.
        (
            "Putin and Trump met on the sidelines of the NATO summit in March.",
            "meeting",
            "NATO meeting",  # titled by the summit's owner: a known gap
        ),
        # Verbs that act on sanctions, and the sanctions' own passive.
        (
            "Washington extended its sanctions on Russia in March.",
            "sanctions",
            "Sanctions on Russia",
        ),
        ("Trump will fly on to Helsinki on Wednesday.", "visit", "Trump visits Helsinki"),
    ],
)
def test_it_reads_unnamed_speakers_speech_forms_and_kinds_from_context(sentence, kind, title):
    quote = {"speaker": "John Bolton", "cue": "called"} if "“" in sentence else {}
    event = _only(sentence, **quote)
    assert (event.kind, event.title) == (kind, title)


def test_the_sanctions_own_passive_dates_them():
    body = (
        "Washington extended its sanctions on Russia in March. "
        "The sanctions were first imposed in 2014."
    )
    events = _events(body)
    assert [(e.kind, e.date, e.title) for e in events] == [
        ("sanctions", "2018-03", "Sanctions on Russia"),
        ("sanctions", "2014", "Sanctions on Russia"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        # People without a name are no speaking body; nor is a title before "said".
        ("Officials said on Wednesday that the talks went well.", []),
        ("The President said on Wednesday that the talks went well.", []),
        # A message on Twitter with nobody who posted it is no tweet.
        ("A message on Twitter on Wednesday praised the talks.", []),
        # "called" without a quote or a person after it is neither a call nor speech.
        ("Bolton called the talks a success on Wednesday.", []),
        # An announcement of a meeting stays an announcement.
        (
            "Putin announced on Wednesday that the summit would be held in Helsinki.",
            ["announcement"],
        ),
        # A summit that is not the setting of an encounter stays a summit.
        ("The allies quarrelled during the NATO summit in March.", ["summit"]),
        # "added ... that sanctions ..." is speech about sanctions, not sanctions.
        ("Putin added on Wednesday that sanctions would not work.", ["statement"]),
        # "fly" without a destination is no trip.
        ("Trump will fly the flag on Wednesday.", []),
    ],
)
def test_the_context_rules_do_not_fire_where_the_words_say_otherwise(sentence, kinds):
    assert [e.kind for e in _events(sentence)] == kinds
