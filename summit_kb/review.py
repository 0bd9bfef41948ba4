"""An editor's verdict on a fact the workers found (a quote, an event)."""

from django.conf import settings
from django.db import models


class FactReview(models.TextChoices):
    PENDING = "pending", "pending review"
    APPROVED = "approved", "approved"
    REJECTED = "rejected", "rejected"


class EditorReviewed(models.Model):
    """The verdict fields of a fact an editor reviews, and the trace of who gave it.

    ``editor_locked`` marks a row an editor approved, rejected or corrected: reprocessing
    keeps it as it is.
    """

    review_status = models.CharField(
        max_length=16, choices=FactReview.choices, default=FactReview.PENDING, db_index=True
    )
    editor_locked = models.BooleanField(
        default=False, help_text="An editor decided about this: reprocessing keeps it as it is."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
