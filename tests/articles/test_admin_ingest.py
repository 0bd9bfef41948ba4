"""An editor adds articles in the admin, follows their processing and corrects the result."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import MultiWidget
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, ArticleStatus, Quote
from articles.services import article_process
from entities.models import Entity, EntityKind
from timeline.models import Event

ADD = "admin:articles_article_add"

# Real happenings of the run-up told in the project's own words; the only quote is by a
# fictional harbour official.
MOSCOW_VISIT = (
    "Adviser Visits Moscow Ahead of Summit\n\n"
    "By Greta Holmqvist | Baltic Courier\n\n"
    "June 28, 2018\n\n"
    "John Bolton met Vladimir Putin in Moscow on Wednesday to prepare a summit between "
    "the two presidents.\n\n"
    "“We will keep the ferries running whatever happens,” said Marta Lindqvist, a harbour "
    "official in Turku.\n"
)


# What a browser sends when the editor presses the button without filling anything in.
EMPTY_FORM = {"text": "", "url": "", "outlet": "", "headline": "", "published": ""}


def _change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_an_editor_pastes_an_article_and_lands_on_its_page_queued(editor_client) -> None:
    response = editor_client.post(reverse(ADD), {"text": MOSCOW_VISIT}, follow=True)

    article = Article.objects.get()
    assert response.redirect_chain == [(_change_url(article), 302)]
    assert article.status == ArticleStatus.QUEUED
    assert article.raw_text == MOSCOW_VISIT
    assert _messages(response) == [
        "Added “Adviser Visits Moscow Ahead of Summit”. It is queued and this page follows "
        "it until it is processed."
    ]


@pytest.mark.django_db
def test_the_editors_url_outlet_and_headline_win(editor_client) -> None:
    editor_client.post(
        reverse(ADD),
        {
            "text": MOSCOW_VISIT,
            "url": "courier.example/2018/06/moscow-visit/",
            "outlet": "Courier Weekly",
            "headline": "Bolton in Moscow",
            "published": "2018-06-28 09:30",
        },
    )

    article = Article.objects.get()
    assert article.canonical_url == "https://courier.example/2018/06/moscow-visit"
    assert article.outlet.name == "Courier Weekly"
    assert article.headline == "Bolton in Moscow"
    assert article.published_at.isoformat() == "2018-06-28T09:30:00+00:00"


@pytest.mark.django_db
def test_an_editor_uploads_an_html_file(editor_client) -> None:
    html = (
        "<html><head><title>Cranes | Harbour News</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        "<article><h1>Harbour Cranes Back at Work</h1>"
        "<p>Two cranes returned to service at the Turku harbour on Tuesday after a month "
        "of repairs, the port authority said.</p></article></body></html>"
    )
    upload = SimpleUploadedFile("cranes.html", html.encode(), content_type="text/html")

    response = editor_client.post(reverse(ADD), {"file": upload})

    article = Article.objects.get()
    assert response.status_code == 302
    assert article.raw_format == "html"
    assert article.raw_text == html
    assert article.body.startswith("Two cranes returned to service")
    assert "Sport" not in article.body


@pytest.mark.django_db
def test_an_editor_uploads_a_json_file(editor_client) -> None:
    record = {
        "text": "Keepers of the northern lighthouses voted on Friday on a new rota.",
        "headline": "Keepers Vote on Rota",
        "outlet": "Coastal Times",
        "published": "2018-07-06",
    }
    upload = SimpleUploadedFile("keepers.json", json.dumps(record).encode(), "application/json")

    response = editor_client.post(reverse(ADD), {"file": upload})

    article = Article.objects.get()
    assert response.status_code == 302
    assert (article.raw_format, article.headline) == ("json", "Keepers Vote on Rota")
    assert article.outlet.name == "Coastal Times"


@pytest.mark.django_db
def test_a_duplicate_warns_and_opens_the_article_already_stored(editor_client) -> None:
    editor_client.post(reverse(ADD), {"text": MOSCOW_VISIT}, follow=True)
    first = Article.objects.get()

    response = editor_client.post(
        reverse(ADD), {"text": MOSCOW_VISIT.replace("\n", "\r\n")}, follow=True
    )

    assert response.redirect_chain == [(_change_url(first), 302)]
    assert _messages(response) == [
        "This article is already in the knowledge base: “Adviser Visits Moscow Ahead of Summit”."
    ]
    assert Article.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_data, error",
    [
        (lambda: EMPTY_FORM, "Paste the article text or upload a file (one of the two)."),
        (lambda: {"text": "  \n  "}, "Paste the article text or upload a file (one of the two)."),
        (
            lambda: {
                "text": MOSCOW_VISIT,
                "file": SimpleUploadedFile("visit.txt", MOSCOW_VISIT.encode()),
            },
            "Paste the article text or upload a file (one of the two).",
        ),
        (
            lambda: {"file": SimpleUploadedFile("visit.pdf", b"%PDF-1.4 1 0 obj")},
            "visit.pdf is not a .txt, .html or .json file.",
        ),
        (
            lambda: {"file": SimpleUploadedFile("visit.txt", b"Caf\xe9 talks ended on Monday.")},
            "The file is not UTF-8 text",
        ),
        (
            lambda: {"file": SimpleUploadedFile("visit.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")},
            "The file looks binary",
        ),
        (lambda: {"text": "x" * 1_000_001}, "the limit is 1 MB"),
        (
            lambda: {"text": MOSCOW_VISIT, "url": "http://"},
            "Enter a valid URL.",
        ),
    ],
    ids=["nothing", "blank", "both", "pdf", "not-utf8", "binary", "oversized", "bad-url"],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_stored(
    editor_client, make_data, error
) -> None:
    response = editor_client.post(reverse(ADD), make_data())

    assert response.status_code == 200
    assert error in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_the_change_page_reloads_while_queued_and_shows_the_events_once_processed(
    editor_client,
) -> None:
    editor_client.post(reverse(ADD), {"text": MOSCOW_VISIT})
    article = Article.objects.get()

    waiting = editor_client.get(_change_url(article)).content.decode()

    assert '<meta http-equiv="refresh"' in waiting
    assert "Status:" in waiting
    assert 'id="article-status">queued<' in waiting

    assert article_process(article_id=article.pk) == "processed"
    done = editor_client.get(_change_url(article)).content.decode()

    assert '<meta http-equiv="refresh"' not in done
    assert 'id="article-status">processed<' in done
    assert "2018-06-27" in done or "27 June 2018" in done
    titles = Event.objects.filter(evidence__article=article).values_list("title", flat=True)
    assert titles and all(escape(title) in done for title in titles)


@pytest.mark.django_db
def test_a_failed_article_shows_the_reason(editor_client) -> None:
    editor_client.post(reverse(ADD), {"text": MOSCOW_VISIT})
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(
        status=ArticleStatus.FAILED, last_error="Extraction failed: the dates ran out"
    )

    page = editor_client.get(_change_url(article)).content.decode()

    assert '<meta http-equiv="refresh"' not in page
    assert "Reason: Extraction failed: the dates ran out" in page


@pytest.mark.django_db
def test_the_reprocess_action_queues_the_selected_articles_again(editor_client) -> None:
    editor_client.post(reverse(ADD), {"text": MOSCOW_VISIT})
    article = Article.objects.get()
    article_process(article_id=article.pk)

    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "reprocess", "_selected_action": [article.pk]},
        follow=True,
    )

    assert "Queued 1 article for reprocessing." in _messages(response)
    article.refresh_from_db()
    assert article.status == ArticleStatus.QUEUED
    assert article_process(article_id=article.pk) == "processed"


def _form_data(context) -> dict:
    """What the browser would send back for the change form as the page shows it."""
    data: dict = {}

    def add(form) -> None:
        for name in form.fields:
            bound = form[name]
            key = bound.html_name
            value = bound.value()
            widget = bound.field.widget
            if isinstance(widget, MultiWidget):
                for i, part in enumerate(widget.decompress(value)):
                    data[f"{key}_{i}"] = "" if part is None else part
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = list(value)
            else:
                data[key] = "" if value is None else value

    add(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


@pytest.mark.django_db
def test_an_editors_speaker_in_the_quote_inline_survives_reprocessing(editor_client) -> None:
    editor_client.post(reverse(ADD), {"text": MOSCOW_VISIT})
    article = Article.objects.get()
    article_process(article_id=article.pk)
    quote = Quote.objects.get(article=article)
    assert quote.speaker.name == "Marta Lindqvist"
    # It was in fact her colleague who said it.
    colleague = Entity.objects.create(
        name="Henrik Aalto", slug="henrik-aalto", kind=EntityKind.PERSON
    )

    page = editor_client.get(_change_url(article))
    data = _form_data(page.context)
    prefix = next(
        i.formset.prefix for i in page.context["inline_admin_formsets"] if i.formset.model is Quote
    )
    data[f"{prefix}-0-speaker"] = colleague.pk
    saved = editor_client.post(_change_url(article), data)

    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
    quote.refresh_from_db()
    assert quote.speaker == colleague
    assert quote.editor_locked

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "reprocess", "_selected_action": [article.pk]},
    )
    assert article_process(article_id=article.pk) == "processed"

    quotes = list(Quote.objects.filter(article=article))
    assert [(q.text, q.speaker) for q in quotes] == [(quote.text, colleague)]


@pytest.mark.django_db
def test_saving_the_article_without_touching_the_quote_does_not_lock_it(editor_client) -> None:
    editor_client.post(reverse(ADD), {"text": MOSCOW_VISIT})
    article = Article.objects.get()
    article_process(article_id=article.pk)

    page = editor_client.get(_change_url(article))
    saved = editor_client.post(_change_url(article), _form_data(page.context))

    assert saved.status_code == 302
    assert not Quote.objects.get(article=article).editor_locked


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "journalist"])
def test_people_without_admin_rights_cannot_add_articles(client, request, persona) -> None:
    client.force_login(request.getfixturevalue(persona))

    shown = client.get(reverse(ADD))
    posted = client.post(reverse(ADD), {"text": MOSCOW_VISIT})

    for response in (shown, posted):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert Article.objects.count() == 0
