"""Every database starts with the register of the story."""

import pytest

from entities.models import Alias, Entity, EntityKind, ReviewStatus
from entities.services import register_sync

SIX_PEOPLE = {
    "donald-trump": "Donald Trump",
    "vladimir-putin": "Vladimir Putin",
    "john-bolton": "John Bolton",
    "mike-pence": "Mike Pence",
    "yuri-ushakov": "Yuri Ushakov",
    "andrey-kortunov": "Andrey Kortunov",
}


@pytest.mark.django_db
def test_the_six_people_of_the_story_are_there_with_their_aliases() -> None:
    people = {e.slug: e for e in Entity.objects.people().prefetch_related("aliases")}
    for slug, name in SIX_PEOPLE.items():
        person = people[slug]
        assert person.name == name
        assert person.review_status == ReviewStatus.CONFIRMED
        assert person.description
        assert {alias.kind for alias in person.aliases.all()} >= {"surname"}
    assert "the Russian leader" in [a.text for a in people["vladimir-putin"].aliases.all()]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, kind",
    [
        ("White House", EntityKind.ORGANISATION),
        ("Kremlin", EntityKind.ORGANISATION),
        ("Group of Seven", EntityKind.ORGANISATION),
        ("Russian International Affairs Council", EntityKind.ORGANISATION),
        ("Bloomberg News", EntityKind.ORGANISATION),
        ("Helsinki", EntityKind.PLACE),
        ("Moscow", EntityKind.PLACE),
        ("Washington", EntityKind.PLACE),
        ("Quebec", EntityKind.PLACE),
        ("Crimea", EntityKind.PLACE),
        ("Ukraine", EntityKind.PLACE),
        ("Syria", EntityKind.PLACE),
        ("Finland", EntityKind.PLACE),
        ("Russia", EntityKind.PLACE),
        ("United States", EntityKind.PLACE),
    ],
)
def test_the_organisations_and_places_around_them_are_there(name: str, kind: str) -> None:
    assert Entity.objects.get(name=name).kind == kind


@pytest.mark.django_db
def test_loading_the_register_again_changes_nothing() -> None:
    before = (Entity.objects.count(), Alias.objects.count())
    register_sync()
    assert (Entity.objects.count(), Alias.objects.count()) == before


@pytest.mark.django_db
def test_loading_the_register_keeps_what_an_editor_added() -> None:
    putin = Entity.objects.get(slug="vladimir-putin")
    Alias.objects.create(entity=putin, text="the host of the 2018 World Cup", kind="descriptor")
    register_sync()
    assert putin.aliases.filter(text="the host of the 2018 World Cup").exists()


@pytest.mark.django_db
def test_an_alias_is_stored_with_its_normalised_form() -> None:
    alias = Alias.objects.create(
        entity=Entity.objects.get(slug="andrey-kortunov"),
        text="Andréy  Vadimovich KORTUNOV",
        kind="full_name",
    )
    assert alias.normalised == "andrey vadimovich kortunov"
