"""Finding people, organisations and places by any word of a search."""

import pytest

from entities.selectors import entities_search


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q, first",
    [
        ("Helsinki summit", "Helsinki"),
        ("what did the Russian leader say", "Vladimir Putin"),
        ("Bolton", "John Bolton"),
        ("andrey kortunov", "Andrey Kortunov"),
    ],
)
def test_it_finds_an_entity_by_any_word_of_the_query(q: str, first: str) -> None:
    assert entities_search(q=q)[0].name == first


@pytest.mark.django_db
def test_a_query_naming_nobody_finds_nothing() -> None:
    assert entities_search(q="zzz qqq") == []


@pytest.mark.django_db
def test_the_search_page_lists_the_entity(client) -> None:
    response = client.get("/search/", {"q": "Helsinki summit"})
    assert response.status_code == 200
    assert 'href="/entities/helsinki/"' in response.content.decode()
