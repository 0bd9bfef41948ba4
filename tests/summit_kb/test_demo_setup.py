"""`make demo` prints an editor account with a random password that logs in."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse


def _demo_password(out: str) -> str:
    match = re.search(r"Password:\s+(\S+)", out)
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
def test_the_password_is_the_last_thing_printed_and_worker_logs_stay_quiet(caplog) -> None:
    """The in-process tasks log two lines per article: fifteen articles buried the password."""
    import logging

    from summit_kb.management.commands.demo_setup import _quiet_workers

    out = StringIO()
    call_command("demo_setup", "--no-corpus", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.strip("= ")]
    assert "Password:" in "".join(lines[-3:])

    caplog.set_level(logging.INFO)
    with _quiet_workers():
        logging.getLogger("articles.tasks").info("article 1: processed")
        logging.getLogger("celery.app.trace").info("Task succeeded")
        logging.getLogger("articles.tasks").warning("article 2: failed")
    assert [r.getMessage() for r in caplog.records] == ["article 2: failed"]
    logging.getLogger("articles.tasks").info("after the load")
    assert caplog.records[-1].getMessage() == "after the load"


@pytest.mark.django_db
def test_the_health_page_answers_when_the_database_does(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
