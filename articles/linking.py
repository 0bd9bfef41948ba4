"""Writing what extraction found in one article into the knowledge base, in one transaction.

Reprocessing replaces what the machine found and keeps what an editor decided:
- mentions are the machine's alone: replaced;
- a quote an editor touched (approved, rejected, corrected: ``editor_locked``) stays as it
  is, and a newly found quote over the same words is not added next to it;
- an event keeps its id when it is found again (by the article sentence that reported it,
  or by matching), and an editor's corrections of it are never overwritten.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleStatus, Mention, Quote
from articles.utterances import utterances_after_removal, utterances_link
from entities.models import Entity, EntityKind
from entities.services import candidate_person_find_or_create
from extraction.results import Extraction
from summit_kb.partial_dates import parse_partial_date
from timeline.services import events_link

logger = logging.getLogger(__name__)


def facts_link(*, article_id: int, attempt: int, extraction: Extraction) -> bool:
    """Write mentions, quotes, events and evidence of one article; False when superseded.

    The article row is locked for the whole transaction and the claim re-checked: a worker
    whose claim was taken over (the sweep re-queued it after a long stall) writes nothing.
    A worker killed inside the transaction leaves nothing behind: PostgreSQL rolls it back.
    """
    from articles.services import PIPELINE_VERSION

    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.status != ArticleStatus.PROCESSING or article.attempts != attempt:
            logger.info("article %s: claim %s was superseded, nothing written", article_id, attempt)
            return False
        entity_by_name = _entities_for(extraction)
        _mentions_replace(article, extraction, entity_by_name)
        # Which utterance each of the article's words belonged to before: a quote found
        # again keeps its utterance (and an editor's verdict on it) across reprocessing.
        reported = dict(
            Quote.objects.filter(article=article)
            .exclude(utterance=None)
            .values_list("words_key", "utterance_id")
        )
        _quotes_replace(article, extraction, entity_by_name)
        utterances_link(article=article, previous=reported)
        utterances_after_removal(utterance_ids=reported.values())
        events_link(article=article, events=extraction.events, entity_by_name=entity_by_name)
        article.status = ArticleStatus.PROCESSED
        article.pipeline_version = PIPELINE_VERSION
        article.last_error = _skipped_note(extraction)
        article.processed_at = article.status_changed_at = timezone.now()
        if not article.headline and extraction.document.headline:
            article.headline = extraction.document.headline[:500]
        article.save(
            update_fields=[
                "status",
                "pipeline_version",
                "last_error",
                "processed_at",
                "status_changed_at",
                "headline",
                "updated_at",
            ]
        )
    return True


def _entities_for(extraction: Extraction) -> dict[str, Entity]:
    """Extraction's entity names → database entities; unknown people become candidates."""
    slugs = [e.slug for e in extraction.entities if e.slug]
    by_slug = {
        entity.slug: entity.merged_into or entity
        for entity in Entity.objects.filter(slug__in=slugs).select_related("merged_into")
    }
    entity_by_name: dict[str, Entity] = {}
    for found in extraction.entities:
        if found.slug:
            entity = by_slug.get(found.slug)
        elif found.kind == EntityKind.PERSON:
            entity = candidate_person_find_or_create(name=found.name)
        else:
            entity = None  # unknown organisations and places are not registered automatically
        if entity is not None:
            entity_by_name[found.name] = entity
    return entity_by_name


def _mentions_replace(
    article: Article, extraction: Extraction, entity_by_name: dict[str, Entity]
) -> None:
    Mention.objects.filter(article=article).delete()
    body = article.body
    Mention.objects.bulk_create(
        Mention(
            article=article,
            entity=entity,
            start=start,
            end=end,
            text=body[start:end][:300],
            strategy=found.strategy[:40],
        )
        for found in extraction.entities
        if (entity := entity_by_name.get(found.name)) is not None
        for start, end in found.mentions
        if 0 <= start < end <= len(body)
    )


def _quotes_replace(
    article: Article, extraction: Extraction, entity_by_name: dict[str, Entity]
) -> None:
    from articles.services import PIPELINE_VERSION

    Quote.objects.filter(article=article, editor_locked=False).delete()
    kept = list(Quote.objects.filter(article=article).values_list("start", "end"))
    rows = []
    for quote in extraction.quotes:
        if any(quote.start < end and start < quote.end for start, end in kept):
            continue  # an editor decided about these words already
        speaker = entity_by_name.get(quote.speaker) if quote.speaker else None
        if speaker is not None and speaker.kind != EntityKind.PERSON:
            speaker = None
        said_on, said_precision = (None, "")
        if quote.date:
            said_on, said_precision = parse_partial_date(quote.date)
        rows.append(
            Quote(
                article=article,
                text=quote.text,
                start=quote.start,
                end=quote.end,
                speaker=speaker,
                cue=(quote.cue or "")[:40],
                addressee=entity_by_name.get(quote.addressee) if quote.addressee else None,
                said_on=said_on,
                said_precision=said_precision,
                strategy=quote.strategy[:40],
                # A quote nobody could be named for needs an editor's eye more than one with
                # a speaker found through a cue verb.
                confidence=0.9 if speaker is not None else 0.4,
                pipeline_version=PIPELINE_VERSION,
            )
        )
    Quote.objects.bulk_create(rows)


def _skipped_note(extraction: Extraction) -> str:
    """What extraction refused to read, for editors (kept in ``last_error`` of a processed
    article: it is a warning, not a failure)."""
    if not extraction.skipped:
        return ""
    body = extraction.document.body
    return "\n".join(
        f"Skipped {body[s.start : s.end][:60]!r}…: {s.reason}" for s in extraction.skipped
    )[:2000]
