"""`make demo` prints an editor account with a random password that logs in."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse


def _demo_password(out: str) -> str:
    match = re.search(r"Log in as 'editor' with password '([^']+)'", out)
    assert match, out
    return match.group(1)


@pytest.mark.django_db
def test_each_run_prints_a_new_random_password_that_logs_in(client) -> None:
    first, second = StringIO(), StringIO()
    call_command("demo_setup", "--no-corpus", stdout=first)
    call_command("demo_setup", "--no-corpus", stdout=second)

    old, new = _demo_password(first.getvalue()), _demo_password(second.getvalue())

    assert old != new and len(new) >= 16
    assert not client.login(username="editor", password=old)
    assert client.login(username="editor", password=new)
    assert client.get(reverse("admin:entities_entity_changelist")).status_code == 200


@pytest.mark.django_db
def test_the_health_page_answers_when_the_database_does(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
