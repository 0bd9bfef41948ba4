"""Small builders for test rows, in the project's own words."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

from articles.models import Article, Mention, Outlet, Quote
from entities.models import Entity
from timeline.models import Event, EventParticipant, Evidence

_counter = itertools.count(1)


def article_make(*, headline: str | None = None, body: str | None = None, **fields) -> Article:
    n = next(_counter)
    body = body or f"Officials met in Helsinki on Monday for round {n} of talks."
    fields.setdefault("published_at", dt.datetime(2018, 7, 2, 9, 0, tzinfo=dt.UTC))
    return Article.objects.create(
        headline=headline or f"Talks continue, round {n}",
        raw_text=body,
        body=body,
        content_hash=hashlib.sha256(f"{body}-{n}".encode()).hexdigest(),
        **fields,
    )


def outlet_make(name: str = "Nordic Wire") -> Outlet:
    n = next(_counter)
    return Outlet.objects.create(name=f"{name} {n}", slug=f"nordic-wire-{n}")


def event_make(
    *, title: str | None = None, participants: tuple[Entity, ...] = (), **fields
) -> Event:
    n = next(_counter)
    fields.setdefault("date", dt.date(2018, 7, 16))
    fields.setdefault("precision", "day")
    fields.setdefault("kind", "meeting")
    event = Event.objects.create(title=title or f"Meeting {n}", slug=f"meeting-{n}", **fields)
    EventParticipant.objects.bulk_create(
        EventParticipant(event=event, entity=entity) for entity in participants
    )
    return event


def quote_make(*, article: Article, speaker: Entity | None, text: str = "We talked.") -> Quote:
    start = article.body.find(text) if text in article.body else 0
    return Quote.objects.create(
        article=article, speaker=speaker, text=text, start=start, end=start + len(text), cue="said"
    )


def mention_make(*, article: Article, entity: Entity, start: int = 0, end: int = 5) -> Mention:
    return Mention.objects.create(
        article=article, entity=entity, start=start, end=end, text=article.body[start:end]
    )


def evidence_make(*, event: Event, article: Article) -> Evidence:
    return Evidence.objects.create(
        event=event,
        article=article,
        sentence=article.body[:40],
        start=0,
        end=min(40, len(article.body)),
        date_expression="on Monday",
    )
