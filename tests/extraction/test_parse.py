"""Parse: raw .txt / .html / .json in, a Document out.

Every article here is written for these tests; the people quoted are fictional.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import socket
import time
from pathlib import Path

import pytest

from extraction.parse import DocumentError, parse_document, parse_record

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "seeds" / "000_cca8f738e82c71f8.txt"
UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def offset(hours: int, *args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.timezone(dt.timedelta(hours=hours)))


LEAD = (
    "Two envoys agreed on Monday to hold talks at a lakeside villa later this month, "
    "officials in both capitals said."
)
SECOND = "“We have found a room and a table,” said Aino Korhonen, a spokeswoman for the ministry."

# A pasted web page: a run-together menu, a section name, share and subscription prompts,
# the headline, a dateline, a byline, the body with a heading in quote marks, a footer.
PASTED = f"""\
HomeWorldPoliticsBusinessClimateOpinionNewsletters
Europe
Share this article
Subscribe to our newsletter for the day's top stories
Envoys Agree to Meet at a Lakeside Villa
June 28, 2018, 12:30 PM UTC
By Marta Lindqvist and Pekka Virtanen

{LEAD}

‘A Quiet Room’

{SECOND}

The villa was last used for a state visit in spring, and its owners have asked for no cameras.

Read more: Envoys Meet Again in Turku
© 2018 Northern Ledger L.P. All rights reserved.
Subscribe
"""


# --------------------------------------------------------------------------- the seed


def test_it_parses_the_seed_article_into_headline_date_and_a_clean_body():
    expected = json.loads((SHARED / "seed_expected.json").read_text(encoding="utf-8"))
    raw = SEED.read_bytes()
    doc = parse_document(raw, filename=SEED.name)

    assert doc.headline == expected["headline"]
    assert doc.published == utc(2018, 6, 28, 12, 30)
    assert doc.published.date().isoformat() == expected["published"]
    assert doc.body.startswith("Donald Trump and Vladimir Putin will meet in Helsinki")
    last_paragraph = raw.decode("utf-8").strip().rsplit("\n\n", 1)[-1]
    assert "Kortunov" in last_paragraph
    assert doc.body.endswith(last_paragraph)
    first_line = raw.decode("utf-8").splitlines()[0]
    assert first_line not in doc.body
    assert "‘First Steps’" in doc.body  # a heading of the article stays in the body
    # "Bloomberg News" is named in the running text only, never in a credit position.
    assert doc.outlet is None


def test_the_seed_body_is_a_cut_of_the_input():
    text = SEED.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert parse_document(text).body in text


# --------------------------------------------------------------------------- plain text


def test_it_drops_navigation_prompts_and_footer_of_a_pasted_article():
    doc = parse_document(PASTED, filename="a.txt")
    assert doc.headline == "Envoys Agree to Meet at a Lakeside Villa"
    assert doc.published == utc(2018, 6, 28, 12, 30)
    assert doc.byline == "Marta Lindqvist and Pekka Virtanen"
    assert doc.body.startswith(LEAD)
    assert doc.body.endswith("asked for no cameras.")
    assert "‘A Quiet Room’" in doc.body
    for junk in ("Newsletters", "Share this", "Subscribe", "Read more", "©"):
        assert junk not in doc.body
    assert doc.body in PASTED


def test_it_names_the_outlet_from_a_copyright_footer():
    assert parse_document(PASTED).outlet == "Northern Ledger"


@pytest.mark.parametrize(
    "dateline, published",
    [
        ("June 28, 2018, 12:30 PM UTC", utc(2018, 6, 28, 12, 30)),
        ("Updated on July 16, 2018 at 5:02 AM EDT", offset(-4, 2018, 7, 16, 5, 2)),
        ("16 July 2018", utc(2018, 7, 16)),
        ("2018-07-16T09:30:00Z", utc(2018, 7, 16, 9, 30)),
        ("2018-07-16T12:30:00+03:00", offset(3, 2018, 7, 16, 12, 30)),
        ("Mon 16 Jul 2018 09.30 BST", offset(1, 2018, 7, 16, 9, 30)),
        ("Monday, July 16, 2018 10:15 p.m. CEST", offset(2, 2018, 7, 16, 22, 15)),
        ("Published: Jul. 16, 2018 at 7:45 am EST", offset(-5, 2018, 7, 16, 7, 45)),
        ("July 16, 2018 / 5:02 AM / Updated 2 hours ago", utc(2018, 7, 16, 5, 2)),
        ("Updated 5:02 AM ET, Mon July 16, 2018", offset(-4, 2018, 7, 16, 5, 2)),
        ("Posted 12 January 2018, 11:00 AM ET", offset(-5, 2018, 1, 12, 11)),
        ("16 July 2018 18:20 GMT+3", offset(3, 2018, 7, 16, 18, 20)),
    ],
)
def test_it_reads_the_publication_time_from_a_dateline(dateline, published):
    doc = parse_document(f"Envoys Meet at a Lakeside Villa\n\n{dateline}\n\n{LEAD}\n")
    assert doc.published == published
    assert doc.headline == "Envoys Meet at a Lakeside Villa"
    assert doc.body == LEAD


def test_it_prefers_the_first_publication_over_an_update():
    text = (
        "Envoys Meet at a Lakeside Villa\n\nJune 28, 2018, 12:30 PM UTC\n\n"
        f"Updated on June 29, 2018, 8:00 AM UTC\n\n{LEAD}\n"
    )
    assert parse_document(text).published == utc(2018, 6, 28, 12, 30)


def test_an_article_without_a_dateline_has_no_publication_date():
    doc = parse_document(f"Envoys Meet at a Lakeside Villa\n\n{LEAD}\n\nThe talks resume in May.")
    assert doc.published is None
    assert doc.headline == "Envoys Meet at a Lakeside Villa"


@pytest.mark.parametrize(
    "credit, byline, outlet",
    [
        ("By Marta Lindqvist and Pekka Virtanen", "Marta Lindqvist and Pekka Virtanen", None),
        ("Marta Lindqvist | Northern Ledger", "Marta Lindqvist", "Northern Ledger"),
        ("By Marta Lindqvist, Northern Ledger", "Marta Lindqvist", "Northern Ledger"),
        ("By MARTA LINDQVIST", "Marta Lindqvist", None),
        ("By Marta Lindqvist, Senior Correspondent", "Marta Lindqvist", None),
        ("By Marta Lindqvist in Helsinki", "Marta Lindqvist", None),
        (
            "By Marta Lindqvist, Pekka Virtanen and Aino Korhonen",
            "Marta Lindqvist, Pekka Virtanen and Aino Korhonen",
            None,
        ),
        ("By Marta Lindqvist\nThe Northern Ledger", "Marta Lindqvist", "The Northern Ledger"),
    ],
)
def test_it_reads_the_byline_and_the_outlet_it_credits(credit, byline, outlet):
    doc = parse_document(f"Envoys Meet at a Lakeside Villa\n{credit}\n16 July 2018\n{LEAD}\n")
    assert (doc.byline, doc.outlet) == (byline, outlet)
    assert doc.headline == "Envoys Meet at a Lakeside Villa"
    assert doc.body == LEAD


@pytest.mark.parametrize(
    "lead, outlet",
    [
        (f"HELSINKI (Northern Ledger) - {LEAD}", "Northern Ledger"),
        (f"TURKU, Finland, July 16 (Baltic Wire) — {LEAD}", "Baltic Wire"),
        (f"(Baltic Wire) — {LEAD}", "Baltic Wire"),
        (f"HELSINKI — {LEAD}", None),
    ],
)
def test_it_reads_the_outlet_from_the_credit_of_the_first_paragraph(lead, outlet):
    doc = parse_document(f"Envoys Meet at a Lakeside Villa\n\n{lead}\n")
    assert doc.outlet == outlet
    assert doc.body == lead  # the credit is part of the article's first paragraph


def test_it_never_guesses_the_outlet_from_the_running_text():
    text = f"Envoys Meet at a Lakeside Villa\n\n{LEAD} She told the Baltic Wire it was a start.\n"
    assert parse_document(text).outlet is None


def test_it_takes_the_headline_after_a_dateline_that_comes_first():
    text = (
        "World News\nJuly 16, 2018 / 5:02 AM / Updated 2 hours ago\n"
        "Finnish Hosts Ready a Harbour Palace for the Summit\n4 Min Read\n"
        f"{LEAD}\n{SECOND}\n"
        "Reporting by Marta Lindqvist; Editing by Pekka Virtanen\n"
    )
    doc = parse_document(text)
    assert doc.headline == "Finnish Hosts Ready a Harbour Palace for the Summit"
    assert doc.body == f"{LEAD}\n{SECOND}"


def test_a_standfirst_above_the_dateline_is_neither_headline_nor_body():
    text = (
        "Envoys Agree to Meet at a Lakeside Villa\n\n"
        "The venue was picked to keep cameras away from a delicate first round of talks.\n\n"
        "By Marta Lindqvist\n\n16 July 2018\n\n"
        f"{LEAD}\n"
    )
    doc = parse_document(text)
    assert doc.headline == "Envoys Agree to Meet at a Lakeside Villa"
    assert doc.body == LEAD
    assert doc.byline == "Marta Lindqvist"


def test_a_headline_ending_in_an_abbreviation_is_not_a_paragraph():
    doc = parse_document(f"Envoys Say Lakeside Talks Will Help the U.S.\n\n{LEAD}\n")
    assert doc.headline == "Envoys Say Lakeside Talks Will Help the U.S."
    assert doc.body == LEAD


def test_a_text_that_is_only_a_body_keeps_all_of_it():
    text = f"{LEAD}\n\n{SECOND}\n"
    doc = parse_document(text)
    assert (doc.headline, doc.published, doc.body) == (None, None, text.strip())


@pytest.mark.parametrize(
    "footer",
    [
        "Read more: Envoys Meet Again in Turku",
        "© 2018 Northern Ledger",
        "Copyright 2018 Northern Ledger. All rights reserved.",
        "Subscribe now for unlimited access",
        "Reporting by Marta Lindqvist; Editing by Pekka Virtanen",
        "— With assistance from Aino Korhonen",
        "Topics: Finland, Diplomacy",
        "Diplomacy\nFinland",
    ],
)
def test_it_drops_a_trailing_footer(footer):
    text = f"Envoys Meet at a Lakeside Villa\n\n{LEAD}\n\n{SECOND}\n\n{footer}\n"
    assert parse_document(text).body == f"{LEAD}\n\n{SECOND}"


def test_a_last_paragraph_that_ends_a_sentence_is_kept():
    last = "Follow-up talks are planned for the autumn."
    text = f"Envoys Meet at a Lakeside Villa\n\n{LEAD}\n\n{last}\n"
    assert parse_document(text).body.endswith(last)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_it_normalises_line_endings(newline):
    text = newline.join(["Envoys Meet at a Lakeside Villa", "", LEAD, "", SECOND, ""])
    doc = parse_document(text.encode("utf-8"))
    assert doc.body == f"{LEAD}\n\n{SECOND}"
    assert doc.headline == "Envoys Meet at a Lakeside Villa"


# --------------------------------------------------------------------------- decoding and errors

ARTICLE = f"Envoys Meet at a Lakeside Villa\n\n{LEAD}\n"


@pytest.mark.parametrize(
    "raw",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),  # with its BOM
        b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
        ARTICLE,
        "\ufeff" + ARTICLE,
    ],
)
def test_it_decodes_utf8_and_utf16_with_a_bom(raw):
    doc = parse_document(raw)
    assert doc.body == LEAD
    assert doc.headline == "Envoys Meet at a Lakeside Villa"


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "The file is empty."),
        (b"  \n\t\r\n ", "The file is empty."),
        ("   ", "The file is empty."),
        (ARTICLE.encode("latin-1") + "Caf\xe9".encode("latin-1"), "not UTF-8 text"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary"),
        (ARTICLE.encode("utf-16-le"), "binary"),  # UTF-16 without a BOM
        (b"\x01\x02\x03\x04\x05\x06 text \x07\x08\x0e\x0f", "binary"),
        (b"....\n!!!", "no article text"),
    ],
)
def test_it_refuses_what_is_not_text_with_a_sentence(raw, message):
    with pytest.raises(DocumentError, match=message) as caught:
        parse_document(raw)
    assert str(caught.value).endswith(".")
    assert "\n" not in str(caught.value)


def test_an_html_page_may_declare_its_charset():
    page = (
        '<html><head><meta charset="windows-1252"><title>Café Talks in Turku</title></head>'
        "<body><article><p>The envoys met at a café in Turku on Monday and agreed to meet "
        "again in the autumn, officials said.</p></article></body></html>"
    ).encode("cp1252")
    doc = parse_document(page, filename="page.html")
    assert doc.headline == "Café Talks in Turku"
    assert "café in Turku" in doc.body


@pytest.mark.parametrize(
    "raw, filename, headline",
    [
        (json.dumps({"text": ARTICLE}), None, "Envoys Meet at a Lakeside Villa"),
        (json.dumps({"text": ARTICLE}), "a.json", "Envoys Meet at a Lakeside Villa"),
        (
            f"<!DOCTYPE html><html><head><title>Talks Set</title></head><body><p>{LEAD}</p>",
            None,
            "Talks Set",
        ),
        ("<p>Talks Set</p>", "a.txt", None),  # the extension wins: this is text
        (ARTICLE, None, "Envoys Meet at a Lakeside Villa"),
    ],
)
def test_it_sniffs_the_format_from_the_extension_then_the_content(raw, filename, headline):
    assert parse_document(raw, filename=filename).headline == headline


# --------------------------------------------------------------------------- JSON records


def test_a_records_fields_win_over_what_the_text_says():
    record = {
        "text": PASTED,
        "headline": "Envoys Pick a Villa",
        "url": "https://ledger.example/villa",
        "outlet": "Baltic Wire",
        "published": "2018-06-29T08:00:00+03:00",
        "byline": "Aino Korhonen",
    }
    doc = parse_record(record)
    assert doc.headline == "Envoys Pick a Villa"
    assert doc.url == "https://ledger.example/villa"
    assert doc.outlet == "Baltic Wire"
    assert doc.byline == "Aino Korhonen"
    assert doc.published == offset(3, 2018, 6, 29, 8)
    assert doc.body.startswith(LEAD)  # the text is still cleaned like a pasted article


def test_a_record_fills_only_what_it_has():
    doc = parse_document(json.dumps({"text": PASTED, "published": "2018-06-30"}).encode())
    assert doc.published == utc(2018, 6, 30)
    assert doc.headline == "Envoys Agree to Meet at a Lakeside Villa"


def test_a_records_html_goes_through_the_html_parser():
    html = f"<html><head><title>Envoys Pick a Villa</title></head><body><p>{LEAD}</p></body>"
    doc = parse_record({"html": html, "published": "June 29, 2018"})
    assert doc.body == LEAD
    assert doc.headline == "Envoys Pick a Villa"
    assert doc.published == utc(2018, 6, 29)


@pytest.mark.parametrize(
    "raw, message",
    [
        ('{"text": "Envoys meet', "not valid JSON"),
        ("[1, 2, 3]", "must hold one object"),
        ('"just a string"', "must hold one object"),
        ("{}", "neither"),
        ('{"text": "   ", "html": ""}', "neither"),
        ('{"headline": "Talks"}', "neither"),
        ('{"text": 42}', '"text" must be text'),
        ('{"text": "Envoys meet in Turku today.", "published": "soon"}', "not a date"),
        ('{"text": "Envoys meet in Turku today.", "published": 20180628}', "not a date"),
        ("[" * 100_000 + "]" * 100_000, "JSON"),
    ],
)
def test_it_refuses_a_bad_json_record_with_a_sentence(raw, message):
    with pytest.raises(DocumentError, match=message):
        parse_document(raw, filename="record.json")


def test_parse_record_refuses_what_is_not_an_object():
    with pytest.raises(DocumentError, match="must be an object"):
        parse_record(["text"])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- HTML

PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Envoys Agree on Lakeside Talks | The Northern Ledger</title>
<meta property="og:site_name" content="The Northern Ledger">
<meta property="og:title" content="Envoys Agree on Lakeside Talks">
<meta name="author" content="Marta Lindqvist">
<meta property="article:published_time" content="2018-07-02T09:15:00+03:00">
<link rel="canonical" href="https://ledger.example/2018/07/02/lakeside-talks">
<script>var tracking = "a script is not text";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li></ul></nav>
<header><h1>Envoys Agree on Lakeside Talks</h1><p class="byline">By Marta Lindqvist</p></header>
<article>
<p>{LEAD}</p>
<p>{SECOND}</p>
<p>The talks will be the first of their kind in several years. Each side will bring six
delegates, and the agenda is still being drafted by <q>working groups</q> in both capitals.</p>
<h2>‘Quiet Diplomacy’</h2>
<p>Observers said the remote venue reflected a wish to keep the meeting away from cameras.
"It is a signal," said Pekka Virtanen, an analyst at a research institute in Turku.</p>
</article>
<footer><p>© 2018 The Northern Ledger. All rights reserved.</p><a href="/subscribe">Subscribe</a>
</footer></body></html>"""


def test_it_extracts_an_html_article_with_its_metadata():
    doc = parse_document(PAGE.encode("utf-8"), filename="page.html")
    assert doc.headline == "Envoys Agree on Lakeside Talks"
    assert doc.byline == "Marta Lindqvist"
    assert doc.outlet == "The Northern Ledger"
    assert doc.url == "https://ledger.example/2018/07/02/lakeside-talks"
    assert doc.published == offset(3, 2018, 7, 2, 9, 15)
    assert doc.body.startswith(LEAD)
    for junk in ("Home", "Politics", "By Marta", "script", "©", "Subscribe"):
        assert junk not in doc.body


def test_it_keeps_html_paragraphs_apart_with_blank_lines():
    paragraphs = parse_document(PAGE).body.split("\n\n")
    assert paragraphs[:2] == [LEAD, SECOND]
    assert "‘Quiet Diplomacy’" in paragraphs


def test_it_writes_out_the_marks_of_an_inline_html_quote():
    body = parse_document(PAGE).body
    assert "drafted by “working groups” in both capitals." in body
    nested = f"<html><body><p>{LEAD} <q>We said <q>no cameras</q> twice,</q> she said.</p>"
    assert "“We said ‘no cameras’ twice,” she said." in parse_document(nested).body


def test_a_script_in_a_headline_comes_out_as_plain_text_without_the_code():
    page = (
        "<html><head><title>Talks &lt;script&gt;alert(1)&lt;/script&gt; Begin</title></head>"
        "<body><h1>Talks <script>alert(2)</script>Begin <b>Today</b></h1>"
        f"<article><p>{LEAD}</p><p>{SECOND}</p></article></body></html>"
    )
    doc = parse_document(page)
    assert doc.headline in ("Talks Begin", "Talks Begin Today")
    assert "<" not in doc.headline and "alert" not in doc.headline
    assert "alert" not in doc.body


def test_html_parsing_never_touches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("parse tried the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert parse_document(PAGE).url == "https://ledger.example/2018/07/02/lakeside-talks"


def test_a_domain_name_is_not_taken_for_the_outlet():
    page = (
        '<html><head><title>Envoys Meet</title><link rel="canonical" href="https://x.example/a">'
        f"</head><body><article><p>{LEAD}</p><p>{SECOND}</p></article></body></html>"
    )
    assert parse_document(page).outlet is None


def test_a_tiny_page_falls_back_to_its_visible_text():
    page = "<html><head><title>Short Note</title></head><body><p>Talks resume Monday.</p></body>"
    doc = parse_document(page, filename="note.html")
    assert doc.body == "Talks resume Monday."
    assert doc.headline == "Short Note"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><script>var a = 1;</script></body></html>",
        "<html><head><title>Nothing</title></head><body>   </body></html>",
        "<!-- only a comment -->",
    ],
)
def test_a_page_without_text_is_refused(page):
    with pytest.raises(DocumentError, match=r"The page has no article text\."):
        parse_document(page, filename="empty.html")


# --------------------------------------------------------------------------- fuzzing


@pytest.mark.parametrize("seed", range(40))
def test_random_input_raises_only_document_errors(seed):
    rng = random.Random(seed)
    size = rng.choice([1, 10, 300, 5000])
    raw = bytes(rng.randrange(256) for _ in range(size))
    variants = [
        raw,
        raw.decode("latin-1").encode("utf-8"),  # valid UTF-8, nonsense content
        PAGE.encode()[: rng.randrange(len(PAGE))],
        json.dumps({"text": PASTED, "headline": "Talks"})[: rng.randrange(60, 400)].encode(),
        PASTED[rng.randrange(len(PASTED)) :].encode(),
    ]
    for variant in variants:
        for filename in (None, "a.txt", "a.html", "a.json"):
            try:
                doc = parse_document(variant, filename=filename)
            except DocumentError:
                continue
            assert isinstance(doc.body, str) and doc.body.strip()


def test_a_huge_single_line_is_parsed_quickly():
    line = "The envoys met again and agreed on nothing at all " * 20_000  # about 1 MB
    started = time.perf_counter()
    doc = parse_document(line.encode())
    assert time.perf_counter() - started < 2
    assert doc.body == line.strip()


def test_a_file_too_large_for_an_article_is_refused():
    with pytest.raises(DocumentError, match="too large"):
        parse_document(b"a" * 10_000_001)


def test_prompts_between_a_standfirst_and_the_body_are_skipped_too():
    text = (
        "Envoys Agree to Meet at a Lakeside Villa\n"
        "The venue was picked to keep cameras away from a delicate first round of talks.\n"
        "By Marta Lindqvist\n16 July 2018\nShare this article\nListen to this article\n"
        "Photographer: Aino Korhonen\nGift this article\n"
        f"{LEAD}\n{SECOND}\n"
    )
    assert parse_document(text).body == f"{LEAD}\n{SECOND}"


def test_it_reads_a_text_wrapped_at_a_fixed_width():
    lead = (
        "Two envoys agreed on Monday to hold talks at a lakeside villa later\n"
        "this month, officials in both capitals said, ending a long argument\n"
        "about where a first round could take place without cameras nearby.\n"
    )
    second = (
        "“We have found a room and a table,” said Aino Korhonen, a spokeswoman\n"
        "for the host ministry, who added that the guest list was still open\n"
        "and that both delegations would arrive by train from the capital.\n"
    )
    text = f"Envoys Agree to Meet at a Lakeside Villa\n\n16 July 2018\n\n{lead}\n{second}"
    doc = parse_document(text)
    assert doc.headline == "Envoys Agree to Meet at a Lakeside Villa"
    assert doc.published == utc(2018, 7, 16)
    assert doc.body == f"{lead}\n{second}".strip()


@pytest.mark.parametrize(
    "credit",
    [
        "By Marta Lindqvist | June 28, 2018",
        "By Marta Lindqvist, June 28, 2018",
        "By Marta Lindqvist — 28 June 2018",
    ],
)
def test_a_byline_may_carry_the_date(credit):
    doc = parse_document(f"Envoys Meet at a Lakeside Villa\n\n{credit}\n\n{LEAD}\n")
    assert (doc.byline, doc.published) == ("Marta Lindqvist", utc(2018, 6, 28))
    assert doc.headline == "Envoys Meet at a Lakeside Villa"
    assert doc.body == LEAD


def test_a_short_last_word_still_ends_a_paragraph():
    text = "Envoys Meet at a Lakeside Villa\n\nBoth sides said they would see to it.\n"
    assert parse_document(text).body == "Both sides said they would see to it."


# --- House styles of the last rounds: numeric datelines, bylines with places, closing notes


def _story(header: str, *closing: str) -> str:
    return "\n\n".join(
        [
            "Envoys Agree to Meet Again",
            header,
            LEAD,
            "They will meet again in the autumn.",
            *closing,
        ]
    )


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("07/17/2018 06:59 AM EDT", offset(-4, 2018, 7, 17, 6, 59)),  # US order
        ("17/07/2018 06:59 UTC", utc(2018, 7, 17, 6, 59)),  # day first: 17 is no month
        ("Published 07/03/2018 10:15 UTC", utc(2018, 7, 3, 10, 15)),  # ambiguous: US order
    ],
)
def test_it_reads_a_numeric_dateline(dateline, published):
    assert parse_document(_story(dateline)).published == published


def test_a_fraction_or_a_score_is_no_numeric_dateline():
    text = _story("June 28, 2018, 12:30 PM UTC").replace("autumn.", "autumn, 3/4/2018 wins.")
    assert parse_document(text).published == utc(2018, 6, 28, 12, 30)


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("Marta Lindqvist in Helsinki and Pekka Virtanen in Moscow", "Marta Lindqvist and Pekka Virtanen"),
        ("Marta Lindqvist in Helsinki, Pekka Virtanen in Moscow and Aino Rautio in Kiev",
         "Marta Lindqvist, Pekka Virtanen and Aino Rautio"),
        ("Live updates by Marta Lindqvist", "Marta Lindqvist"),
        ("Marta Lindqvist Diplomatic correspondent", "Marta Lindqvist"),
    ],
)  # fmt: skip
def test_it_reads_bylines_with_places_roles_and_live_credits(line, byline):
    assert parse_document(_story(line)).byline == byline


def test_a_sentence_about_people_in_places_is_no_byline():
    text = _story("June 28, 2018").replace(
        "They will meet", "Marta Lindqvist in Helsinki and Pekka Virtanen in Moscow will meet"
    )
    document = parse_document(text)
    assert document.byline is None
    assert "Marta Lindqvist in Helsinki" in document.body


@pytest.mark.parametrize(
    "closing",
    [
        "Update: This story was updated to add the name of the villa.",
        "Correction: An earlier version of this story misstated the day of the talks.",
        "Editor's note: The reporter's travel was paid for by the newspaper.",
        "Nordic Morning is written by Marta Lindqvist and Pekka Virtanen.",
        "Associated Press writer Aino Rautio in Turku contributed to this report.",
    ],
)
def test_it_cuts_a_closing_update_correction_or_credit_line(closing):
    body = parse_document(_story("June 28, 2018", closing)).body
    assert body.endswith("again in the autumn.")


@pytest.mark.parametrize(
    "last",
    [
        "The treaty is written by lawyers of both ministries and runs to forty pages.",
        "An update on the talks is expected from both ministries on Friday.",
    ],
)
def test_a_closing_sentence_that_only_looks_like_a_note_stays_in_the_body(last):
    body = parse_document(_story("June 28, 2018", last)).body
    assert body.endswith(last)


def test_an_update_paragraph_inside_a_live_blog_stays_in_the_body():
    body = parse_document(
        _story("June 28, 2018", "Update: The envoys have landed in Turku.", "More talks follow.")
    ).body
    assert "Update: The envoys have landed in Turku." in body


def test_it_cuts_an_author_bio_only_when_it_opens_with_the_byline_name():
    bio = "Marta Lindqvist is a senior fellow at a Nordic research institute."
    other = "Pekka Virtanen is a senior fellow at a Nordic research institute."
    assert parse_document(_story("By Marta Lindqvist", bio)).body.endswith("autumn.")
    assert parse_document(_story("By Marta Lindqvist", other)).body.endswith(other)


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Opinion | The reset that never ends", "The reset that never ends"),
        ("Analysis: Why the envoys meet again", "Why the envoys meet again"),
        ("Live: the envoys in Turku", "the envoys in Turku"),
        ("Opinions differ on the villa", "Opinions differ on the villa"),  # no label
    ],
)
def test_it_drops_a_section_label_from_the_headline(headline, expected):
    text = _story("June 28, 2018").replace("Envoys Agree to Meet Again", headline)
    assert parse_document(text).headline == expected
