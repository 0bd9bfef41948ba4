"""An editor logs in to the admin in a real Chromium and finds the people of the story."""

from __future__ import annotations

import pytest
from django.urls import reverse

from summit_kb.accounts import editor_create


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_logs_in_and_sees_the_six_people(
    live_server, page, story_register, artifacts_dir
) -> None:
    _, password = editor_create(username="erin-editor")

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "erin-editor")
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:entities_entity_changelist") + "?kind__exact=person")

    names = page.locator("#result_list tbody tr th a").all_inner_texts()
    assert {
        "Donald Trump",
        "Vladimir Putin",
        "John Bolton",
        "Mike Pence",
        "Yuri Ushakov",
        "Andrey Kortunov",
    } <= set(names)
    page.screenshot(path=artifacts_dir / "admin-people.png", full_page=True)
