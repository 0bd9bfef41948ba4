from django.contrib import admin
from django.db import models
from django.db.models import QuerySet

from articles.models import Article, Mention, Outlet, Quote, QuoteReview
from summit_kb.admin_tools import admin_link, count_of, review_action


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


class QuoteInline(admin.StackedInline):
    model = Quote
    fields = [
        "text",
        ("speaker", "cue", "addressee"),
        ("said_on", "said_precision"),
        ("review_status", "editor_locked"),
        ("start", "end"),
    ]
    autocomplete_fields = ["speaker", "addressee"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).select_related("speaker", "addressee")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "published_at",
        "status",
        "mention_count",
        "quote_count",
        "created_at",
    ]
    list_filter = ["status", "raw_format", "outlet"]
    search_fields = ["headline", "canonical_url", "byline"]
    list_select_related = ["outlet"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["outlet"]
    readonly_fields = [
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
        ("Text", {"fields": ["raw_format", "raw_text", "body"]}),
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

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, article: Article) -> int:
        return article.quote_total


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "entity", "article_link", "start", "end"]
    list_filter = ["entity__kind"]
    search_fields = ["text", "entity__name"]
    list_select_related = ["entity", "article"]
    autocomplete_fields = ["entity"]
    raw_id_fields = ["article"]

    @admin.display(description="article", ordering="article")
    def article_link(self, mention: Mention) -> str:
        return admin_link(mention.article)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "speaker",
        "cue",
        "addressee",
        "said_on",
        "article_link",
        "review_status",
        "editor_locked",
    ]
    list_filter = ["review_status", "editor_locked", "cue", "said_precision"]
    search_fields = ["text", "speaker__name", "article__headline"]
    list_select_related = ["speaker", "addressee", "article"]
    autocomplete_fields = ["speaker", "addressee"]
    raw_id_fields = ["article"]
    readonly_fields = ["pipeline_version", "reviewed_by", "reviewed_at", "created_at", "updated_at"]
    actions = [
        review_action(QuoteReview.APPROVED, "Approve"),
        review_action(QuoteReview.REJECTED, "Reject"),
    ]

    @admin.display(description="article", ordering="article")
    def article_link(self, quote: Quote) -> str:
        return admin_link(quote.article)
