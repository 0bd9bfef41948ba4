"""manage.py ingest PATH... and manage.py reprocess [ID...] [--all] as an operator uses them."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleStatus
from tests.factories import article_make


def _story(n: int, place: str) -> str:
    return (
        f"Ferry Line {n} Reopens\n\n"
        "July 5, 2018\n\n"
        f"The ferry line {n} to {place} reopened on Wednesday after a two-week strike ended.\n"
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder as an operator would fill it: every accepted kind of file, and a stray PDF."""
    (tmp_path / "a_turku.txt").write_text(_story(1, "Turku"), encoding="utf-8")
    (tmp_path / "b_mariehamn.html").write_text(
        "<html><body><article><h1>Ferry Line 2 Reopens</h1>"
        "<p>The ferry line 2 to Mariehamn reopened on Wednesday after a two-week strike "
        "ended.</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "c_tallinn.json").write_text(
        json.dumps({"text": _story(3, "Tallinn"), "outlet": "Harbour News"}), encoding="utf-8"
    )
    records = [
        json.dumps({"text": _story(4, "Stockholm"), "url": "https://harbour.example/4"}),
        json.dumps({"text": _story(5, "Visby"), "url": "https://harbour.example/5"}),
        '{"text": "The ferry line 6 to',  # cut off in the middle: this line fails alone
    ]
    (tmp_path / "d_feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (tmp_path / "e_timetable.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    return tmp_path


def _ingest(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_ingests_a_folder_and_ends_with_one_summary_line(folder) -> None:
    out, err = _ingest(str(folder))

    assert out.strip().splitlines()[-1] == "5 new, 0 duplicates, 1 failed"
    assert f"failed: {folder / 'd_feed.jsonl'}:3: The file is not valid JSON" in err
    assert Article.objects.count() == 5
    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.QUEUED}
    assert set(Article.objects.values_list("raw_format", flat=True)) == {"text", "html", "json"}
    assert Article.objects.get(canonical_url="https://harbour.example/5").body.startswith(
        "The ferry line 5 to Visby"
    )


@pytest.mark.django_db
def test_files_of_other_kinds_inside_a_folder_are_passed_over(folder) -> None:
    out, err = _ingest(str(folder))

    assert "e_timetable.pdf" not in out + err
    assert not Article.objects.filter(raw_text__contains="%PDF").exists()


@pytest.mark.django_db
def test_running_it_again_finds_only_duplicates(folder) -> None:
    _ingest(str(folder))

    out, _err = _ingest(str(folder))

    assert out.strip().splitlines()[-1] == "0 new, 5 duplicates, 1 failed"
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_files_named_one_by_one_are_ingested_and_bad_ones_reported(folder, tmp_path) -> None:
    missing = tmp_path / "nowhere.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")

    out, err = _ingest(
        str(folder / "a_turku.txt"),
        str(folder / "e_timetable.pdf"),
        str(missing),
        str(empty),
    )

    assert out.strip() == "1 new, 0 duplicates, 3 failed"
    assert f"failed: {folder / 'e_timetable.pdf'}: not one of .txt, .html" in err
    assert f"failed: {missing}: no such file or folder" in err
    assert f"failed: {empty}: The file is empty." in err


@pytest.mark.django_db
def test_it_stops_with_an_error_when_nothing_could_be_ingested(tmp_path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Caf\xe9 owners met on Monday.")

    with pytest.raises(CommandError, match="nothing was ingested"):
        _ingest(str(tmp_path / "bad.txt"))
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_reprocess_queues_the_named_articles_again() -> None:
    done = [article_make(status=ArticleStatus.PROCESSED) for _ in range(3)]
    out = StringIO()

    call_command("reprocess", str(done[0].pk), str(done[2].pk), stdout=out)

    assert out.getvalue().strip() == "2 articles queued for reprocessing."
    statuses = {a.pk: a.status for a in Article.objects.all()}
    assert statuses == {
        done[0].pk: ArticleStatus.QUEUED,
        done[1].pk: ArticleStatus.PROCESSED,
        done[2].pk: ArticleStatus.QUEUED,
    }


@pytest.mark.django_db
def test_reprocess_all_queues_every_article_but_those_being_processed() -> None:
    article_make(status=ArticleStatus.PROCESSED)
    article_make(status=ArticleStatus.FAILED)
    busy = article_make(status=ArticleStatus.PROCESSING)
    out = StringIO()

    call_command("reprocess", "--all", stdout=out)

    assert out.getvalue().strip() == "2 articles queued for reprocessing."
    assert (
        list(Article.objects.exclude(pk=busy.pk).values_list("status", flat=True))
        == [ArticleStatus.QUEUED] * 2
    )
    busy.refresh_from_db()
    assert busy.status == ArticleStatus.PROCESSING


@pytest.mark.django_db
def test_reprocess_without_ids_or_all_is_an_error() -> None:
    article_make(status=ArticleStatus.PROCESSED)

    with pytest.raises(CommandError, match=r"Name article ids, or pass --all\."):
        call_command("reprocess")
    assert Article.objects.get().status == ArticleStatus.PROCESSED


@pytest.mark.django_db
def test_one_bad_record_fails_alone_and_the_batch_goes_on(tmp_path) -> None:
    records = [
        json.dumps({"text": _story(7, "Hanko"), "url": "https://harbour.example/" + "a" * 2100}),
        json.dumps({"text": _story(8, "Kotka"), "headline": "Ferry\x00Line 8"}),
        json.dumps({"text": _story(9, "Oulu"), "url": "javascript:alert(document.cookie)"}),
        json.dumps({"text": _story(10, "Pori"), "url": "https://harbour.example/10"}),
    ]
    (tmp_path / "a_feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (tmp_path / "b_later.txt").write_text(_story(11, "Vaasa"), encoding="utf-8")

    out, err = _ingest(str(tmp_path))

    assert out.strip().splitlines()[-1] == "2 new, 0 duplicates, 3 failed"
    assert f"failed: {tmp_path / 'a_feed.jsonl'}:1: url: the address is over 2000" in err
    assert f"failed: {tmp_path / 'a_feed.jsonl'}:2: headline: the text contains a NUL" in err
    assert f"failed: {tmp_path / 'a_feed.jsonl'}:3: url: only http and https" in err
    assert "Traceback" not in err
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Ferry Line 10 Reopens",
        "Ferry Line 11 Reopens",
    ]
