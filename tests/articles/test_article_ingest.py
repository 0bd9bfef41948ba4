"""article_ingest: the raw input is stored first, queued, once; bad input is refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from articles.models import Article, ArticleStatus, Outlet, RawFormat
from articles.services import article_ingest, canonical_url
from summit_kb.errors import ApplicationError

FERRY_TALKS = (
    "Ferry Talks Resume in Turku\n\n"
    "By Greta Holmqvist | Baltic Courier\n\n"
    "July 3, 2018\n\n"
    "Negotiators from both ports met in Turku on Monday to discuss the winter timetable.\n\n"
    "The talks will resume next week, a harbour spokesman said.\n"
)

# The same article as a second desk typed it: capitals, Windows line ends, doubled spaces,
# extra blank lines and trailing blanks. Its words are the same, so it is the same article.
FERRY_TALKS_RETYPESET = (
    "FERRY TALKS RESUME IN TURKU\r\n\r\n"
    "By Greta Holmqvist | Baltic Courier\r\n\r\n"
    "July 3, 2018\r\n\r\n\r\n"
    "NEGOTIATORS from both ports  met in Turku on Monday to discuss the Winter Timetable.\r\n"
    "\r\n\r\n"
    "The talks   will resume next week, a harbour spokesman said.   \r\n"
)


def _lighthouse(n: int = 1) -> str:
    return (
        f"Lighthouse Keepers Vote, Part {n}\n\n"
        f"Keepers of the northern lighthouses voted on Friday on plan number {n} "
        "for the new rota.\n"
    )


@pytest.mark.django_db
def test_it_stores_the_raw_text_exactly_as_received_and_queues_it() -> None:
    raw = FERRY_TALKS.replace("\n", "\r\n") + "\r\n\r\n"

    result = article_ingest(raw=raw)

    assert result.created
    article = Article.objects.get()
    assert article.raw_text == raw
    assert article.status == ArticleStatus.QUEUED
    assert article.raw_format == RawFormat.TEXT
    assert article.headline == "Ferry Talks Resume in Turku"
    assert article.outlet.name == "Baltic Courier"
    assert article.published_at == dt.datetime(2018, 7, 3, tzinfo=dt.UTC)
    assert article.body.startswith("Negotiators from both ports met in Turku on Monday")


@pytest.mark.django_db
def test_it_stores_uploaded_bytes_as_their_text() -> None:
    raw = FERRY_TALKS.replace("Turku", "Turku (Åbo)").encode("utf-8")

    article_ingest(raw=raw, filename="ferry.txt")

    assert Article.objects.get().raw_text == raw.decode("utf-8")


@pytest.mark.django_db
def test_the_same_words_retypeset_are_the_same_article() -> None:
    first = article_ingest(raw=FERRY_TALKS)

    again = article_ingest(raw=FERRY_TALKS_RETYPESET)

    assert not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1
    assert Article.objects.get().raw_text == FERRY_TALKS  # the first copy is kept as it came


@pytest.mark.django_db
def test_the_same_text_as_html_is_the_same_article() -> None:
    first = article_ingest(raw=FERRY_TALKS)
    html = (
        "<html><body><article><h1>Ferry Talks Resume in Turku</h1>"
        "<p>Negotiators from both ports met in Turku on Monday to discuss the winter "
        "timetable.</p><p>The talks will resume next week, a harbour spokesman said.</p>"
        "</article></body></html>"
    )

    again = article_ingest(raw=html, filename="ferry.html")

    assert (again.created, again.article.pk) == (False, first.article.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "second_url",
    [
        "https://courier.example/2018/07/ferry-talks?utm_source=newsletter&utm_medium=email",
        "https://courier.example/2018/07/ferry-talks#comments",
        "https://courier.example/2018/07/ferry-talks/",
        "HTTPS://Courier.Example/2018/07/ferry-talks/?fbclid=abc123#top",
    ],
)
def test_the_same_page_under_another_spelling_of_its_url_is_a_duplicate(second_url) -> None:
    first = article_ingest(raw=_lighthouse(1), url="https://courier.example/2018/07/ferry-talks")

    # A corrected version of the page: other words, same address.
    again = article_ingest(raw=_lighthouse(2), url=second_url)

    assert (again.created, again.article.pk) == (False, first.article.pk)
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_different_pages_with_different_texts_are_two_articles() -> None:
    article_ingest(raw=_lighthouse(1), url="https://courier.example/lighthouses?page=1")
    second = article_ingest(raw=_lighthouse(2), url="https://courier.example/lighthouses?page=2")

    assert second.created
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_what_the_submitter_says_wins_over_what_the_text_says() -> None:
    result = article_ingest(
        raw=FERRY_TALKS,
        url="https://harbour-news.example/ferries/talks/?utm_campaign=x",
        outlet="Harbour News",
        headline="Winter Ferry Timetable Under Discussion",
        published=dt.date(2018, 7, 2),
    )

    article = Article.objects.get(pk=result.article.pk)
    assert article.canonical_url == "https://harbour-news.example/ferries/talks"
    assert article.outlet.name == "Harbour News"
    assert article.headline == "Winter Ferry Timetable Under Discussion"
    assert article.published_at == dt.datetime(2018, 7, 2, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_a_json_records_own_fields_are_used_and_overrides_still_win() -> None:
    record = {
        "text": "Keepers of the northern lighthouses voted on Friday on a new rota.",
        "headline": "Keepers Vote on Rota",
        "url": "https://coast.example/keepers-vote",
        "outlet": "Coastal Times",
        "published": "2018-07-06",
    }

    result = article_ingest(raw=json.dumps(record), filename="keepers.json", outlet="Coast Weekly")

    article = Article.objects.get(pk=result.article.pk)
    assert article.raw_format == RawFormat.JSON
    assert article.headline == "Keepers Vote on Rota"
    assert article.canonical_url == "https://coast.example/keepers-vote"
    assert article.outlet.name == "Coast Weekly"
    assert article.published_at == dt.datetime(2018, 7, 6, tzinfo=dt.UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw, filename, message",
    [
        ("", None, "empty"),
        ("   \n\t\n  ", None, "empty"),
        (b"", "empty.txt", "empty"),
        ("a" * 1_000_001, None, "the limit is 1 MB"),
        (b"word " * 200_001, "huge.txt", "the limit is 1 MB"),
        (b"Caf\xe9 talks in Turku ended on Monday.", "latin1.txt", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "photo.txt", "binary"),
        ("Talks\x00ended\x00on\x00Monday", None, "binary"),
        ('{"headline": "No text here"}', "record.json", 'neither a "text" nor an "html"'),
        ("{not json at all", "record.json", "not valid JSON"),
    ],
    ids=[
        "empty",
        "whitespace",
        "empty-bytes",
        "oversized-text",
        "oversized-bytes",
        "not-utf8",
        "png",
        "nul-bytes",
        "json-without-text",
        "broken-json",
    ],
)
def test_bad_input_is_refused_with_a_readable_message_and_nothing_is_stored(
    raw, filename, message
) -> None:
    with pytest.raises(ApplicationError) as refused:
        article_ingest(raw=raw, filename=filename, outlet="Harbour News")

    assert message in refused.value.message
    assert refused.value.message.endswith(".")
    assert Article.objects.count() == 0
    assert Outlet.objects.count() == 0


@pytest.mark.django_db
def test_an_oversized_article_reports_its_size_and_the_limit() -> None:
    with pytest.raises(ApplicationError) as refused:
        article_ingest(raw="a" * 1_500_000)

    assert refused.value.extra == {"bytes": 1_500_000, "limit": 1_000_000}
    assert refused.value.message == "The article is 1.5 MB; the limit is 1 MB of text."


@pytest.mark.parametrize(
    "url, canonical",
    [
        ("https://courier.example/2018/07/summit", "https://courier.example/2018/07/summit"),
        ("https://courier.example/2018/07/summit/", "https://courier.example/2018/07/summit"),
        ("HTTPS://Courier.EXAMPLE/2018/07/summit", "https://courier.example/2018/07/summit"),
        ("https://courier.example/summit#live-updates", "https://courier.example/summit"),
        (
            "https://courier.example/summit?utm_source=x&utm_medium=y&utm_campaign=z",
            "https://courier.example/summit",
        ),
        ("https://courier.example/summit?fbclid=a1&gclid=b2", "https://courier.example/summit"),
        ("https://courier.example/summit?ref=home&smid=tw", "https://courier.example/summit"),
        (
            "https://courier.example/summit?page=2&utm_source=x",
            "https://courier.example/summit?page=2",
        ),
        ("https://courier.example/summit?b=2&a=1", "https://courier.example/summit?a=1&b=2"),
        ("  https://courier.example/summit  ", "https://courier.example/summit"),
        ("https://courier.example/", "https://courier.example"),
        # The path is case-sensitive on most servers: it is left as it is.
        ("https://courier.example/Summit/Helsinki", "https://courier.example/Summit/Helsinki"),
    ],
)
def test_canonical_url(url, canonical) -> None:
    assert canonical_url(url) == canonical


@pytest.mark.django_db
def test_an_html_page_in_its_declared_charset_is_stored_as_text() -> None:
    page = (
        "<html><head><meta charset='windows-1251'><title>Саммит</title></head><body><article>"
        "<h1>Москва готовится к саммиту</h1><p>Officials in Москва said on Monday that the "
        "meeting in Helsinki was set for July 16.</p></article></body></html>"
    ).encode("windows-1251")

    article = article_ingest(raw=page, filename="moscow.html").article

    assert "Москва готовится к саммиту" in article.raw_text
    assert article.raw_format == "html"
