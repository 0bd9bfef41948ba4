"""Pieces the admin pages share: counts without N+1 queries, links, review actions."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from summit_kb.text import counted


def count_of(model: type[models.Model], field: str) -> Coalesce:
    """A correlated ``COUNT(*)`` subquery, so a list page can show several counts in one query.

    Several ``Count()`` annotations over different relations would multiply the joined
    rows; a subquery per count does not.
    """
    subquery = (
        model.objects.filter(**{field: models.OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=models.Count("*"))
        .values("n")
    )
    return Coalesce(models.Subquery(subquery, output_field=models.IntegerField()), 0)


def admin_link(obj: models.Model | None, label: str | None = None) -> str:
    """A link to the object's change page, or a dash."""
    if obj is None:
        return "—"
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label or str(obj))


def review_action(status: str, verb: str, done: str) -> Callable:
    """A bulk admin action that sets ``review_status`` and records who did it and when.

    ``verb`` names the action ("Approve selected quotes"), ``done`` the message
    ("Approved 1 quote.").
    """

    @admin.action(description=f"{verb} selected %(verbose_name_plural)s")
    def action(modeladmin: admin.ModelAdmin, request, queryset: models.QuerySet) -> None:
        meta = queryset.model._meta
        changed = queryset.exclude(review_status=status).update(
            review_status=status,
            editor_locked=True,
            reviewed_by=request.user,
            reviewed_at=timezone.now(),
        )
        noun = counted(changed, str(meta.verbose_name), str(meta.verbose_name_plural))
        if changed:
            modeladmin.message_user(request, f"{done} {noun}.", messages.SUCCESS)
        else:
            modeladmin.message_user(
                request,
                f"Nothing changed: the selected {meta.verbose_name_plural} were {status} already.",
                messages.WARNING,
            )

    action.__name__ = f"mark_{status}"
    return action


def lock_edited_forms(request, formset) -> None:
    """Mark inline rows an editor changed as the editor's (reprocessing keeps them).

    Only for models with ``editor_locked``; called before the formset is saved.
    """
    model = formset.model
    if not hasattr(model, "editor_locked"):
        return
    for form in formset.forms:
        instance = form.instance
        if instance.pk and form.has_changed() and not form.cleaned_data.get("DELETE"):
            instance.editor_locked = True
            if hasattr(instance, "reviewed_by"):
                instance.reviewed_by, instance.reviewed_at = request.user, timezone.now()
