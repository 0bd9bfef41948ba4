"""The editors: the people who feed and correct the knowledge base in the admin."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

EDITORS_GROUP = "Editors"
EDITED_APPS = ("articles", "entities", "timeline")
# Editors also give API clients their tokens (made and revoked in the admin).
EDITED_MODELS = (("summit_kb", "apitoken"),)


def editors_group_ensure() -> Group:
    """The Editors group with every permission on the knowledge-base apps (idempotent)."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = Q(content_type__app_label__in=EDITED_APPS)
    for app_label, model in EDITED_MODELS:
        wanted |= Q(content_type__app_label=app_label, content_type__model=model)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


@transaction.atomic
def editor_create(*, username: str) -> tuple[object, str]:
    """Create (or reset) a staff account in the Editors group with a fresh random password.

    Returns the user and the password in clear, once: it is stored only as a hash.
    """
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.is_staff = True
    user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.add(editors_group_ensure())
    return user, password
