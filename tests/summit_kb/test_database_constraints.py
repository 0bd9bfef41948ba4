"""The database itself refuses rows that break the model's rules, not only the forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Quote
from entities.models import Entity
from tests.factories import article_make, event_make, mention_make
from timeline.models import Evidence


def _refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def putin(db) -> Entity:
    return Entity.objects.get(slug="vladimir-putin")


@pytest.mark.django_db
def test_a_quote_speaker_must_be_a_person(putin: Entity) -> None:
    article = article_make()
    kremlin = Entity.objects.get(slug="kremlin")

    assert _refused(
        lambda: Quote.objects.create(article=article, speaker=kremlin, text="x", start=0, end=1)
    )
    quote = Quote.objects.create(article=article, speaker=putin, text="x", start=0, end=1)
    assert _refused(lambda: Quote.objects.filter(pk=quote.pk).update(speaker=kremlin))


@pytest.mark.django_db
def test_a_person_who_is_quoted_cannot_become_a_place(putin: Entity) -> None:
    Quote.objects.create(article=article_make(), speaker=putin, text="x", start=0, end=1)
    assert _refused(lambda: Entity.objects.filter(pk=putin.pk).update(kind="place"))


@pytest.mark.django_db
@pytest.mark.parametrize("start, end", [(-1, 4), (5, 5), (9, 3)])
def test_offsets_are_non_negative_and_start_before_end(putin: Entity, start: int, end: int) -> None:
    article = article_make()
    assert _refused(lambda: mention_make(article=article, entity=putin, start=start, end=end))
    assert _refused(lambda: Quote.objects.create(article=article, text="x", start=start, end=end))
    event = event_make()
    assert _refused(
        lambda: Evidence.objects.create(
            event=event, article=article, sentence="s", start=start, end=end, date_expression="x"
        )
    )


@pytest.mark.django_db
def test_the_same_body_cannot_be_stored_twice() -> None:
    first = article_make()
    assert _refused(lambda: Article.objects.create(raw_text="x", content_hash=first.content_hash))


@pytest.mark.django_db
def test_the_canonical_url_is_unique_when_present() -> None:
    article_make(canonical_url=None)
    article_make(canonical_url=None)  # several articles without a URL are fine
    article_make(canonical_url="https://news.example/helsinki")
    assert _refused(lambda: article_make(canonical_url="https://news.example/helsinki"))
    assert _refused(lambda: article_make(canonical_url=""))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "date, precision, ok",
    [
        (dt.date(2018, 6, 1), "month", True),
        (dt.date(2018, 6, 14), "month", False),
        (dt.date(2014, 1, 1), "year", True),
        (dt.date(2014, 3, 1), "year", False),
        (dt.date(2018, 7, 16), "day", True),
        (dt.date(2018, 7, 16), "week", False),
    ],
)
def test_an_event_date_fits_its_precision(date: dt.date, precision: str, ok: bool) -> None:
    assert _refused(lambda: event_make(date=date, precision=precision)) is not ok


@pytest.mark.django_db
def test_an_event_cannot_end_before_it_starts() -> None:
    assert _refused(lambda: event_make(date=dt.date(2018, 7, 12), end_date=dt.date(2018, 7, 11)))
    event_make(date=dt.date(2018, 7, 11), end_date=dt.date(2018, 7, 12))


@pytest.mark.django_db
def test_a_quote_date_always_has_its_precision() -> None:
    article = article_make()
    assert _refused(
        lambda: Quote.objects.create(
            article=article, text="x", start=0, end=1, said_on=dt.date(2018, 6, 27)
        )
    )
    assert _refused(
        lambda: Quote.objects.create(
            article=article, text="x", start=0, end=1, said_precision="day"
        )
    )


@pytest.mark.django_db
def test_an_entity_cannot_be_merged_into_itself(putin: Entity) -> None:
    assert _refused(lambda: Entity.objects.filter(pk=putin.pk).update(merged_into=putin))
