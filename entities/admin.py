from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from articles.models import Mention, Quote
from articles.services import articles_requeue
from entities.models import Alias, Entity, ReviewStatus
from entities.services import articles_naming, entity_merge
from summit_kb.admin_tools import admin_link, count_of
from summit_kb.text import counted


class AliasInline(admin.TabularInline):
    model = Alias
    fields = ["text", "kind"]
    extra = 1


def _reprocess_for_new_aliases(request: HttpRequest, aliases: list[Alias]) -> None:
    """A new name for an entity: the articles that contain it are processed again."""
    ids = sorted({pk for alias in aliases for pk in articles_naming(text=alias.text)})
    if ids:
        count = articles_requeue(article_ids=ids)
        messages.info(request, f"{counted(count, 'article')} naming the new alias queued again.")


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "review_status",
        "slug",
        "merged_into_link",
        "alias_count",
        "mention_count",
        "quote_count",
    ]
    list_filter = ["kind", "review_status"]
    search_fields = ["name", "slug", "aliases__text"]
    list_select_related = ["merged_into"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["merged_into"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description", "wikidata_id"]}),
        ("Review", {"fields": ["review_status", "merged_into", "reviewed_by", "reviewed_at"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [AliasInline]
    actions = ["confirm", "reject", "merge"]

    def get_queryset(self, request) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                alias_total=count_of(Alias, "entity"),
                mention_total=count_of(Mention, "entity"),
                quote_total=count_of(Quote, "speaker"),
            )
        )

    @admin.display(description="merged into", ordering="merged_into__name")
    def merged_into_link(self, entity: Entity) -> str:
        return admin_link(entity.merged_into) if entity.merged_into_id else "—"

    @admin.display(description="aliases", ordering="alias_total")
    def alias_count(self, entity: Entity) -> int:
        return entity.alias_total

    @admin.display(description="mentions", ordering="mention_total")
    def mention_count(self, entity: Entity) -> int:
        return entity.mention_total

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, entity: Entity) -> int:
        return entity.quote_total

    def _review(self, request, queryset: QuerySet, status: str) -> int:
        return queryset.update(
            review_status=status, reviewed_by=request.user, reviewed_at=timezone.now()
        )

    @admin.action(description="Confirm selected entities")
    def confirm(self, request, queryset: QuerySet) -> None:
        count = self._review(request, queryset, ReviewStatus.CONFIRMED)
        self.message_user(
            request, f"Confirmed {counted(count, 'entity', 'entities')}.", messages.SUCCESS
        )

    @admin.action(description="Reject selected entities (their mentions stop being linked)")
    def reject(self, request, queryset: QuerySet) -> None:
        count = self._review(request, queryset, ReviewStatus.REJECTED)
        Mention.objects.filter(entity__in=queryset).delete()
        Quote.objects.filter(speaker__in=queryset, editor_locked=False).update(speaker=None)
        self.message_user(
            request, f"Rejected {counted(count, 'entity', 'entities')}.", messages.SUCCESS
        )

    @admin.action(description="Merge selected entities into the confirmed (or oldest) one")
    def merge(self, request, queryset: QuerySet) -> None:
        chosen = list(queryset.order_by("id"))
        kinds = {entity.kind for entity in chosen}
        if len(chosen) < 2 or len(kinds) != 1:
            self.message_user(
                request, "Select two or more entities of the same kind to merge.", messages.ERROR
            )
            return
        confirmed = [e for e in chosen if e.review_status == ReviewStatus.CONFIRMED]
        if len(confirmed) > 1:
            self.message_user(
                request,
                "Two confirmed entities are selected: merge candidates into one of them.",
                messages.ERROR,
            )
            return
        target = confirmed[0] if confirmed else chosen[0]
        count = entity_merge(sources=chosen, target=target, by=request.user)
        self.message_user(
            request,
            f"Merged {counted(count, 'entity', 'entities')} into {target}.",
            messages.SUCCESS,
        )

    def save_formset(self, request, form, formset, change) -> None:
        new = [f.instance for f in formset.forms if not f.instance.pk and f.has_changed()]
        super().save_formset(request, form, formset, change)
        if formset.model is Alias:
            _reprocess_for_new_aliases(request, [a for a in new if a.pk])


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "entity"]
    list_filter = ["kind", "entity__kind"]
    search_fields = ["text", "normalised", "entity__name"]
    list_select_related = ["entity"]
    autocomplete_fields = ["entity"]

    def save_model(self, request, obj: Alias, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change or "text" in form.changed_data:
            _reprocess_for_new_aliases(request, [obj])
