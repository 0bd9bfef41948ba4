"""An editor's verdict on a fact the workers found (a quote, an event)."""

from django.db import models


class FactReview(models.TextChoices):
    PENDING = "pending", "pending review"
    APPROVED = "approved", "approved"
    REJECTED = "rejected", "rejected"
