"""The entity register: people, organisations and places, and the names they go by."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from summit_kb.text import normalise_name


class EntityKind(models.TextChoices):
    PERSON = "person", "person"
    ORGANISATION = "organisation", "organisation"
    PLACE = "place", "place"


class ReviewStatus(models.TextChoices):
    CONFIRMED = "confirmed", "confirmed"
    CANDIDATE = "candidate", "candidate"
    REJECTED = "rejected", "rejected"


class EntityQuerySet(models.QuerySet):
    def live(self) -> EntityQuerySet:
        """Entities that stand on their own: not merged into another, not rejected."""
        return self.filter(merged_into__isnull=True).exclude(review_status=ReviewStatus.REJECTED)

    def people(self) -> EntityQuerySet:
        return self.filter(kind=EntityKind.PERSON)


class Entity(models.Model):
    kind = models.CharField(max_length=16, choices=EntityKind.choices, db_index=True)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Role or short description, e.g. 'President of Russia'.",
    )
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, help_text="For example Q7747."
    )
    review_status = models.CharField(
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.CANDIDATE,
        db_index=True,
        help_text="Register entries are confirmed; names the workers found are candidates.",
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        help_text="When set, this entity's pages redirect to that one.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entities"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")),
                name="entity_not_merged_into_itself",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=EntityKind.values), name="entity_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(review_status__in=ReviewStatus.values),
                name="entity_review_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(wikidata_id="") | models.Q(wikidata_id__regex=r"^Q[0-9]+$"),
                name="entity_wikidata_id_format",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="entity_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("entities:detail", args=[self.slug])

    @property
    def is_person(self) -> bool:
        return self.kind == EntityKind.PERSON


class AliasKind(models.TextChoices):
    FULL_NAME = "full_name", "full name"
    SURNAME = "surname", "surname"
    TITLE = "title", "title"
    DESCRIPTOR = "descriptor", "descriptor"


class Alias(models.Model):
    """Another name the entity goes by: "Putin", "President Putin", "the Russian leader"."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(max_length=16, choices=AliasKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["entity", "kind", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "normalised"], name="alias_unique_per_entity"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="alias_text_not_empty"),
            models.CheckConstraint(
                condition=models.Q(kind__in=AliasKind.values), name="alias_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        self.normalised = normalise_name(self.text)
        super().save(*args, **kwargs)
