"""Quotes: every direct quote, its speaker, cue, addressee and date (pipeline step 4).

The sentences are written for these tests; the people in them are fictional (Marta
Lindqvist, a Finnish diplomat; Tomas Berg, a Swedish trade envoy; Jon Halvorsen, a
Norwegian minister). The entities and dates a quote is read against are built by hand
here, so these tests do not depend on the mentions and dates steps.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extraction.quotes import UNBALANCED, find_quotes
from extraction.results import DateMention, Entity, Quote

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_FILE = SHARED / "seeds" / "000_cca8f738e82c71f8.txt"
EXPECTED_FILE = SHARED / "seed_expected.json"

PEOPLE = ("Marta Lindqvist", "Tomas Berg", "Jon Halvorsen")
ORGANISATIONS = ("Nordic Council",)


def _entities(text: str, people=PEOPLE, organisations=ORGANISATIONS) -> list[Entity]:
    """Entities for the names found in ``text``: the full name, then the surname alone."""
    entities = []
    for name, kind in [(p, "person") for p in people] + [
        (o, "organisation") for o in organisations
    ]:
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
        if kind == "person":
            surname = name.split()[-1]
            for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
                if not any(start <= m.start() < end for start, end in spans):
                    spans.append((m.start(), m.end()))
        if spans:
            entities.append(Entity(name, kind, None, False, tuple(sorted(spans))))
    return entities


def _dates(text: str, **resolved: str) -> list[DateMention]:
    """``Monday="2018-07-09"`` -> a DateMention on every "Monday" of ``text``."""
    mentions = []
    for expression, date in resolved.items():
        precision = "day" if len(date) == 10 else "month" if len(date) == 7 else "year"
        for m in re.finditer(re.escape(expression.replace("_", " ")), text):
            mentions.append(DateMention(m.group(), m.start(), m.end(), date, precision, "test"))
    return mentions


def _quotes(text: str, **dates: str) -> tuple[Quote, ...]:
    quotes, skipped = find_quotes(text, entities=_entities(text), dates=_dates(text, **dates))
    assert not skipped, skipped
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return quotes


def _only(text: str, **dates: str) -> Quote:
    quotes = _quotes(text, **dates)
    assert len(quotes) == 1, quotes
    return quotes[0]


# --- Own attribution: one row per pattern ---------------------------------------------


@pytest.mark.parametrize(
    "sentence, text, speaker, cue, addressee",
    [
        # ” X said
        (
            "“The talks will go on until we agree,” Marta Lindqvist said.",
            "The talks will go on until we agree,",
            "Marta Lindqvist",
            "said",
            None,
        ),
        # ,” said X, with an appositive after the name
        (
            "“Nobody wants a long winter,” said Tomas Berg, a Swedish trade envoy.",
            "Nobody wants a long winter,",
            "Tomas Berg",
            "said",
            None,
        ),
        # ,” X told Y: Y is an entity, so the addressee
        (
            "“Your offer came too late,” Marta Lindqvist told Tomas Berg in Turku.",
            "Your offer came too late,",
            "Marta Lindqvist",
            "told",
            "Tomas Berg",
        ),
        # ,” X told reporters: no addressee
        (
            "“We are ready,” Jon Halvorsen told reporters in Bergen.",
            "We are ready,",
            "Jon Halvorsen",
            "told",
            None,
        ),
        # a title in front of the name
        (
            "The plan “needs more work,” Swedish trade envoy Tomas Berg told reporters.",
            "needs more work,",
            "Tomas Berg",
            "told",
            None,
        ),
        # X said: “…”
        (
            "Tomas Berg said: “The border stays open for now.”",
            "The border stays open for now.",
            "Tomas Berg",
            "said",
            None,
        ),
        # X said that “…”
        (
            "Marta Lindqvist said that “the door is still open.”",
            "the door is still open.",
            "Marta Lindqvist",
            "said",
            None,
        ),
        # X, …, added that “…” with an aside between name and verb
        (
            "Tomas Berg, however, added that “nothing has been signed yet.”",
            "nothing has been signed yet.",
            "Tomas Berg",
            "added",
            None,
        ),
        # “…!” X tweeted
        (
            "“The meeting went great, a total success!” Jon Halvorsen tweeted late at night.",
            "The meeting went great, a total success!",
            "Jon Halvorsen",
            "tweeted",
            None,
        ),
        # X tweeted: “…”
        (
            "Jon Halvorsen tweeted: “Big day tomorrow in Oslo. Ready!”",
            "Big day tomorrow in Oslo. Ready!",
            "Jon Halvorsen",
            "tweeted",
            None,
        ),
        # according to X
        (
            "The deal is “close to being done,” according to Marta Lindqvist.",
            "close to being done,",
            "Marta Lindqvist",
            "according to",
            None,
        ),
        (
            "According to Tomas Berg, the draft is “a step in the right direction.”",
            "a step in the right direction.",
            "Tomas Berg",
            "according to",
            None,
        ),
        # X has called … a “…”
        (
            "Tomas Berg has called the inquiry a “political theatre.”",
            "political theatre.",
            "Tomas Berg",
            "called",
            None,
        ),
        # X, appositive, said
        (
            "Marta Lindqvist, head of the Nordic Trade Office in Oslo, said the plan was "
            "“the best we have seen in years.”",
            "the best we have seen in years.",
            "Marta Lindqvist",
            "said",
            None,
        ),
        (
            "“We will wait and see,” Tomas Berg, a Swedish trade envoy, said.",
            "We will wait and see,",
            "Tomas Berg",
            "said",
            None,
        ),
        # a person named inside the appositive is not the speaker
        (
            "Jon Halvorsen, an old friend of Marta Lindqvist, said “the two will talk again.”",
            "the two will talk again.",
            "Jon Halvorsen",
            "said",
            None,
        ),
        # a quote before ", X said in an interview"
        (
            "“Nobody expects miracles from one meeting,” Jon Halvorsen said in an interview.",
            "Nobody expects miracles from one meeting,",
            "Jon Halvorsen",
            "said",
            None,
        ),
        # the sentence goes on after the quote, then ", X said"
        (
            "“We do not expect a breakthrough” at the talks, Marta Lindqvist said.",
            "We do not expect a breakthrough",
            "Marta Lindqvist",
            "said",
            None,
        ),
        # a short partial quote with a cue is speech
        (
            "Jon Halvorsen said it is “far too early” to judge the talks.",
            "far too early",
            "Jon Halvorsen",
            "said",
            None,
        ),
        # auxiliaries and adverbs between subject and verb
        (
            "Marta Lindqvist has repeatedly said “there is no plan B.”",
            "there is no plan B.",
            "Marta Lindqvist",
            "said",
            None,
        ),
        # a relative clause: ", who called …"
        (
            "The delay angered Tomas Berg, who called the plan “a gift to smugglers.”",
            "a gift to smugglers.",
            "Tomas Berg",
            "called",
            None,
        ),
        # an organisation spoken to is an addressee too
        (
            "Marta Lindqvist told the Nordic Council that “the funds are gone” and left.",
            "the funds are gone",
            "Marta Lindqvist",
            "told",
            "Nordic Council",
        ),
        # a verb joined by "and" after the quote is not its attribution
        (
            "Jon Halvorsen said the plan was “far from finished” and asked for more time.",
            "far from finished",
            "Jon Halvorsen",
            "said",
            None,
        ),
        # asked Y
        (
            "“Where is the money?” Jon Halvorsen asked Tomas Berg.",
            "Where is the money?",
            "Jon Halvorsen",
            "asked",
            "Tomas Berg",
        ),
        (
            "“There was never a deal,” Tomas Berg insisted.",
            "There was never a deal,",
            "Tomas Berg",
            "insisted",
            None,
        ),
        (
            "“Winter comes early up here,” Jon Halvorsen warned.",
            "Winter comes early up here,",
            "Jon Halvorsen",
            "warned",
            None,
        ),
        (
            "Marta Lindqvist wrote in a letter that “the terms are not acceptable.”",
            "the terms are not acceptable.",
            "Marta Lindqvist",
            "wrote",
            None,
        ),
        # present tense cues are reported in their past form
        (
            "“The ice is thin,” says Tomas Berg.",
            "The ice is thin,",
            "Tomas Berg",
            "said",
            None,
        ),
        # British style: single marks as the main marks
        (
            "‘We are not in a hurry,’ Marta Lindqvist said.",
            "We are not in a hurry,",
            "Marta Lindqvist",
            "said",
            None,
        ),
        # straight marks
        (
            '"The road is long," Tomas Berg said.',
            "The road is long,",
            "Tomas Berg",
            "said",
            None,
        ),
        # nested single marks belong to the outer quote
        (
            "“They call it ‘a small step’, but it is a big one,” Marta Lindqvist said.",
            "They call it ‘a small step’, but it is a big one,",
            "Marta Lindqvist",
            "said",
            None,
        ),
        (
            "\"He called it 'a detail,' and I disagree,\" Tomas Berg said.",
            "He called it 'a detail,' and I disagree,",
            "Tomas Berg",
            "said",
            None,
        ),
        # nested double marks inside British single marks
        (
            "‘The word “never” was not used,’ Jon Halvorsen said.",
            "The word “never” was not used,",
            "Jon Halvorsen",
            "said",
            None,
        ),
        # apostrophes inside a single-quoted quote are not its end
        (
            "‘We won’t sign the leaders’ draft,’ Marta Lindqvist said.",
            "We won’t sign the leaders’ draft,",
            "Marta Lindqvist",
            "said",
            None,
        ),
    ],
)
def test_it_attributes_a_quote_by_its_own_clause(sentence, text, speaker, cue, addressee):
    quote = _only(sentence)
    assert (quote.text, quote.speaker, quote.cue, quote.addressee) == (
        text,
        speaker,
        cue,
        addressee,
    )


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("“We will see,” Erik Nyman said.", "said"),  # a name no entity covers
        ("“The talks were useful,” the Nordic Council said in a statement.", "said"),
        ("“The talks were useful,” officials said.", "said"),
        # the name is not the subject: someone speaks for them
        ("“No comment,” a spokesman for Tomas Berg said.", "said"),
        # two speakers, and a quote has one
        ("“The talks were useful,” Marta Lindqvist and Tomas Berg said.", "said"),
        ("Diplomats said the draft was “a good basis for talks.”", "said"),
        ("The first draft was “a good basis for talks.”", None),
        # a participle whose sentence has no person for a subject
        ("The ministry thanked Jon Halvorsen, calling his work “vital for the region.”", "called"),
    ],
)
def test_it_leaves_the_speaker_empty_rather_than_guess(sentence, cue):
    quote = _only(sentence)
    assert (quote.speaker, quote.cue) == (None, cue)


# --- Pronouns ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, speaker",
    [
        # the subject of the previous sentence
        (
            "Marta Lindqvist met the press in Turku. “We will not sign this,” she said.",
            "Marta Lindqvist",
        ),
        # the speaker of the previous quote, in the paragraph before
        (
            "“We are ready,” Tomas Berg told Jon Halvorsen.\n\n“Nobody should doubt it,” he said.",
            "Tomas Berg",
        ),
        # a person named after the previous quote wins over its speaker
        (
            "“We are ready,” Tomas Berg said.\n\nJon Halvorsen stayed silent. "
            "“It is too early,” he said later.",
            "Jon Halvorsen",
        ),
        # the subject earlier in the same sentence
        ("Jon Halvorsen surprised everyone when he said “the border will open.”", "Jon Halvorsen"),
        # a section heading in between does not put the last speaker out of reach
        (
            "“We are ready,” Marta Lindqvist said.\n\n‘Next Steps’\n\n"
            "“Nobody doubts it,” she said.",
            "Marta Lindqvist",
        ),
        # the last speaker is nobody we can name: do not reach back past them
        (
            "“We are ready,” Erik Nyman told Tomas Berg. “Nobody doubts it,” he said.",
            None,
        ),
        # nobody to point back to
        ("“It is too early,” he said.", None),
        # the subject of the sentence that put the question, not the last name in it
        (
            "“We are ready,” Tomas Berg said.\n\nMarta Lindqvist, speaking through an "
            "interpreter, said Oslo would stay out. Asked whether she had wanted Tomas Berg to "
            "win the vote, she answered directly.\n\n“Yes, I did,” she said.",
            "Marta Lindqvist",
        ),
        # the person a question was put to
        (
            "A reporter asked Marta Lindqvist whether Tomas Berg had agreed.\n\n"
            "“He did not,” she said.",
            "Marta Lindqvist",
        ),
        # a phrase in front of the subject is passed over
        (
            "After the talks with Tomas Berg, Jon Halvorsen stayed in Oslo. "
            "“It was a long day,” he said.",
            "Jon Halvorsen",
        ),
        # the person of the paragraph before, who was only reported, not quoted
        (
            "“We are ready,” Tomas Berg said.\n\nJon Halvorsen said the deal would hold. "
            "Parliament has since approved the budget.\n\n“The rest is detail,” he said.",
            "Jon Halvorsen",
        ),
        # two people and no subject: nobody rather than a guess
        (
            "The ministry thanked Jon Halvorsen and Tomas Berg. “It was a long night,” he said.",
            None,
        ),
    ],
)
def test_it_resolves_he_and_she_to_the_most_recent_person(text, speaker):
    assert _quotes(text)[-1].speaker == speaker


# --- Inheritance ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, speakers",
    [
        # a later quote in the same paragraph
        (
            "“We are ready,” Marta Lindqvist said. “The rest is up to Oslo.”",
            ["Marta Lindqvist", "Marta Lindqvist"],
        ),
        # a paragraph that is only a quote, right after the attributed one
        (
            "“We are ready,” Marta Lindqvist said.\n\n“The rest is up to Oslo.”",
            ["Marta Lindqvist", "Marta Lindqvist"],
        ),
        # a partial quote with no cue of its own continuing the speaker's words
        (
            "“Several issues are still open,” Tomas Berg said on Monday. They include the "
            "“fishing rights of the coastal villages.”",
            ["Tomas Berg", "Tomas Berg"],
        ),
        (
            "“We want a fair deal,” Tomas Berg said.\n\nHis list starts with the "
            "“fishing rights of the coastal villages.”",
            ["Tomas Berg", "Tomas Berg"],
        ),
        # another person named in between: the second quote is nobody's we can name
        (
            "“We are ready,” Marta Lindqvist said. Tomas Berg left the room. "
            "“The rest is up to Oslo.”",
            ["Marta Lindqvist", None],
        ),
        # a paragraph of narrative in between
        (
            "“We are ready,” Marta Lindqvist said.\n\nThe talks resume in August.\n\n"
            "“The rest is up to Oslo.”",
            ["Marta Lindqvist", None],
        ),
        # the next paragraph's partial quote must point back to the speaker
        (
            "“We want a fair deal,” Tomas Berg said.\n\nA report lists the "
            "“fishing rights of the coastal villages.”",
            ["Tomas Berg", None],
        ),
    ],
)
def test_a_quote_without_a_clause_continues_the_last_speakers_words(text, speakers):
    assert [q.speaker for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Berg said he was “very happy indeed” with it, adding: “We got what we came for.”",
        "Tomas Berg met Jon Halvorsen in Oslo and said “the worst is behind us.”",
        "Tomas Berg spoke for an hour, saying “the worst is behind us.”",
        "Tomas Berg said the envoys had met twice, calling the timetable “tight”.",
        "After meeting Jon Halvorsen, Tomas Berg praised the plan, describing it as “bold”.",
        "Tomas Berg spoke for an hour, warning that the talks could “collapse overnight.”",
        "“We are ready,” Tomas Berg said.\n\nHe praised the plan, calling it “bold”.",
    ],
)
def test_a_participle_or_joined_cue_takes_the_subject_of_its_sentence(text):
    assert {q.speaker for q in _quotes(text)} == {"Tomas Berg"}


def test_an_inherited_quote_keeps_the_cue_and_addressee():
    quotes = _quotes("“We are ready,” Tomas Berg told Jon Halvorsen. “Are you?”")
    assert [(q.speaker, q.cue, q.addressee) for q in quotes] == [
        ("Tomas Berg", "told", "Jon Halvorsen"),
        ("Tomas Berg", "told", "Jon Halvorsen"),
    ]


@pytest.mark.parametrize(
    "text, pieces",
    [
        # attributed in the first paragraph
        (
            "Tomas Berg said: “The first round went well. The second will be harder.\n\n"
            "“We will need more time.”",
            ["The first round went well. The second will be harder.", "We will need more time."],
        ),
        # attributed only at the end of the last paragraph
        (
            "“The first round went well.\n\n“We will need more time,” Tomas Berg said.",
            ["The first round went well.", "We will need more time,"],
        ),
        # three paragraphs, straight marks
        (
            '"One.\n\n"Two.\n\n"Three," Tomas Berg said.',
            ["One.", "Two.", "Three,"],
        ),
        # a narrative paragraph before it, several sentences in the first piece
        (
            "The envoys met for an hour.\n\n“The first round went well. Both sides listened.\n\n"
            "“The second will be harder,” said Tomas Berg, a Swedish trade envoy.",
            ["The first round went well. Both sides listened.", "The second will be harder,"],
        ),
    ],
)
def test_a_quote_continued_over_paragraphs_gives_one_quote_per_paragraph(text, pieces):
    quotes = _quotes(text)
    assert [q.text for q in quotes] == pieces
    assert {(q.speaker, q.cue) for q in quotes} == {("Tomas Berg", "said")}


# --- Dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, dates, date, precision",
    [
        (
            "“We are ready,” Marta Lindqvist told reporters on Monday.",
            {"Monday": "2018-07-09"},
            "2018-07-09",
            "day",
        ),
        (
            "On Tuesday, Tomas Berg said: “The border stays open.”",
            {"Tuesday": "2018-07-10"},
            "2018-07-10",
            "day",
        ),
        (
            "Tomas Berg said in March that “the border stays open.”",
            {"March": "2018-03"},
            "2018-03",
            "month",
        ),
        # a date inside the quote is not when it was said
        ("“We met on Monday,” Tomas Berg said.", {"Monday": "2018-07-09"}, None, None),
        # "the July 16 summit" dates the summit, not the speech
        (
            "“It will be historic,” Marta Lindqvist said of the July 16 summit.",
            {"July_16": "2018-07-16"},
            None,
            None,
        ),
        (
            "“We will not be rushed,” Marta Lindqvist said in a statement on Monday.",
            {"Monday": "2018-07-09"},
            "2018-07-09",
            "day",
        ),
        (
            "Tomas Berg said on Tuesday that the vote on Friday was “a mistake.”",
            {"Tuesday": "2018-07-10", "Friday": "2018-07-13"},
            "2018-07-10",
            "day",
        ),
        # a date in what was reported is not when it was said
        (
            "Tomas Berg said the vote on Friday was “a mistake.”",
            {"Friday": "2018-07-13"},
            None,
            None,
        ),
        # no date in the clause: none, not the publication day
        ("“We are ready,” Marta Lindqvist said.", {}, None, None),
    ],
)
def test_it_dates_a_quote_from_its_attribution_clause(sentence, dates, date, precision):
    quote = _only(sentence, **dates)
    assert (quote.date, quote.precision) == (date, precision)


@pytest.mark.parametrize(
    "text, dates, date",
    [
        (
            "At the news conference on Monday, asked about the border, Marta Lindqvist did not "
            "hesitate. “It stays open,” she said.",
            {"Monday": "2018-07-09"},
            "2018-07-09",
        ),
        (
            "Tomas Berg opened the talks on Tuesday, telling the envoys that time was short.\n\n"
            "“We have a week,” Berg said.",
            {"Tuesday": "2018-07-10"},
            "2018-07-10",
        ),
        # the sentence before reports no speech
        (
            "Marta Lindqvist met Tomas Berg on Monday. “It was useful,” she said.",
            {"Monday": "2018-07-09"},
            None,
        ),
        # the sentence before is somebody else's
        (
            "Jon Halvorsen said on Monday that talks would resume. "
            "“We are ready,” Marta Lindqvist said.",
            {"Monday": "2018-07-09"},
            None,
        ),
        # the date is the one of a relative clause
        (
            "Marta Lindqvist, who met Tomas Berg on Monday, said the talks went well. "
            "“It was useful,” she said.",
            {"Monday": "2018-07-09"},
            None,
        ),
        # the date is in what was reported
        (
            "Marta Lindqvist said Tomas Berg would travel on Friday. "
            "“We will not be rushed,” she said.",
            {"Friday": "2018-07-13"},
            None,
        ),
    ],
)
def test_it_dates_a_quote_from_the_sentence_that_introduces_it(text, dates, date):
    assert _quotes(text, **dates)[-1].date == date


# --- What is not a quote ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # section headings in quote marks
        "Marta Lindqvist arrived on Monday.\n\n‘Open Doors’\n\nThe talks began at noon.",
        "The talks began at noon.\n\n“Cold Start”\n\nNobody spoke for an hour.",
        # scare quotes that are nobody's speech
        "The so-called “reset” never came.",
        "Officials in Oslo spoke of a “thaw” after the meeting.",
        "The ‘grand bargain’ was never on the table.",
        # apostrophes are not quote marks
        "Marta Lindqvist’s team, back from the ’90s talks, found the leaders’ plan dead.",
        "They don’t care what the envoys’ aides think of ’em.",
        "Tomas Berg's staff said the ministers' plan was the '90s all over again.",
    ],
)
def test_headings_scare_quotes_and_apostrophes_are_not_quotes(text):
    assert _quotes(text) == ()


@pytest.mark.parametrize(
    "text, quotes",
    [
        # names of online personas, a coined term, a named plan: no cue attached to them
        (
            "Investigators said the leaks came through personas such as “NordLeaks” and "
            "“Falcon 3.0”. The report also says the servers were rented.",
            [],
        ),
        (
            "“There is an old word for that,” said Marta Lindqvist, a Finnish diplomat, "
            "referring to the term ‘Swedenisation’ used in the 1970s.",
            [("There is an old word for that,", "Marta Lindqvist")],
        ),
        ("Tomas Berg said the plan, known as “Northern Light”, would fail.", []),
        ("According to the report, the channel was called “Baltic Voice” by its owners.", []),
        # with a cue attached, a capitalised phrase is someone's words
        ("Tomas Berg called it the “Grand Bargain.”", [("Grand Bargain.", "Tomas Berg")]),
        ("Marta Lindqvist said: “Never.”", [("Never.", "Marta Lindqvist")]),
        ("“Never,” Marta Lindqvist said.", [("Never,", "Marta Lindqvist")]),
    ],
)
def test_a_quoted_name_or_term_is_not_speech(text, quotes):
    assert [(q.text, q.speaker) for q in _quotes(text)] == quotes


def test_a_short_quote_after_a_colon_is_not_a_heading():
    quotes = _quotes("Tomas Berg wrote on Twitter:\n\n“Never again”")
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [("Never again", "Tomas Berg", "wrote")]


# --- Refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # an opening mark never closed, and the next paragraph does not continue it
        "“We are ready, Marta Lindqvist said. Then she left.",
        "“We are ready, Marta Lindqvist said.\n\nThen she left.",
        # a closing mark never opened
        "The talks ended,” Tomas Berg said.",
        # an odd number of straight marks
        '"We are ready," Tomas Berg said, "and nothing else.',
        # an opening mark inside an open quote
        "“We are ready, “and nothing else,” Tomas Berg said.",
    ],
)
def test_it_refuses_a_paragraph_whose_double_marks_do_not_pair(text):
    quotes, skipped = find_quotes(text, entities=_entities(text), dates=[])
    first_paragraph = text.split("\n\n")[0]
    assert quotes == ()
    assert [(s.reason, s.start, s.end) for s in skipped] == [(UNBALANCED, 0, len(first_paragraph))]


def test_a_refused_paragraph_does_not_take_the_others_down():
    text = "“We are ready, Marta Lindqvist said.\n\nLater: “Never again,” Tomas Berg said."
    quotes, skipped = find_quotes(text, entities=_entities(text), dates=[])
    assert [(q.text, q.speaker) for q in quotes] == [("Never again,", "Tomas Berg")]
    assert len(skipped) == 1


# --- The seed article -------------------------------------------------------------------

needs_seed = pytest.mark.skipif(
    not (SEED_FILE.is_file() and EXPECTED_FILE.is_file()),
    reason=f"the seed article is not in {SHARED}",
)


def _seed() -> tuple[str, dict]:
    return SEED_FILE.read_text(encoding="utf-8"), json.loads(EXPECTED_FILE.read_text("utf-8"))


def _check_seed(quotes: tuple[Quote, ...], expected: dict) -> list[str]:
    def same(found: str, wanted: str) -> bool:
        return found.rstrip(",.") == wanted.rstrip(",.")

    problems = []
    for wanted in expected["quotes"]:
        hits = [q for q in quotes if same(q.text, wanted["text"])]
        if not hits:
            problems.append(f"not found: {wanted['text']!r}")
            continue
        got = (hits[0].speaker, hits[0].cue, hits[0].addressee)
        want = (wanted["speaker"], wanted["cue"], wanted.get("addressee"))
        if got != want:
            problems.append(f"{wanted['text'][:40]!r}: {got} != {want}")
    problems += [
        f"not a quote: {text!r}"
        for text in expected["not_quotes"]
        if any(same(q.text, text) for q in quotes)
    ]
    return problems


@needs_seed
def test_it_finds_every_seed_quote_with_hand_built_entities():
    # The persons of the expectations located by full name and surname, as a stand-in
    # for the mentions step.
    body, expected = _seed()
    entities = _entities(body, people=expected["persons"], organisations=())
    quotes, skipped = find_quotes(body, entities=entities, dates=[])
    assert not skipped
    assert not _check_seed(quotes, expected)
    assert all(body[q.start : q.end] == q.text for q in quotes)


@needs_seed
def test_it_finds_every_seed_quote_with_the_mentions_and_dates_steps():
    mentions = pytest.importorskip("extraction.mentions")
    import datetime as dt

    from extraction.dates import find_dates
    from extraction.register import Register

    body, expected = _seed()
    entities = mentions.find_entities(body, register=Register.default())
    dates = find_dates(body, published=dt.date.fromisoformat(expected["published"]))
    quotes, _ = find_quotes(body, entities=entities, dates=dates)
    assert not _check_seed(quotes, expected)
    by_text = {q.text.rstrip(",."): q for q in quotes}
    # When it was said comes from the attribution clause: "told reporters Wednesday".
    assert by_text["is of huge significance"].date == "2018-06-27"
    assert by_text[
        "continues to say they had nothing to do with Meddling in our Election!"
    ].date == ("2018-06-28")


# --- Rules of the last rounds: brackets, titled addressees, alternatives, fronted clauses,
# embedded posts, transcripts, answers, and the naming and wording cues


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "addressee"),
    [
        # a short party/state bracket after the name does not hide the speaker
        ("Jon Halvorsen (Lab-Oslo) said: “The bill is dead.”", "Jon Halvorsen", "said", None),
        (
            "Jon Halvorsen (Lab-Oslo), a member of the committee, told reporters: “It is dead.”",
            "Jon Halvorsen",
            "told",
            None,
        ),
        # the person behind a title is the addressee, not the organisation in the title
        (
            "Marta Lindqvist told Nordic Council Secretary General Jon Halvorsen: “We are ready.”",
            "Marta Lindqvist",
            "told",
            "Jon Halvorsen",
        ),
        # ... and an organisation alone is still the addressee
        (
            "Marta Lindqvist told the Nordic Council: “We are ready.”",
            "Marta Lindqvist",
            "told",
            "Nordic Council",
        ),
        # "named … as a “…”" names the quote; "put it more bluntly:" words it
        (
            "Marta Lindqvist named the customs union as a “threat” to her country.",
            "Marta Lindqvist",
            "named",
            None,
        ),
        (
            "Marta Lindqvist put it more bluntly: “The plan is dead.”",
            "Marta Lindqvist",
            "put",
            None,
        ),
        ("Tomas Berg put it this way: “Nobody wins a trade war.”", "Tomas Berg", "put", None),
    ],
)
def test_it_attributes_across_brackets_titles_and_wording_cues(text, speaker, cue, addressee):
    (quote,) = _quotes(text)
    assert (quote.speaker, quote.cue, quote.addressee) == (speaker, cue, addressee)


@pytest.mark.parametrize(
    "text",
    [
        "A ferry named “Aurora” docked in Turku.",  # a name given, nobody's words
        "Marta Lindqvist put it on the table, and the “reset” was over.",  # no wording
    ],
)
def test_naming_and_wording_cues_do_not_turn_names_and_scare_quotes_into_speech(text):
    assert _quotes(text) == ()


@pytest.mark.parametrize(
    ("text", "texts"),
    [
        (
            "Marta Lindqvist said she had meant to write “wouldn’t” instead of “would.”",
            ["wouldn’t", "would."],
        ),
        ("Tomas Berg said the answer was “yes” and not “no.”", ["yes", "no."]),
    ],
)
def test_a_short_quote_set_against_the_one_before_is_the_same_speakers(text, texts):
    quotes = _quotes(text)
    assert [(q.text, q.speaker) for q in quotes] == [(t, text.split(" said")[0]) for t in texts]


def test_a_lone_short_quote_after_or_is_still_a_scare_quote():
    assert _quotes("The plan was a “reset” or a retreat, depending on whom one asked.") == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "When X …, he …": he is the subject of the fronted clause
        (
            "Tomas Berg spoke first. When Jon Halvorsen stood beside Berg at the podium, he was "
            "blunt. “We will not sign,” he said.",
            "Jon Halvorsen",
        ),
        # a name that is not the subject of a fronted clause is not the pronoun's
        (
            "Marta Lindqvist spoke first. Asked whether she wanted Berg to win, she smiled. "
            "“We will see,” she said.",
            "Marta Lindqvist",
        ),
    ],
)
def test_a_pronoun_after_a_fronted_clause_is_that_clauses_subject(text, speaker):
    (quote,) = _quotes(text)
    assert quote.speaker == speaker


def test_an_embedded_post_is_a_tweet_of_the_person_in_its_signature():
    text = (
        "Marta Lindqvist reacted within minutes.\n\n"
        "The talks were a waste of a fine summer day.\n\n"
        "— Marta Lindqvist (@mlindqvist) July 17, 2018\n\n"
        "Her office did not comment further."
    )
    (quote,) = _quotes(text, **{"July 17, 2018": "2018-07-17"})
    assert (quote.text, quote.speaker, quote.cue, quote.date) == (
        "The talks were a waste of a fine summer day.",
        "Marta Lindqvist",
        "tweeted",
        "2018-07-17",
    )


def test_a_signature_of_an_account_that_names_nobody_known_gives_no_speaker():
    text = "The ferry line posted a notice.\n\nSailings resume on Monday.\n\n— Ferry Line (@ferry)"
    (quote,) = _quotes(text)
    assert (quote.speaker, quote.cue) == (None, "tweeted")


def test_a_handle_inside_a_sentence_is_no_embedded_post():
    text = "Marta Lindqvist (@mlindqvist) has not posted since Monday.\n\nHer office was quiet."
    assert _quotes(text) == ()


@pytest.mark.parametrize(
    ("lead_in", "speaker"),
    [
        ("Marta Lindqvist was asked whether the plan would hold. Her answer:", "Marta Lindqvist"),
        ("Reporters pressed Tomas Berg on the plan. Berg’s reply:", "Tomas Berg"),
    ],
)
def test_an_answer_colon_gives_the_next_paragraph_to_its_owner(lead_in, speaker):
    (quote,) = _quotes(lead_in + "\n\n“Nobody can promise that.”")
    assert (quote.speaker, quote.text) == (speaker, "Nobody can promise that.")


def test_transcript_turns_go_to_the_person_the_label_names_and_questions_to_nobody():
    text = (
        "Jon Halvorsen spoke to reporters on Saturday.\n\n"
        "HALVORSEN: The talks begin on Monday.\n\n"
        "QUESTION: Will they run late?\n\n"
        "HALVORSEN: There is always a chance.\n"
    )
    quotes = _quotes(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The talks begin on Monday.", "Jon Halvorsen"),
        ("There is always a chance.", "Jon Halvorsen"),
    ]


def test_a_single_capitalised_label_is_a_dateline_not_a_transcript():
    text = "OSLO: Jon Halvorsen spoke on Saturday.\n\nHe left early."
    assert _quotes(text) == ()


def test_a_paragraph_of_countless_stray_marks_is_refused_and_the_next_one_still_read() -> None:
    """Hostile or broken input: the paragraph is skipped with a reason editors can see
    (reading it would take time that grows with the square of its marks)."""
    from extraction import extract

    text = (
        "Marks everywhere\n\nJuly 2, 2018\n\n"
        + "the ‘reset’ of ’90s ‘and ’ " * 100
        + '\n\n"We agree," said Anna Berg, a Finnish diplomat.'
    )

    found = extract(text)

    assert [skip.reason for skip in found.skipped] == ["unbalanced quote marks"]
    assert [(q.text, q.speaker) for q in found.quotes] == [("We agree,", "Anna Berg")]


# --- Strategies: the tuples drive the order, and every quote records its strategy -------


@pytest.mark.parametrize(
    ("text", "strategies"),
    [
        ("“We agree,” Marta Lindqvist said.", ["after_quote"]),
        ("“We agree,” according to Marta Lindqvist.", ["according_to"]),
        ("Marta Lindqvist said: “We agree.”", ["before_quote"]),
        ("Marta Lindqvist wrote on Monday:\n\n“We agree.”", ["colon_lead_in"]),
        (
            "“We agree,” Tomas Berg said.\n\n“We always did.”\n\n“And we will.”",
            ["after_quote", "quote_paragraph", "quote_paragraph"],
        ),
        (
            "“We agree,” Tomas Berg said. “We always did.”",
            ["after_quote", "same_paragraph"],
        ),
        (
            "“We agree,” Tomas Berg said.\n\nThey include “routes that keep the border open.”",
            ["after_quote", "follow_up"],
        ),
        (
            "Berg said he meant “soon” and not “now.”",
            ["before_quote", "same_sentence"],
        ),
        (
            "“We agree, and we are\n\n“ready to sign,” Tomas Berg said.",
            ["continued_paragraph", "after_quote"],
        ),
        ("“Nobody knows what comes next.”", ["unattributed"]),
    ],
)
def test_every_quote_records_the_strategy_that_attributed_it(text, strategies):
    assert [q.strategy for q in _quotes(text)] == strategies


def test_transcript_turns_and_embedded_posts_record_their_strategy():
    transcript = (
        "Jon Halvorsen spoke.\n\nHALVORSEN: The talks begin on Monday.\n\n"
        "QUESTION: Late?\n\nHALVORSEN: Maybe.\n"
    )
    post = "The border stays open.\n\n— Tomas Berg (@tberg) July 9, 2018"
    assert {q.strategy for q in _quotes(transcript)} == {"transcript_turn"}
    assert [q.strategy for q in _quotes(post)] == ["embedded_post"]


def test_the_attribution_tuple_gives_the_order_the_strategies_are_tried(monkeypatch):
    from extraction.quotes import attribution

    text = "Tomas Berg said “the door is open,” Marta Lindqvist added."
    assert (_only(text).speaker, _only(text).strategy) == ("Marta Lindqvist", "after_quote")
    reordered = ("before_quote", "after_quote", "according_to", "colon_lead_in")
    monkeypatch.setattr(attribution, "ATTRIBUTION_STRATEGIES", reordered)
    assert (_only(text).speaker, _only(text).strategy) == ("Tomas Berg", "before_quote")


def test_the_inheritance_tuple_gives_the_order_the_strategies_are_tried(monkeypatch):
    from extraction.quotes import inheritance

    text = "“We agree,” Tomas Berg said. “We always did.”"
    assert _quotes(text)[1].strategy == "same_paragraph"
    monkeypatch.setattr(inheritance, "INHERITANCE_STRATEGIES", ("follow_up",))
    assert [q.strategy for q in _quotes(text)] == ["after_quote", "unattributed"]


# --- Hostile input: the cost stays near-linear in the size of the body -----------------


@pytest.mark.parametrize(
    "unit",
    [
        '"a"\n',  # a paragraph per fragment: every one a heading
        '"a"\n\n',
        '"a" ',  # one endless sentence of fragments
        '"1" ',  # fragments without a letter
        "‘ab’ ",
        '"a," he said. ',
        '"a," Tomas Berg told Jon Halvorsen. ',
    ],
)
def test_many_short_quoted_fragments_cost_time_in_proportion_to_their_number(unit):
    """Issue 13 defect 11: 220,000 fragments took 72 s, the square of their number.

    Eight times the fragments must cost well under 64 times the time (the square); a
    generous bound of 24 leaves room for a loaded machine.
    """
    import time

    from extraction.text import Text

    def cost(count: int) -> float:
        body = "Fragments\n\n" + unit * count
        text, entities = Text.of(body), _entities(body)
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            find_quotes(text, entities=entities, dates=[])
            best = min(best, time.process_time() - started)
        return best

    small, large = cost(400), cost(3200)
    assert large < 24 * max(small, 1e-3), (small, large)
