from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html

from summit_kb.api_tokens import api_token_key_set, api_tokens_revoke
from summit_kb.models import ApiToken, WorkerHeartbeat
from summit_kb.text import counted


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker", "seen_at", "beats"]
    readonly_fields = ["worker", "seen_at", "beats"]


class TokenStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", "active"), ("revoked", "revoked")]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens for API clients: made here (the key is shown once), revoked here, with their
    last use. An editor makes tokens that act as themselves; only a superuser may make one
    for another account, so a token never grants more than its maker has."""

    list_display = ["name", "user", "key_start", "made", "created_by", "last_use", "state"]
    list_filter = [TokenStateFilter]
    list_select_related = ["user", "created_by"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = [
        "key_start",
        "created_at",
        "created_by",
        "last_use",
        "revoked_at",
        "revoked_by",
    ]
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest):
        tokens = super().get_queryset(request)
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        chosen = ["name", "user"] if request.user.is_superuser else ["name"]
        return chosen if obj is None else [*chosen, *self.readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        if obj is None:
            return []
        # A token's owner never changes: revoke it and make another.
        return ["user", *self.readonly_fields]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        return {"user": request.user.pk}

    @admin.display(description="key")
    def key_start(self, token: ApiToken) -> str:
        return format_html("<code>{}…</code>", token.prefix)

    @admin.display(description="made", ordering="created_at")
    def made(self, token: ApiToken) -> str:
        return token.created_at.strftime("%-d %b %Y %H:%M UTC")

    @admin.display(description="last used", ordering="last_used_at")
    def last_use(self, token: ApiToken) -> str:
        return token.last_used_at.strftime("%-d %b %Y %H:%M UTC") if token.last_used_at else "never"

    @admin.display(description="state", ordering="revoked_at")
    def state(self, token: ApiToken) -> str:
        if token.revoked_at:
            return f"revoked {token.revoked_at:%-d %b %Y}"
        return "active"

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        if not (request.user.is_superuser and obj.user_id):
            obj.user = request.user
        obj.created_by = request.user
        request._new_token_key = api_token_key_set(token=obj)  # shown once, never stored
        super().save_model(request, obj, form, change)

    def response_add(
        self, request: HttpRequest, obj: ApiToken, post_url_continue=None
    ) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "token": obj,
            "key": request._new_token_key,
            "title": "API token created",
            "api_url": request.build_absolute_uri("/api/v1/articles/"),
        }
        return TemplateResponse(request, "admin/summit_kb/apitoken/created.html", context)

    @admin.action(description="Revoke selected API tokens")
    def revoke(self, request: HttpRequest, queryset) -> None:
        revoked = api_tokens_revoke(tokens=queryset, by=request.user)
        if revoked:
            self.message_user(
                request, f"Revoked {counted(revoked, 'API token')}.", messages.SUCCESS
            )
        else:
            self.message_user(request, "Those tokens were already revoked.", messages.WARNING)
