"""Writes around articles: receiving them, processing them, re-queuing them.

The flow: ``article_ingest`` stores the raw input with status ``queued`` and enqueues
the task on commit; the task calls ``article_process``, which claims the article, runs
extraction and writes everything it found in one transaction (``articles.linking``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, ArticleStatus, Outlet, RawFormat
from extraction.results import Document
from summit_kb.errors import ApplicationError
from summit_kb.security import is_outside_url

logger = logging.getLogger(__name__)

# Bump when extraction or linking changes what they find: processed articles of an older
# version are re-queued by the sweep, so the whole knowledge base follows the new rules.
PIPELINE_VERSION = "1"

MAX_INPUT_BYTES = 1_000_000  # an article of over 1 MB of text is refused with a message
# What may arrive around it: a JSON record can spell each character of its text in six
# bytes (\u escapes), so a record is measured by its article, up to this ceiling.
MAX_RAW_BYTES = 6 * MAX_INPUT_BYTES
URL_MAX_LENGTH = Article._meta.get_field("canonical_url").max_length

_TRACKING_PARAMETER = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ocid$|cmpid$|ref$|smid$)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def article_ingest(
    *,
    raw: str | bytes,
    filename: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    headline: str | None = None,
    published: dt.date | dt.datetime | None = None,
    submitted_by: Any = None,
) -> IngestResult:
    """Store one article as received, status ``queued``, and enqueue its processing on commit.

    ``raw`` is a .txt, .html or .json document (``filename`` helps tell which); the other
    arguments are what an editor or API client said, and win over what the text says.
    A duplicate (same canonical URL, or same normalised body) is not stored again: the
    existing article is returned with ``created=False`` — also when ten copies arrive at
    once, since the database's unique constraints decide the race.

    Raises ``ApplicationError`` with a message a person understands for empty, oversized
    or undecodable input; nothing is stored then.
    """
    from extraction.parse import DocumentError, decode_document, parse_document

    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    # Text and HTML are measured as they come; a JSON record by the article it holds.
    if size > (MAX_RAW_BYTES if _looks_like_json(raw, filename) else MAX_INPUT_BYTES):
        _refuse_size(size)
    try:
        document = parse_document(raw, filename=filename)
    except DocumentError as exc:
        raise ApplicationError(str(exc)) from None
    if size > MAX_INPUT_BYTES:
        text_size = len(document.body.encode("utf-8", "surrogatepass"))
        if text_size > MAX_INPUT_BYTES:
            _refuse_size(text_size)
    document = _apply_overrides(document, url=url, headline=headline, published=published)
    if not document.body.strip():
        raise ApplicationError("No article text was found in the input.")
    _check_fields(document, outlet=outlet)
    # Text is kept as it came; bytes as the parser decoded them (an HTML page's charset).
    raw_text = raw if isinstance(raw, str) else decode_document(raw, filename=filename)
    canonical = canonical_url(document.url) if document.url else None
    content_hash = body_hash(document.body)

    existing = _find_duplicate(canonical, content_hash)
    if existing is not None:
        return IngestResult(existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                canonical_url=canonical,
                headline=(document.headline or "")[:500],
                byline=(document.byline or "")[:300],
                published_at=document.published,
                outlet=_outlet_for(outlet or document.outlet),
                raw_text=raw_text,
                raw_format=_raw_format(raw_text, filename),
                body=document.body,
                content_hash=content_hash,
                status=ArticleStatus.QUEUED,
                submitted_by=submitted_by if getattr(submitted_by, "pk", None) else None,
            )
            transaction.on_commit(lambda: article_enqueue(article_id=article.pk))
    except IntegrityError:
        # Another request stored the same article between our look-up and our insert.
        existing = _find_duplicate(canonical, content_hash)
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return IngestResult(article, created=True)


def _check_fields(document: Document, *, outlet: str | None) -> None:
    """Refuse, naming the field, what the database or a page could not take: a NUL
    character (PostgreSQL stores no text holding one), an address too long for its column,
    an outside link that is not http(s) (a ``javascript:`` URL would run when clicked)."""
    fields = {
        "body": document.body,
        "headline": document.headline,
        "byline": document.byline,
        "outlet": outlet or document.outlet,
        "url": document.url,
    }
    for name, value in fields.items():
        if value and "\x00" in value:
            raise ApplicationError(f"{name}: the text contains a NUL character.", {"field": name})
    if document.url:
        if not is_outside_url(document.url):
            raise ApplicationError(
                f"url: only http and https addresses are taken, not {document.url[:80]!r}.",
                {"field": "url"},
            )
        if len(canonical_url(document.url)) > URL_MAX_LENGTH:
            raise ApplicationError(
                f"url: the address is over {URL_MAX_LENGTH} characters.", {"field": "url"}
            )


def _refuse_size(size: int) -> None:
    raise ApplicationError(
        f"The article is {size / 1_000_000:.1f} MB; the limit is 1 MB of text.",
        {"bytes": size, "limit": MAX_INPUT_BYTES},
    )


def _looks_like_json(raw: str | bytes, filename: str | None) -> bool:
    if filename:
        return filename.lower().endswith((".json", ".jsonl"))
    head = raw[:64].lstrip()
    return head.startswith("{" if isinstance(head, str) else b"{")


def article_enqueue(*, article_id: int) -> bool:
    """Send the processing task; False when the broker is unreachable.

    The article is already committed as ``queued``, so a broker outage loses nothing: the
    periodic sweep sends it again once the broker is back.
    """
    from articles.tasks import process_article_task

    try:
        process_article_task.delay(article_id)
    except Exception:  # kombu raises many kinds of connection errors; all mean "later"
        logger.warning("broker unreachable: article %s stays queued for the sweep", article_id)
        return False
    return True


def article_mark_failed(*, article_id: int, reason: str) -> None:
    """Record a permanent failure; the raw text stays for an editor to look at."""
    Article.objects.filter(pk=article_id).update(
        status=ArticleStatus.FAILED, last_error=reason[:2000], status_changed_at=timezone.now()
    )


def articles_requeue(*, article_ids: list[int] | None = None, every: bool = False) -> int:
    """Put articles back in the queue for reprocessing (editors' decisions are kept).

    Returns how many were re-queued. Articles being processed right now are left alone.
    """
    if not every and not article_ids:
        return 0
    queryset = Article.objects.exclude(status=ArticleStatus.PROCESSING)
    if not every:
        queryset = queryset.filter(pk__in=article_ids)
    ids = list(queryset.values_list("pk", flat=True))
    return _requeue_ids(ids)


def articles_sweep(
    *,
    queued_for: dt.timedelta | None = None,
    processing_for: dt.timedelta | None = None,
    running: set[int] | None = None,
) -> int:
    """Re-queue articles stuck ``queued`` (the broker was down) or ``processing`` (a worker
    died), and processed articles of an older pipeline version. Run by Celery beat.

    ``running`` is what the live workers said they are processing right now: an article in
    ``processing`` that none of them holds is re-queued after a short grace (its worker was
    killed), instead of waiting out ``processing_for``. Without an answer (None) only the
    time limit decides.
    """
    now = timezone.now()
    queued_for = queued_for if queued_for is not None else settings.ARTICLE_QUEUED_STALE_AFTER
    processing_for = (
        processing_for if processing_for is not None else settings.ARTICLE_PROCESSING_STALE_AFTER
    )
    stuck = Q(status=ArticleStatus.QUEUED, status_changed_at__lte=now - queued_for) | Q(
        status=ArticleStatus.PROCESSING, status_changed_at__lte=now - processing_for
    )
    if running is not None:
        # The grace covers a claim made between the workers' answer and this query.
        orphaned = Q(
            status=ArticleStatus.PROCESSING,
            status_changed_at__lte=now - settings.ARTICLE_ORPHAN_GRACE,
        ) & ~Q(pk__in=running)
        stuck |= orphaned
    outdated = Q(status=ArticleStatus.PROCESSED) & ~Q(pipeline_version=PIPELINE_VERSION)
    ids = list(
        Article.objects.filter(stuck | outdated)
        .order_by("pk")
        .values_list("pk", flat=True)[: settings.ARTICLE_SWEEP_BATCH]
    )
    return _requeue_ids(ids)


def article_release(
    *, article_id: int, claimed_between: tuple[dt.datetime, dt.datetime] | None = None
) -> bool:
    """Put an article this worker claimed back to ``queued`` (its task hit a transient
    error and will retry). With ``claimed_between``, only when the claim is still the one
    made in that interval: a later claim by another worker is left alone."""
    held = Article.objects.filter(pk=article_id, status=ArticleStatus.PROCESSING)
    if claimed_between is not None:
        held = held.filter(status_changed_at__range=claimed_between)
    return held.update(status=ArticleStatus.QUEUED, status_changed_at=timezone.now()) == 1


def _requeue_ids(ids: list[int]) -> int:
    if not ids:
        return 0
    Article.objects.filter(pk__in=ids).update(
        status=ArticleStatus.QUEUED, status_changed_at=timezone.now()
    )
    for article_id in ids:
        transaction.on_commit(lambda article_id=article_id: article_enqueue(article_id=article_id))
    return len(ids)


def article_claim(*, article_id: int) -> int | None:
    """Take a queued article for processing; the attempt number, or None when not ours.

    A conditional update, so two workers handed the same article cannot both take it.
    """
    claimed = Article.objects.filter(pk=article_id, status=ArticleStatus.QUEUED).update(
        status=ArticleStatus.PROCESSING,
        attempts=F("attempts") + 1,
        status_changed_at=timezone.now(),
    )
    if claimed != 1:
        return None
    return Article.objects.filter(pk=article_id).values_list("attempts", flat=True).get()


def article_process(*, article_id: int) -> str:
    """Claim, extract, link. Returns what happened, for the task's log line."""
    from articles.linking import facts_link
    from entities.selectors import register_from_database
    from extraction.pipeline import extract_document

    attempt = article_claim(article_id=article_id)
    if attempt is None:
        if not Article.objects.filter(pk=article_id).exists():
            return "gone"
        return "not queued"
    article = Article.objects.get(pk=article_id)
    document = Document(
        body=article.body,
        headline=article.headline or None,
        published=article.published_at,
        byline=article.byline or None,
        url=article.canonical_url,
    )
    try:
        extraction = extract_document(document, register=register_from_database())
    except Exception as exc:
        logger.exception("extraction failed for article %s", article_id)
        article_mark_failed(article_id=article_id, reason=f"Extraction failed: {exc!r}")
        return "failed"
    return (
        "processed"
        if facts_link(article_id=article_id, attempt=attempt, extraction=extraction)
        else "superseded"
    )


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no fragment, no tracking
    parameters, no trailing slash.

    >>> canonical_url("HTTPS://News.Example/2018/07/helsinki/?utm_source=x&page=2#top")
    'https://news.example/2018/07/helsinki?page=2'
    """
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING_PARAMETER.match(k)]
    path = parts.path.rstrip("/") or ""
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), "")
    )


def body_hash(body: str) -> str:
    """SHA-256 of the body's words, lower-cased: the same text re-typeset is the same article."""
    words = " ".join(_WORD.findall(body.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def _find_duplicate(canonical: str | None, content_hash: str) -> Article | None:
    match = Q(content_hash=content_hash)
    if canonical:
        match |= Q(canonical_url=canonical)
    return Article.objects.filter(match).order_by("pk").first()


def _apply_overrides(
    document: Document,
    *,
    url: str | None,
    headline: str | None,
    published: dt.date | dt.datetime | None,
) -> Document:
    changes: dict[str, Any] = {}
    if url:
        changes["url"] = url
    if headline:
        changes["headline"] = headline
    if published is not None:
        if not isinstance(published, dt.datetime):
            published = dt.datetime(published.year, published.month, published.day, tzinfo=dt.UTC)
        elif timezone.is_naive(published):
            published = timezone.make_aware(published, dt.UTC)
        changes["published"] = published
    return dataclasses.replace(document, **changes) if changes else document


def _outlet_for(name: str | None) -> Outlet | None:
    if not name or not name.strip():
        return None
    name = name.strip()[:200]
    slug = slugify(name)[:200] or "outlet"
    try:
        with transaction.atomic():
            outlet, _ = Outlet.objects.get_or_create(slug=slug, defaults={"name": name})
    except IntegrityError:
        outlet = Outlet.objects.get(slug=slug)
    return outlet


def _raw_format(raw_text: str, filename: str | None) -> str:
    name = (filename or "").lower()
    if name.endswith((".html", ".htm")):
        return RawFormat.HTML
    if name.endswith((".json", ".jsonl")) or raw_text.lstrip().startswith("{"):
        return RawFormat.JSON
    if re.search(r"<(html|body|article|p|div)\b", raw_text[:2000], re.IGNORECASE):
        return RawFormat.HTML
    return RawFormat.TEXT
