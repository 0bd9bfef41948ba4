from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from articles.forms import ArticleIngestForm
from articles.models import (
    Article,
    ArticleStatus,
    Mention,
    Outlet,
    Quote,
    QuoteReview,
    Utterance,
)
from articles.rendering import quote_in_context
from articles.services import article_ingest, articles_requeue
from articles.utterances import utterances_refresh
from summit_kb.admin_tools import admin_link, count_of, lock_edited_forms, review_action
from summit_kb.errors import ApplicationError
from summit_kb.text import counted
from timeline.models import Event


def _status_sentence(article: Article) -> tuple[int, str]:
    """What the editor is told after adding ``article``: true to its status at that moment."""
    name = f"“{article}”"
    if article.status == ArticleStatus.PROCESSED:
        quotes = Quote.objects.filter(article=article).count()
        events = Event.objects.filter(evidence__article=article).distinct().count()
        return messages.SUCCESS, (
            f"Added {name} and processed it: {counted(quotes, 'quote')} and "
            f"{counted(events, 'event')} found."
        )
    if article.status == ArticleStatus.FAILED:
        return messages.ERROR, f"Added {name}, but processing failed: {article.last_error}"
    return messages.SUCCESS, (
        f"Added {name}. It is {article.status} and this page follows it until it is processed."
    )


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "article_count"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).annotate(article_total=count_of(Article, "outlet"))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, outlet: Outlet) -> int:
        return outlet.article_total


class MentionInline(admin.TabularInline):
    model = Mention
    fields = ["text", "entity", "start", "end"]
    autocomplete_fields = ["entity"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).select_related("entity")


def _in_context(quote: Quote) -> str:
    """The quote's sentence with the quote marked (editors judge a speaker by it); the
    offsets behind it stay out of sight."""
    if quote.pk is None:
        return "—"
    return format_html(
        '<p class="quote-context">{}</p>',
        quote_in_context(quote.article.body, quote.start, quote.end),
    )


class QuoteInline(admin.StackedInline):
    model = Quote
    fields = [
        "in_context",
        ("speaker", "cue", "addressee"),
        ("said_on", "said_precision"),
        ("review_status", "editor_locked"),
    ]
    readonly_fields = ["in_context"]
    autocomplete_fields = ["speaker", "addressee"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # quotes are found in the text; an editor corrects them

    def get_queryset(self, request) -> QuerySet:
        # The article (its body) once per row: the inline shows each quote's sentence.
        return super().get_queryset(request).select_related("speaker", "addressee", "article")

    @admin.display(description="in its sentence")
    def in_context(self, quote: Quote) -> str:
        return _in_context(quote)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "published_at",
        "status",
        "mention_count",
        "quote_count",
    ]
    list_filter = ["status", "raw_format", "outlet"]
    search_fields = ["headline", "canonical_url", "byline"]
    list_select_related = ["outlet"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["outlet"]
    readonly_fields = [
        "extracted_events",
        # The input as received and the body every offset indexes are not edited by hand:
        # an editor corrects the facts, and reprocessing keeps the corrections.
        "raw_format",
        "raw_text",
        "body",
        "content_hash",
        "status",
        "attempts",
        "last_error",
        "pipeline_version",
        "submitted_by",
        "created_at",
        "updated_at",
        "status_changed_at",
        "processed_at",
    ]
    fieldsets = [
        (None, {"fields": ["headline", "outlet", "canonical_url", "byline", "published_at"]}),
        ("Extracted", {"fields": ["extracted_events"]}),
        ("Text", {"fields": ["raw_format", "raw_text", "body"], "classes": ["collapse"]}),
        (
            "Processing",
            {
                "fields": [
                    "status",
                    "attempts",
                    "last_error",
                    "pipeline_version",
                    "content_hash",
                    "submitted_by",
                    "created_at",
                    "updated_at",
                    "status_changed_at",
                    "processed_at",
                ]
            },
        ),
    ]
    inlines = [QuoteInline, MentionInline]
    actions = ["reprocess"]
    # Django 6 assumes https for a URL typed without a scheme; so do we, already.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                mention_total=count_of(Mention, "article"), quote_total=count_of(Quote, "article")
            )
        )

    @admin.display(description="mentions", ordering="mention_total")
    def mention_count(self, article: Article) -> int:
        return article.mention_total

    @admin.display(description="events reported")
    def extracted_events(self, article: Article) -> str:
        events = Event.objects.filter(evidence__article=article).distinct().order_by("date")
        if not events:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li>{} — {}</li>", ((e.display_date, admin_link(e, e.title)) for e in events)
            ),
        )

    @admin.action(description="Reprocess selected articles (editors' decisions are kept)")
    def reprocess(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = articles_requeue(article_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request, f"Queued {counted(count, 'article')} for reprocessing.", messages.SUCCESS
        )

    # --- adding an article goes through the ingestion service, like every other way in ---

    def get_urls(self):
        custom = [
            path(
                "add/",
                self.admin_site.admin_view(self.ingest_view),
                name="articles_article_add",
            )
        ]
        return custom + super().get_urls()

    def ingest_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        if request.method == "POST":
            form = ArticleIngestForm(request.POST, request.FILES)
        else:
            form = ArticleIngestForm()
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                result = article_ingest(
                    raw=data["raw"],
                    filename=data["filename"],
                    url=data.get("url") or None,
                    outlet=data.get("outlet") or None,
                    headline=data.get("headline") or None,
                    published=data.get("published"),
                    submitted_by=request.user,
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                article = result.article
                if result.created:
                    self.log_addition(request, article, [{"added": {}}])
                    # With in-process tasks the article is processed by now; say what is so.
                    article.refresh_from_db(fields=["status", "last_error"])
                    level, sentence = _status_sentence(article)
                    self.message_user(request, sentence, level)
                else:
                    self.message_user(
                        request,
                        f"This article is already in the knowledge base: “{article}”.",
                        messages.WARNING,
                    )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Add article",
        }
        return TemplateResponse(request, "admin/articles/article/ingest.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        status = Article.objects.filter(pk=object_id).values_list("status", flat=True).first()
        waiting = status in (ArticleStatus.QUEUED, ArticleStatus.PROCESSING)
        extra_context = {**(extra_context or {}), "refresh_seconds": 2 if waiting else None}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change) -> None:
        lock_edited_forms(request, formset)
        super().save_formset(request, form, formset, change)

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, article: Article) -> int:
        return article.quote_total


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "entity", "article_link", "start", "end", "strategy"]
    list_filter = ["entity__kind", "strategy"]
    search_fields = ["text", "entity__name"]
    list_select_related = ["entity", "article"]
    autocomplete_fields = ["entity"]
    raw_id_fields = ["article"]

    @admin.display(description="article", ordering="article")
    def article_link(self, mention: Mention) -> str:
        return admin_link(mention.article)


def _then_refresh_utterances(action):
    """A review action on quotes that then refreshes their utterances: a rejected report
    is no longer the one the quote lists show."""

    def run(modeladmin, request, queryset: QuerySet) -> None:
        utterance_ids = set(queryset.exclude(utterance=None).values_list("utterance_id", flat=True))
        action(modeladmin, request, queryset)
        utterances_refresh(Utterance.objects.filter(pk__in=utterance_ids))

    run.__name__ = action.__name__
    run.short_description = action.short_description
    return run


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = [
        "quote_text",
        "speaker",
        "cue",
        "addressee",
        "said_on",
        "article_link",
        "why",
        "review_status",
    ]
    list_filter = ["review_status", "editor_locked", "cue", "said_precision", "strategy"]
    search_fields = ["text", "speaker__name", "article__headline"]
    list_select_related = ["speaker", "addressee", "article"]
    autocomplete_fields = ["speaker", "addressee"]
    readonly_fields = [
        "in_context",
        "article_link",
        "utterance_link",
        "found_with",
        "strategy",
        "pipeline_version",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]
    # The text and its offsets are the article's: an editor corrects who said it, to whom
    # and when, and the verdict; the quote itself is shown in its sentence.
    fieldsets = [
        (None, {"fields": ["in_context", "article_link", "utterance_link"]}),
        (
            "Who said it, to whom, and when",
            {"fields": [("speaker", "cue", "addressee"), ("said_on", "said_precision")]},
        ),
        ("Review", {"fields": [("review_status", "editor_locked"), "reviewed_by", "reviewed_at"]}),
        (
            "Found by the workers",
            {
                "fields": [
                    "found_with",
                    "strategy",
                    "pipeline_version",
                    "created_at",
                    "updated_at",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    actions = [
        _then_refresh_utterances(review_action(QuoteReview.APPROVED, "Approve", "Approved")),
        _then_refresh_utterances(review_action(QuoteReview.REJECTED, "Reject", "Rejected")),
    ]

    def has_add_permission(self, request) -> bool:
        return False  # quotes are found in articles, not typed in

    @admin.display(description="quote", ordering="text")
    def quote_text(self, quote: Quote) -> str:
        return f"“{Truncator(quote.text).chars(120)}”"

    @admin.display(description="in its sentence")
    def in_context(self, quote: Quote) -> str:
        return _in_context(quote)

    @admin.display(description="confidence")
    def found_with(self, quote: Quote) -> str:
        return f"{quote.confidence:.0%} sure of the speaker"

    @admin.display(description="article", ordering="article")
    def article_link(self, quote: Quote) -> str:
        return admin_link(quote.article, Truncator(str(quote.article)).chars(60))

    @admin.display(description="why this speaker", ordering="strategy")
    def why(self, quote: Quote) -> str:
        return quote.strategy.replace("_", " ") or "—"

    @admin.display(description="utterance")
    def utterance_link(self, quote: Quote) -> str:
        if quote.utterance_id is None:
            return "—"
        return format_html(
            '{} <span class="help">({} reports; a verdict there applies to all of them)</span>',
            admin_link(quote.utterance),
            quote.utterance.reports_count,
        )

    def save_model(self, request, obj: Quote, form, change) -> None:
        if change and form.changed_data:
            # An editor's correction: reprocessing must keep it.
            obj.editor_locked = True
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
        if obj.utterance_id:
            utterances_refresh(Utterance.objects.filter(pk=obj.utterance_id))


class ReportInline(admin.TabularInline):
    """The articles that report an utterance; a verdict on one report is given on its quote."""

    model = Quote
    fk_name = "utterance"
    fields = ["quote_link", "text", "article_link", "review_status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "report"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).select_related("article__outlet")

    @admin.display(description="quote")
    def quote_link(self, quote: Quote) -> str:
        return admin_link(quote, f"#{quote.pk}")

    @admin.display(description="article")
    def article_link(self, quote: Quote) -> str:
        return admin_link(quote.article)


@admin.register(Utterance)
class UtteranceAdmin(admin.ModelAdmin):
    """Words said once and reported by several articles: approve or reject them all at once."""

    list_display = ["__str__", "speaker", "said_on", "reports_count", "review_status"]
    list_filter = ["review_status", "editor_locked"]
    search_fields = ["text", "speaker__name"]
    list_select_related = ["speaker"]
    autocomplete_fields = ["speaker"]
    fields = ["text", "speaker", "said_on", "said_precision", "review_status", "reports_count"]
    readonly_fields = ["reports_count"]
    inlines = [ReportInline]
    actions = [
        review_action(QuoteReview.APPROVED, "Approve", "Approved"),
        review_action(QuoteReview.REJECTED, "Reject", "Rejected"),
    ]

    def save_model(self, request, obj: Utterance, form, change) -> None:
        if change and form.changed_data:
            obj.editor_locked = True
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
