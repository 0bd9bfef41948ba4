"""Rules for the house styles of other outlets: transcripts, live blogs, wire credits."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction import extract
from extraction.dates import find_dates
from extraction.parse import parse_document
from extraction.text import paragraph_spans

TRANSCRIPT = (
    "A briefing was given on Saturday by Mikael Harju, a ministry spokesman.\n\n"
    "HARJU: The talks begin on Monday.\n\n"
    "QUESTION: Will they run late?\n\n"
    "HARJU: There is always a chance.\n"
)


def test_it_attributes_a_transcript_turn_to_the_person_its_label_names():
    quotes = extract(TRANSCRIPT, published=dt.date(2018, 7, 14)).quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The talks begin on Monday.", "Mikael Harju"),
        ("There is always a chance.", "Mikael Harju"),
    ]


def test_it_gives_an_answer_after_his_answer_colon_to_the_man_asked():
    body = (
        "Marta Lindqvist was asked whether the plan would hold. Her answer:\n\n"
        "“Nobody can promise that.”"
    )
    (quote,) = extract(body, published=dt.date(2018, 7, 16)).quotes
    assert quote.speaker == "Marta Lindqvist"


@pytest.mark.parametrize(
    ("sentence", "expression", "date"),
    [
        ("Two marches have been announced for Sunday.", "Sunday", "2018-07-15"),
        ("Talks begin at the palace on Monday.", "Monday", "2018-07-16"),
        ("They did not meet on Monday.", "Monday", "2018-07-09"),
        ("In March this year Britain blamed Russia.", "March this year", "2018-03"),
    ],
)
def test_it_resolves_set_for_and_timetable_weekdays_ahead(sentence, expression, date):
    found = find_dates(sentence, published=dt.date(2018, 7, 14))
    assert [(d.expression, d.date) for d in found] == [(expression, date)]


@pytest.mark.parametrize(
    ("text", "byline", "outlet"),
    [
        (
            "Trump meets Putin\n\nLena Voss, Pavel Orlik\n\nHELSINKI (Reuters) - Trump met "
            "Putin on Monday in the Finnish capital for two hours.",
            "Lena Voss, Pavel Orlik",
            "Reuters",
        ),
        (
            "Trump meets Putin\n\nClare Whitmore Political correspondent\n\nTrump met Putin on "
            "Monday in the Finnish capital for two hours.",
            "Clare Whitmore",
            None,
        ),
        (
            "Kremlin pleased with summit\n\nMOSCOW, July 17. /TASS/. The Kremlin is pleased "
            "with the talks held in Helsinki on Monday, its spokesman said.",
            None,
            "TASS",
        ),
    ],
)
def test_it_reads_bylines_and_outlets_of_wire_and_broadsheet_copy(text, byline, outlet):
    document = parse_document(text)
    assert (document.byline, document.outlet) == (byline, outlet)


def test_it_cuts_a_contributors_line_and_an_author_bio_from_the_end():
    text = (
        "The reset that never ends\n\nBy Adrian Kessel\n\n"
        "Every president of this century has promised a better relationship with Russia.\n\n"
        "Associated Press writer Tom Hargreaves in Helsinki contributed to this report.\n\n"
        "Adrian Kessel is a senior fellow at a research institute."
    )
    body = parse_document(text).body
    assert body.endswith("with Russia.")


def test_it_splits_live_blog_stamps_and_bullets_into_paragraphs():
    body = "Updated 15:12 BST\nTrump spoke.\n• One point.\n• Another.\n\nNext."
    assert [body[s:e] for s, e in paragraph_spans(body)] == [
        "Updated 15:12 BST",
        "Trump spoke.",
        "• One point.",
        "• Another.",
        "Next.",
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # a list intro above bullets belongs to the body, not to the header
        (
            "Where the talks stand\n\nBy Marta Lindqvist\n\n"
            "Here is where the talks between the two envoys stand tonight:\n\n"
            "• The venue, a lakeside villa west of the city, was agreed by both envoys on Monday.\n\n"
            "• The date is still open, and both envoys expect to settle it within a week.",
            "Here is where the talks between the two envoys stand tonight:",
        ),
        # a short title-like line is still header
        (
            "Where the talks stand\n\nBy Marta Lindqvist\n\nTalks:\n\n"
            "The envoys agreed on the venue on Monday but not yet on the date of the talks.",
            "The envoys agreed on the venue on Monday but not yet on the date of the talks.",
        ),
    ],
)
def test_a_long_list_intro_opens_the_body(text, first):
    assert parse_document(text).body.startswith(first)


def test_a_live_blog_keeps_its_update_entries_and_loses_its_closing_correction():
    text = (
        "Envoys meet in Turku: live\n\nLive updates by Marta Lindqvist\n\n"
        "Updated 15:12 BST\nThe envoys have arrived at the villa for their talks.\n\n"
        "Update: The talks have started an hour late.\n\n"
        "The envoys are expected to speak to reporters in the evening.\n\n"
        "Correction: An earlier entry gave the wrong name for the villa."
    )
    document = parse_document(text)
    assert document.byline == "Marta Lindqvist"
    assert "Update: The talks have started an hour late." in document.body
    assert document.body.endswith("in the evening.")


def test_the_whole_pipeline_reads_a_coming_month_a_general_today_and_a_wording_cue():
    body = (
        "Senator Edda Rusk faces a vote in November. Today, the alliance is larger than ever. "
        "Rusk put it more bluntly: “The old order is gone.”"
    )
    extraction = extract(body, published=dt.date(2018, 3, 14))
    assert [(d.expression, d.date) for d in extraction.dates] == [("November", "2018-11")]
    assert [(q.speaker, q.cue) for q in extraction.quotes] == [("Edda Rusk", "put")]
