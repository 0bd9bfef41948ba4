"""Operational facts about the running system."""

from django.conf import settings
from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker proved it can reach the database.

    Written by the ``summit_kb.tasks.heartbeat`` task; the health page reads it.
    """

    worker = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()
    beats = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.worker} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


class ApiToken(models.Model):
    """A key an API client sends as ``Authorization: Token <key>``, acting as ``user``.

    Only the SHA-256 of the key is stored: the key is shown once, when the token is made
    (``summit_kb.api_tokens.api_token_create``). A revoked token stays listed, with who
    revoked it, so the admin keeps the trace.
    """

    name = models.CharField(
        max_length=100, help_text="Who or what uses it, e.g. “Newsroom importer”."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The token acts with this account's permissions.",
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=8, editable=False, help_text="The key's first characters, to recognise it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name="last used")
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name="revoked")
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
