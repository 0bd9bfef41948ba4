"""GET /api/v1/timeline/ and /api/v1/timeline/timelinejs/ as an API client sees them."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from articles.ingest_files import submissions_from
from articles.models import Article, Outlet
from articles.services import article_ingest, article_process
from entities.models import Entity
from tests.api_support import DEMO_CORPUS, assert_error, demo_corpus_load
from tests.factories import article_make, event_make, evidence_make, outlet_make
from timeline.models import Event, EventParticipant
from timeline.selectors import EVIDENCE_SHOWN

# Every test starts with fresh API throttle counters.
pytestmark = pytest.mark.usefixtures("fresh_throttles")

TIMELINE = "/api/v1/timeline/"
TIMELINEJS = "/api/v1/timeline/timelinejs/"


@pytest.fixture
def demo_corpus(db, story_register) -> list[int]:
    return demo_corpus_load()


def _person(slug: str, name: str) -> Entity:
    return Entity.objects.create(kind="person", slug=slug, name=name, review_status="confirmed")


def _place(slug: str, name: str) -> Entity:
    return Entity.objects.create(kind="place", slug=slug, name=name, review_status="confirmed")


# --- acceptance: the demo corpus -------------------------------------------------------------


@pytest.mark.django_db
def test_the_helsinki_summit_is_on_16_july_2018_once_with_all_its_evidence(api, demo_corpus):
    response = api.get(
        TIMELINE, [("entity", "donald-trump"), ("entity", "vladimir-putin"), ("page_size", 100)]
    )

    assert response.status_code == 200, response.content
    # The summit: Trump and Putin meeting in Helsinki, whatever the kind extraction gave it.
    summits = [
        e
        for e in response.json()["results"]
        if e["kind"] in ("summit", "meeting", "talks")
        and (e["place"] or {}).get("slug") == "helsinki"
    ]
    assert [e["date"] for e in summits] == ["2018-07-16"], [
        (e["date"], e["kind"], e["title"]) for e in summits
    ]
    summit = summits[0]
    assert summit["precision"] == "day"
    stored = Event.objects.get(pk=summit["id"])
    assert summit["evidence_count"] == stored.evidence.count() >= 2
    assert len(summit["evidence"]) == min(EVIDENCE_SHOWN, summit["evidence_count"])
    every = api.get(summit["evidence_url"], {"page_size": 100}).json()
    assert every["count"] == summit["evidence_count"] == len(every["results"])
    assert every["results"][: len(summit["evidence"])] == summit["evidence"]
    assert summit["article_count"] == len({e["article"] for e in every["results"]})
    for evidence in every["results"]:
        assert evidence["sentence"] and evidence["headline"] and evidence["outlet"]


@pytest.mark.django_db
def test_putin_and_bolton_together_give_their_27_june_meeting_in_moscow(api, demo_corpus):
    response = api.get(TIMELINE, [("entity", "vladimir-putin"), ("entity", "john-bolton")])

    assert response.status_code == 200, response.content
    events = response.json()["results"]
    meetings = [e for e in events if e["date"] == "2018-06-27"]
    assert len(meetings) == 1, [(e["date"], e["title"]) for e in events]
    meeting = meetings[0]
    assert meeting["place"] and meeting["place"]["slug"] == "moscow", meeting["place"]
    for event in events:  # every event of the answer has both of them
        assert {"vladimir-putin", "john-bolton"} <= {p["slug"] for p in event["participants"]}


# --- what an event looks like ------------------------------------------------------------------


@pytest.mark.django_db
def test_an_event_carries_every_field_a_client_needs(api):
    trump, putin = _person("donald-trump-x", "Donald Trump"), _person("putin-x", "Vladimir Putin")
    helsinki = _place("helsinki-x", "Helsinki")
    outlet = outlet_make("Nordic Wire")
    article = article_make(headline="Leaders meet in Helsinki", outlet=outlet)
    event = event_make(
        title="Trump and Putin meet in Helsinki",
        kind="summit",
        participants=(trump, putin),
        place=helsinki,
        summary="The first full summit.",
        end_date=dt.date(2018, 7, 17),
    )
    evidence_make(event=event, article=article)

    body = api.get(TIMELINE).json()

    assert body["count"] == 1 and body["page"] == 1 and body["pages"] == 1
    (row,) = body["results"]
    assert row == {
        "id": event.pk,
        "slug": event.slug,
        "title": "Trump and Putin meet in Helsinki",
        "kind": "summit",
        "date": "2018-07-16",
        "precision": "day",
        "end_date": "2018-07-17",
        "participants": [
            {"slug": "donald-trump-x", "name": "Donald Trump"},
            {"slug": "putin-x", "name": "Vladimir Putin"},
        ],
        "place": {"slug": "helsinki-x", "name": "Helsinki"},
        "summary": "The first full summit.",
        "article_count": 1,
        "evidence": [
            {
                "article": article.pk,
                "headline": "Leaders meet in Helsinki",
                "outlet": outlet.name,
                "published": "2018-07-02T09:00:00Z",
                "url": None,
                "sentence": article.body[:40],
                "date_expression": "on Monday",
            }
        ],
        "evidence_count": 1,
        "evidence_url": f"http://testserver/api/v1/timeline/{event.slug}/evidence/",
    }


@pytest.mark.django_db
def test_a_date_is_cut_to_its_precision(api):
    event_make(date=dt.date(2018, 6, 1), precision="month")
    event_make(date=dt.date(2014, 1, 1), precision="year")

    dates = [(e["date"], e["precision"]) for e in api.get(TIMELINE).json()["results"]]

    assert dates == [("2014", "year"), ("2018-06", "month")]


# --- filters -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_several_entities_give_the_events_with_all_of_them(api):
    trump, putin, bolton = (
        _person("trump-y", "Donald Trump"),
        _person("putin-y", "Vladimir Putin"),
        _person("bolton-y", "John Bolton"),
    )
    both = event_make(title="Putin receives Bolton", participants=(putin, bolton))
    event_make(title="Trump and Putin", participants=(trump, putin))
    event_make(title="Bolton alone", participants=(bolton,))

    response = api.get(TIMELINE, [("entity", "putin-y"), ("entity", "bolton-y")])

    assert [e["id"] for e in response.json()["results"]] == [both.pk]


@pytest.mark.django_db
def test_a_merged_entitys_old_slug_filters_as_its_target(api):
    putin = _person("vladimir-putin-z", "Vladimir Putin")
    _person_old = Entity.objects.create(
        kind="person", slug="v-putin-old", name="V. Putin", merged_into=putin
    )
    event = event_make(participants=(putin,))

    response = api.get(TIMELINE, {"entity": _person_old.slug})

    assert [e["id"] for e in response.json()["results"]] == [event.pk]


@pytest.mark.django_db
def test_a_date_range_matches_events_by_their_precision(api):
    june = event_make(title="Sometime in June", date=dt.date(2018, 6, 1), precision="month")
    early = event_make(title="Early June", date=dt.date(2018, 6, 3))
    july = event_make(title="Summit", date=dt.date(2018, 7, 16))
    event_make(title="Year of the annexation", date=dt.date(2014, 1, 1), precision="year")

    def ids(**params) -> list[int]:
        response = api.get(TIMELINE, params)
        assert response.status_code == 200, response.content
        return [e["id"] for e in response.json()["results"]]

    assert ids(**{"from": "2018-06-15", "to": "2018-07"}) == [june.pk, july.pk]
    assert ids(**{"from": "2018-06", "to": "2018-06"}) == [june.pk, early.pk]
    assert ids(**{"from": "2018"}) == [june.pk, early.pk, july.pk]
    assert ids(to="2018-06-02") != []  # 2014 and "June 2018" reach that far
    assert ids(precision="month") == [june.pk]


@pytest.mark.django_db
def test_kind_is_repeatable_and_matches_any(api):
    call = event_make(kind="call")
    summit = event_make(kind="summit")
    event_make(kind="tweet")

    response = api.get(TIMELINE, [("kind", "call"), ("kind", "summit")])

    assert {e["id"] for e in response.json()["results"]} == {call.pk, summit.pk}


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"from": "2018-13-40"}, "from"),
        ({"to": "2018-02-30"}, "to"),
        ({"from": "July 2018"}, "from"),
        ({"from": "2018-07", "to": "2018-06"}, "from"),
        ({"entity": "nobody-at-all"}, "entity"),
        ({"kind": "party"}, "kind"),
        ({"precision": "week"}, "precision"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "1000"}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "YWZ0ZXIuMjAxOC0xMy0wMS4yMDE4LTEzLTAxLjE"}, "cursor"),  # month 13
    ],
)
@pytest.mark.django_db
def test_a_bad_filter_is_a_400_naming_the_parameter(api, params, parameter):
    for url in (TIMELINE, TIMELINEJS):
        if url == TIMELINEJS and parameter in ("page", "page_size", "cursor"):
            continue  # the TimelineJS document is not paginated
        assert_error(api.get(url, params), 400, parameter=parameter)


@pytest.mark.django_db
def test_a_page_past_the_last_is_a_404_in_the_error_shape(api):
    event_make()

    body = assert_error(api.get(TIMELINE, {"page": 3}), 404, "page 3", parameter="page")

    assert body["extra"]["last_page"] == 1


@pytest.mark.django_db
def test_pages_are_stable_and_cover_every_event_once(api):
    # Several events on the same day: the order must still be total (date, end, id).
    made = [event_make(date=dt.date(2018, 7, 16 - n % 3)) for n in range(7)]

    seen: list[int] = []
    url: str | None = f"{TIMELINE}?page_size=3"
    while url:
        body = api.get(url).json()
        seen += [e["id"] for e in body["results"]]
        url = body["next"]

    expected = sorted(made, key=lambda e: (e.date, e.period_end, e.pk))
    assert seen == [e.pk for e in expected]
    assert api.get(TIMELINE, {"page_size": 3, "page": 2}).json()["previous"]


def _follow(api, url: str, link: str = "next") -> list[dict]:
    bodies = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        bodies.append(response.json())
        url = bodies[-1][link]
    return bodies


@pytest.mark.django_db
def test_next_and_previous_carry_a_cursor_and_walk_the_same_pages_as_numbers(api):
    made = [event_make(date=dt.date(2018, 7, 1 + n % 4)) for n in range(11)]
    expected = [e.pk for e in sorted(made, key=lambda e: (e.date, e.period_end, e.pk))]

    forward = _follow(api, f"{TIMELINE}?page_size=3")
    backward = _follow(api, forward[-2]["next"], "previous")  # from the last page back

    assert [b["page"] for b in forward] == [1, 2, 3, 4]
    assert all("cursor=" in b["next"] for b in forward[:-1])
    for body in forward:
        by_number = api.get(TIMELINE, {"page_size": 3, "page": body["page"]}).json()
        assert body["results"] == by_number["results"] and body["count"] == 11
    assert [e["id"] for b in forward for e in b["results"]] == expected
    assert [b["page"] for b in backward] == [4, 3, 2, 1]
    assert [e["id"] for b in reversed(backward) for e in b["results"]] == expected


@pytest.mark.django_db
def test_a_cursor_without_its_page_number_is_counted(api):
    for n in range(7):
        event_make(date=dt.date(2018, 7, 1 + n))
    second = api.get(TIMELINE, {"page_size": 3}).json()["next"]
    cursor = second.split("cursor=")[1].split("&")[0]

    body = api.get(TIMELINE, {"page_size": 3, "cursor": cursor}).json()

    assert body["page"] == 2 and len(body["results"]) == 3


@pytest.mark.django_db
def test_a_deep_page_through_its_link_costs_what_the_first_does(api):
    _events(40)
    pages = _follow(api, f"{TIMELINE}?page_size=4")
    deep = pages[-1]["previous"]  # page 9, reached by its cursor

    with CaptureQueriesContext(connection) as first:
        api.get(TIMELINE, {"page_size": 4})
    with CaptureQueriesContext(connection) as far:
        response = api.get(deep)

    assert response.status_code == 200 and response.json()["page"] == 9
    assert len(far) == len(first)
    assert not any("OFFSET" in q["sql"] for q in far.captured_queries)


@pytest.mark.django_db
def test_a_row_shows_the_first_reports_by_publication_and_counts_them_all(api):
    event = event_make()
    outlet = outlet_make()
    start = dt.datetime(2018, 7, 20, 9, tzinfo=dt.UTC)
    articles = [
        article_make(outlet=outlet, published_at=start - dt.timedelta(hours=n)) for n in range(8)
    ]
    for article in articles:
        evidence_make(event=event, article=article)

    (row,) = api.get(TIMELINE).json()["results"]

    assert row["evidence_count"] == 8 and row["article_count"] == 8
    earliest = [a.pk for a in sorted(articles, key=lambda a: a.published_at)][:EVIDENCE_SHOWN]
    assert [e["article"] for e in row["evidence"]] == earliest
    every = api.get(row["evidence_url"]).json()
    assert [e["article"] for e in every["results"]][:EVIDENCE_SHOWN] == earliest
    assert every["count"] == 8


@pytest.mark.django_db
def test_reports_follow_a_corrected_publication_date(api):
    event = event_make()
    early, late = article_make(), article_make()
    Article.objects.filter(pk=early.pk).update(published_at=dt.datetime(2018, 7, 1, tzinfo=dt.UTC))
    Article.objects.filter(pk=late.pk).update(published_at=dt.datetime(2018, 7, 9, tzinfo=dt.UTC))
    for article in (late, early):
        evidence_make(event=event, article=article)

    Article.objects.filter(pk=early.pk).update(published_at=dt.datetime(2018, 7, 30, tzinfo=dt.UTC))
    (row,) = api.get(TIMELINE).json()["results"]

    assert [e["article"] for e in row["evidence"]] == [late.pk, early.pk]
    assert row["evidence"][1]["published"] == "2018-07-30T00:00:00Z"


@pytest.mark.django_db
def test_the_evidence_of_an_unknown_event_is_a_404_in_the_error_shape(api):
    body = assert_error(api.get(f"{TIMELINE}no-such-event/evidence/"), 404, "no-such-event")

    assert body["extra"]["slug"] == "no-such-event"


# --- conditional requests ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_answer_has_an_etag_and_a_last_modified_and_a_304_when_unchanged(api):
    event = event_make()

    first = api.get(TIMELINE)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    by_etag = api.get(TIMELINE, HTTP_IF_NONE_MATCH=etag)
    by_date = api.get(TIMELINE, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert first.status_code == 200 and etag and last_modified
    assert by_etag.status_code == 304 and by_etag["ETag"] == etag and not by_etag.content
    assert by_date.status_code == 304
    assert api.get(TIMELINEJS, HTTP_IF_NONE_MATCH=etag).status_code == 200  # another URL
    assert api.get(TIMELINE, {"kind": "meeting"})["ETag"] != etag

    time.sleep(1.01)  # Last-Modified counts whole seconds
    evidence_make(event=event, article=article_make())  # the timeline changes

    again = api.get(TIMELINE, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag
    assert api.get(TIMELINE, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        "a new event",
        "a new report",
        "a report removed",
        "a new participant",
        "an event edited in bulk",
        "a participant renamed",
        "a headline corrected",
        "an outlet renamed",
    ],
)
@pytest.mark.django_db
def test_every_change_a_row_shows_gives_a_new_etag(api, change):
    person = _person("etag-person", "Person Before")
    outlet = outlet_make("Outlet Before")
    article = article_make(outlet=outlet)
    event = event_make(participants=(person,))
    evidence = evidence_make(event=event, article=article)
    etag = api.get(TIMELINE)["ETag"]

    if change == "a new event":
        event_make()
    elif change == "a new report":
        evidence_make(event=event, article=article_make())
    elif change == "a report removed":
        evidence.delete()
    elif change == "a new participant":
        EventParticipant.objects.create(event=event, entity=_person("etag-other", "Other"))
    elif change == "an event edited in bulk":
        Event.objects.filter(pk=event.pk).update(title="Renamed in bulk")
    elif change == "a participant renamed":
        Entity.objects.filter(pk=person.pk).update(name="Person After")
    elif change == "a headline corrected":
        Article.objects.filter(pk=article.pk).update(headline="A corrected headline")
    elif change == "an outlet renamed":
        Outlet.objects.filter(pk=outlet.pk).update(name="Outlet After")

    assert api.get(TIMELINE, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db
def test_an_unrelated_write_keeps_the_etag(api):
    article = article_make()
    evidence_make(event=event_make(), article=article)
    etag = api.get(TIMELINE)["ETag"]

    Article.objects.filter(pk=article.pk).update(last_error="a note no timeline row shows")

    assert api.get(TIMELINE, HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.django_db
def test_the_etag_costs_one_row_however_big_the_timeline(api):
    with CaptureQueriesContext(connection) as captured:
        api.get(TIMELINE, HTTP_IF_NONE_MATCH='W/"anything"')
    version_queries = [q["sql"] for q in captured if "timeline_timelineversion" in q["sql"]]

    assert len(version_queries) == 1
    assert "timeline_event" not in version_queries[0].replace("timeline_timelineversion", "")


@pytest.mark.django_db
def test_the_timelinejs_document_answers_a_304_too(api):
    event_make()

    etag = api.get(TIMELINEJS)["ETag"]

    assert api.get(TIMELINEJS, HTTP_IF_NONE_MATCH=etag).status_code == 304


# --- cost --------------------------------------------------------------------------------------


def _queries_for(api, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured)


def _events(count: int) -> None:
    people = [_person(f"person-{n}-{count}", f"Person {n}") for n in range(3)]
    place = _place(f"place-{count}", "Helsinki")
    outlet = outlet_make()
    for n in range(count):
        event = event_make(participants=tuple(people), place=place)
        for _ in range(2):
            evidence_make(event=event, article=article_make(outlet=outlet))
        assert n < count


@pytest.mark.django_db
def test_a_page_costs_the_same_few_queries_for_3_rows_or_30(api):
    _events(3)
    small = _queries_for(api, TIMELINE, {"page_size": 3})
    small_js = _queries_for(api, TIMELINEJS, {})
    _events(27)
    large = _queries_for(api, TIMELINE, {"page_size": 30})
    large_js = _queries_for(api, TIMELINEJS, {})

    assert small == large <= 6
    assert small_js == large_js <= 5


@pytest.mark.django_db
def test_a_page_costs_the_same_with_one_report_an_event_or_twenty(api):
    outlet = outlet_make()
    events = [event_make() for _ in range(3)]
    for event in events:
        evidence_make(event=event, article=article_make(outlet=outlet))
    few = _queries_for(api, TIMELINE, {})
    for event in events:
        for _ in range(19):
            evidence_make(event=event, article=article_make(outlet=outlet))
    many = _queries_for(api, TIMELINE, {})
    body = api.get(TIMELINE).json()

    assert few == many
    assert all(len(e["evidence"]) == EVIDENCE_SHOWN for e in body["results"])
    assert all(e["evidence_count"] == 20 for e in body["results"])


# --- access --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reads_are_public_and_throttled_per_client_with_retry_after(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "100/minute"},
    }
    other = APIClient(REMOTE_ADDR="10.0.0.9")

    answers = [api.get(TIMELINE).status_code for _ in range(2)]
    refused = api.get(TIMELINE)

    assert answers == [200, 200]
    body = assert_error(refused, 429, "throttled")
    assert int(refused["Retry-After"]) > 0
    assert body["extra"]["retry_after_seconds"] == int(refused["Retry-After"])
    assert other.get(TIMELINE).status_code == 200  # another client has its own allowance


@pytest.mark.django_db
def test_writing_to_the_timeline_is_not_allowed(api):
    response = api.post(TIMELINE, {}, format="json")

    assert_error(response, 405)


# --- TimelineJS ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_timelinejs_document_follows_the_format_field_by_field(api):
    """Knight Lab's format (timeline.knightlab.com/docs/json-format.html): a title slide with
    text, events with start_date {year, month, day} (numbers; month and day only as known),
    optional end_date, text {headline, text} as HTML, group and unique_id."""
    trump = _person("trump-js", "Donald Trump")
    article = article_make(headline="Tom & Jerry <b>bold</b>")
    day = event_make(
        title="Summit <script>alert(1)</script>",
        kind="summit",
        participants=(trump,),
        summary="Talks & lunch",
        end_date=dt.date(2018, 7, 17),
    )
    evidence_make(event=day, article=article)
    month = event_make(
        title="Calls in June", kind="call", date=dt.date(2018, 6, 1), precision="month"
    )
    year = event_make(title="Crimea", kind="annexation", date=dt.date(2014, 1, 1), precision="year")

    response = api.get(TIMELINEJS)

    assert response.status_code == 200
    document = response.json()
    assert set(document) == {"title", "events"}
    assert set(document["title"]) == {"text"}
    assert set(document["title"]["text"]) == {"headline", "text"}
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert list(slides) == [year.slug, month.slug, day.slug]  # in date order
    for slide in document["events"]:
        assert set(slide) <= {"start_date", "end_date", "text", "group", "unique_id"}
        assert set(slide["text"]) == {"headline", "text"}
        for key in ("start_date", "end_date"):
            if key in slide:
                assert all(type(v) is int for v in slide[key].values())
    assert slides[day.slug]["start_date"] == {"year": 2018, "month": 7, "day": 16}
    assert slides[day.slug]["end_date"] == {"year": 2018, "month": 7, "day": 17}
    assert slides[month.slug]["start_date"] == {"year": 2018, "month": 6}
    assert slides[year.slug]["start_date"] == {"year": 2014}
    assert "end_date" not in slides[month.slug]
    assert slides[day.slug]["group"] == "summit"
    assert slides[month.slug]["group"] == "phone call"
    text = slides[day.slug]["text"]
    assert text["headline"] == "Summit &lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<p>Talks &amp; lunch</p>" in text["text"]
    assert "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;" in text["text"]
    assert "<script" not in json.dumps(document) and "<b>" not in json.dumps(document)


def _timelinejs_dist(tmp_path_factory) -> Path:
    """TimelineJS from the npm registry, installed into a temporary folder."""
    ready = os.environ.get("TIMELINEJS_DIST")
    if ready and (Path(ready) / "js" / "timeline.js").exists():
        return Path(ready)
    npm = shutil.which("npm")
    if not npm:
        pytest.skip("npm is not installed: TimelineJS cannot be fetched")
    folder = tmp_path_factory.mktemp("timelinejs")
    result = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(folder),
            "@knight-lab/timelinejs@3",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    dist = folder / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
    if result.returncode != 0 or not (dist / "js" / "timeline.js").exists():
        pytest.skip(f"TimelineJS could not be installed from npm: {result.stderr[-300:]}")
    return dist


@pytest.fixture(scope="session")
def timelinejs_dist(tmp_path_factory) -> Path:
    return _timelinejs_dist(tmp_path_factory)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_export_of_the_demo_corpus_loads_in_timelinejs(
    story_register, live_server, page, timelinejs_dist, artifacts_dir
):
    submissions, _ = submissions_from([DEMO_CORPUS])
    for submission in submissions:
        article = article_ingest(raw=submission.raw, filename=submission.filename).article
        article_process(article_id=article.pk)
    expected = Event.objects.exclude(review_status="rejected").count()
    assert expected > 0

    # TimelineJS is served from the test's own folder under the live server's origin, so
    # the page fetches the export from the same origin, as a newsroom's embed would.
    harness = f"{live_server.url}/__timelinejs__/"
    assets = {
        "timeline.js": (timelinejs_dist / "js" / "timeline.js", "text/javascript"),
        "timeline.css": (timelinejs_dist / "css" / "timeline.css", "text/css"),
    }
    html = f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="timeline.css"><script src="timeline.js"></script></head>
<body><div id="timeline-embed" style="width:100%;height:600px"></div><script>
window.tlErrors = [];
fetch("{TIMELINEJS}").then(r => r.json()).then(data => {{
  window.exported = data;
  window.timeline = new TL.Timeline("timeline-embed", data, {{}});
  window.timeline.on("loaded", () => {{ window.tlLoaded = true; }});
}}).catch(e => window.tlErrors.push(String(e)));
</script></body></html>"""

    def serve(route):
        name = route.request.url.rsplit("/", 1)[-1]
        if name in assets:
            path, kind = assets[name]
            route.fulfill(body=path.read_bytes(), content_type=kind)
        else:
            route.fulfill(body=html, content_type="text/html")

    page.route(f"{harness}**", serve)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(harness)
    page.wait_for_function("window.tlLoaded === true || window.tlErrors.length > 0", timeout=30000)

    assert page.evaluate("window.tlErrors") == []
    assert problems == []
    assert page.evaluate("timeline.config.isValid()") is True
    assert page.evaluate("timeline.config.getErrors()") == []
    assert page.evaluate("timeline.config.events.length") == expected
    assert page.evaluate("window.exported.events.length") == expected
    summit = page.evaluate(
        "timeline.config.events.filter(e => e.start_date.data.year === 2018 &&"
        " e.start_date.data.month === 7 && e.start_date.data.day === 16).length"
    )
    assert summit >= 1
    assert page.locator(".tl-slide").count() >= expected
    page.screenshot(path=str(artifacts_dir / "timelinejs-demo.png"))


@pytest.mark.django_db
def test_an_anonymous_client_is_counted_by_the_anonymous_limit_only(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute", "user": "2/minute"},
    }

    answers = [api.get(TIMELINE).status_code for _ in range(5)]

    assert answers == [200] * 5
    assert api.get(TIMELINE).status_code == 429
