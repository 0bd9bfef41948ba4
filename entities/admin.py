from django.contrib import admin
from django.db.models import QuerySet

from articles.models import Mention, Quote
from entities.models import Alias, Entity
from summit_kb.admin_tools import admin_link, count_of


class AliasInline(admin.TabularInline):
    model = Alias
    fields = ["text", "kind"]
    extra = 1


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


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "entity"]
    list_filter = ["kind", "entity__kind"]
    search_fields = ["text", "normalised", "entity__name"]
    list_select_related = ["entity"]
    autocomplete_fields = ["entity"]
