"""Helpers the API tests share: the error shape, a fresh throttle per test, the demo corpus."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_CORPUS = ROOT / "demo" / "corpus"


def throttles_reset() -> None:
    """Throttle counters live in the cache: a test starts with a full allowance."""
    from django.core.cache import cache

    cache.clear()


def demo_corpus_load() -> list[int]:
    """The demo corpus through the real pipeline: ingested, then processed here (Celery is
    not eager in the test stack, and the test's transaction never commits, so nothing is
    sent to the broker). Returns the article ids."""
    from articles.ingest_files import submissions_from
    from articles.models import Article, ArticleStatus
    from articles.services import article_ingest, article_process

    submissions, problems = submissions_from([DEMO_CORPUS])
    assert not problems, problems
    ids = [article_ingest(raw=s.raw, filename=s.filename).article.pk for s in submissions]
    for article_id in ids:
        article_process(article_id=article_id)
    failed = dict(
        Article.objects.exclude(status=ArticleStatus.PROCESSED).values_list("pk", "last_error")
    )
    assert not failed, f"demo articles not processed: {failed}"
    return ids


def assert_error(response, status: int, *words: str, parameter: str | None = None) -> dict:
    """The one error shape, with the status and the words expected in the message."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "extra"}, body
    assert isinstance(body["message"], str) and isinstance(body["extra"], dict)
    for word in words:
        assert word.lower() in body["message"].lower(), body["message"]
    if parameter is not None:
        assert body["message"].startswith(f"{parameter}:"), body["message"]
        assert body["extra"].get("parameter") == parameter, body
    return body
