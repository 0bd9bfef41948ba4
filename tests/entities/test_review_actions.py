"""Editors review the entities the workers found: confirm, reject, merge, add an alias."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, ArticleStatus, Mention
from entities.models import Alias, Entity, ReviewStatus
from entities.services import candidate_person_find_or_create
from tests.factories import article_make, event_make, mention_make, quote_make
from timeline.models import EventParticipant

CHANGELIST = "admin:entities_entity_changelist"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _act(client, action: str, *entities: Entity):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [e.pk for e in entities]},
        follow=True,
    )


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_confirming_candidates_records_who_did_it(editor_client, editor) -> None:
    lindqvist = candidate_person_find_or_create(name="Marta Lindqvist")
    aalto = candidate_person_find_or_create(name="Henrik Aalto")

    response = _act(editor_client, "confirm", lindqvist, aalto)

    assert _messages(response) == ["Confirmed 2 entities."]
    for entity in (lindqvist, aalto):
        entity.refresh_from_db()
        assert entity.review_status == ReviewStatus.CONFIRMED
        assert entity.reviewed_by == editor
        assert entity.reviewed_at is not None


@pytest.mark.django_db
def test_rejecting_a_candidate_unlinks_it_and_it_is_not_found_again(editor_client, editor):
    article = article_make(body="The harbour master Sven Ek spoke on Monday about cranes.")
    ek = candidate_person_find_or_create(name="Sven Ek")
    mention_make(article=article, entity=ek, start=17, end=24)
    quote = quote_make(article=article, speaker=ek, text="spoke on Monday")

    response = _act(editor_client, "reject", ek)

    assert _messages(response) == ["Rejected 1 entity."]
    ek.refresh_from_db()
    assert (ek.review_status, ek.reviewed_by) == (ReviewStatus.REJECTED, editor)
    assert not Mention.objects.filter(entity=ek).exists()
    quote.refresh_from_db()
    assert quote.speaker is None
    assert candidate_person_find_or_create(name="Sven Ek") is None
    assert candidate_person_find_or_create(name="  sven  EK ") is None


@pytest.mark.django_db
def test_a_candidate_is_found_again_under_the_same_name() -> None:
    first = candidate_person_find_or_create(name="Marta Lindqvist")
    second = candidate_person_find_or_create(name="Marta Lindqvist")
    spelled_otherwise = candidate_person_find_or_create(name="MARTA  LINDQVIST")

    assert first.pk == second.pk == spelled_otherwise.pk
    assert first.review_status == ReviewStatus.CANDIDATE
    assert Entity.objects.filter(name__iexact="Marta Lindqvist").count() == 1


@pytest.mark.django_db
def test_a_name_in_the_register_is_not_made_a_candidate() -> None:
    assert candidate_person_find_or_create(name="John Bolton").slug == "john-bolton"


@pytest.mark.django_db
def test_merging_two_candidates_moves_everything_to_the_older_one(editor_client, editor):
    article = article_make(body="Harbour official Marta Lindqvist and M. Lindqvist spoke.")
    kept = candidate_person_find_or_create(name="Marta Lindqvist")
    merged = candidate_person_find_or_create(name="M. Lindqvist")
    mention_make(article=article, entity=kept, start=17, end=32)
    mention_make(article=article, entity=merged, start=37, end=49)
    quote = quote_make(article=article, speaker=merged, text="spoke")
    both_at = event_make(title="Harbour meeting", participants=(kept, merged))
    only_merged_at = event_make(title="Crane inspection", participants=(merged,))

    response = _act(editor_client, "merge", merged, kept)

    assert _messages(response) == ["Merged 1 entity into Marta Lindqvist."]
    merged.refresh_from_db()
    assert merged.merged_into == kept
    assert merged.reviewed_by == editor
    assert sorted(Mention.objects.filter(article=article).values_list("entity", flat=True)) == [
        kept.pk,
        kept.pk,
    ]
    quote.refresh_from_db()
    assert quote.speaker == kept
    assert not EventParticipant.objects.filter(entity=merged).exists()
    assert set(both_at.participants.all()) == {kept}
    assert set(only_merged_at.participants.all()) == {kept}
    assert "M. Lindqvist" in set(kept.aliases.values_list("text", flat=True))
    # The old name now leads to the surviving entity.
    assert candidate_person_find_or_create(name="M. Lindqvist") == kept


@pytest.mark.django_db
def test_merging_a_candidate_into_a_confirmed_entity_keeps_the_confirmed_one(editor_client):
    bolton = Entity.objects.get(slug="john-bolton")
    stray = candidate_person_find_or_create(name="J. R. Bolton")

    _act(editor_client, "merge", stray, bolton)

    stray.refresh_from_db()
    assert stray.merged_into == bolton


@pytest.mark.django_db
def test_merge_refuses_two_confirmed_entities(editor_client) -> None:
    bolton = Entity.objects.get(slug="john-bolton")
    pence = Entity.objects.get(slug="mike-pence")

    response = _act(editor_client, "merge", bolton, pence)

    assert _messages(response) == [
        "Two confirmed entities are selected: merge candidates into one of them."
    ]
    assert (
        Entity.objects.filter(pk__in=[bolton.pk, pence.pk], merged_into__isnull=False).count() == 0
    )


@pytest.mark.django_db
def test_merge_refuses_entities_of_different_kinds(editor_client) -> None:
    lindqvist = candidate_person_find_or_create(name="Marta Lindqvist")
    moscow = Entity.objects.get(slug="moscow")

    response = _act(editor_client, "merge", lindqvist, moscow)

    assert _messages(response) == ["Select two or more entities of the same kind to merge."]
    lindqvist.refresh_from_db()
    assert lindqvist.merged_into is None


@pytest.mark.django_db
def test_adding_an_alias_requeues_the_processed_articles_that_contain_it(editor_client) -> None:
    lindqvist = candidate_person_find_or_create(name="Marta Lindqvist")
    naming = article_make(
        body="The harbour chief, known locally as the Crane Queen, spoke on Monday.",
        status=ArticleStatus.PROCESSED,
    )
    other = article_make(
        body="The ferry line to Visby reopened on Wednesday.", status=ArticleStatus.PROCESSED
    )

    response = editor_client.post(
        reverse("admin:entities_alias_add"),
        {"entity": lindqvist.pk, "text": "the Crane Queen", "kind": "descriptor"},
        follow=True,
    )

    assert response.status_code == 200
    assert "1 article naming the new alias queued again." in _messages(response)
    assert Alias.objects.filter(entity=lindqvist, normalised="the crane queen").exists()
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses == {naming.pk: ArticleStatus.QUEUED, other.pk: ArticleStatus.PROCESSED}


@pytest.mark.django_db
def test_adding_an_alias_in_the_entity_page_requeues_the_articles_too(editor_client) -> None:
    lindqvist = candidate_person_find_or_create(name="Marta Lindqvist")
    naming = article_make(
        body="The harbour chief, known locally as the Crane Queen, spoke on Monday.",
        status=ArticleStatus.PROCESSED,
    )
    url = reverse("admin:entities_entity_change", args=[lindqvist.pk])
    own = lindqvist.aliases.get()

    response = editor_client.post(
        url,
        {
            "name": lindqvist.name,
            "slug": lindqvist.slug,
            "kind": lindqvist.kind,
            "review_status": lindqvist.review_status,
            "aliases-TOTAL_FORMS": "2",
            "aliases-INITIAL_FORMS": "1",
            "aliases-0-id": own.pk,
            "aliases-0-entity": lindqvist.pk,
            "aliases-0-text": own.text,
            "aliases-0-kind": own.kind,
            "aliases-1-entity": lindqvist.pk,
            "aliases-1-text": "the Crane Queen",
            "aliases-1-kind": "descriptor",
        },
        follow=True,
    )

    assert "1 article naming the new alias queued again." in _messages(response)
    naming.refresh_from_db()
    assert naming.status == ArticleStatus.QUEUED


@pytest.mark.django_db
def test_a_journalist_cannot_review_entities(client, journalist) -> None:
    lindqvist = candidate_person_find_or_create(name="Marta Lindqvist")
    client.force_login(journalist)

    response = client.post(
        reverse(CHANGELIST), {"action": "confirm", "_selected_action": [lindqvist.pk]}
    )

    assert response.status_code == 302
    lindqvist.refresh_from_db()
    assert lindqvist.review_status == ReviewStatus.CANDIDATE
