"""Articles as received and what the workers found in them: mentions and quotes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from entities.models import Entity
from summit_kb.partial_dates import Precision, first_of_period
from summit_kb.review import EditorReviewed, FactReview


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True, help_text="e.g. bloomberg.com")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleStatus(models.TextChoices):
    QUEUED = "queued", "queued"
    PROCESSING = "processing", "processing"
    PROCESSED = "processed", "processed"
    FAILED = "failed", "failed"


class RawFormat(models.TextChoices):
    TEXT = "text", "plain text"
    HTML = "html", "HTML"
    JSON = "json", "JSON"


class Article(models.Model):
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # NULL, not "", when absent: several articles without a URL must not collide.
    canonical_url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    headline = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    raw_text = models.TextField(help_text="The input exactly as received; never rewritten.")
    raw_format = models.CharField(max_length=8, choices=RawFormat.choices, default=RawFormat.TEXT)
    body = models.TextField(blank=True, help_text="The article text every offset indexes.")
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the normalised body: finds duplicates."
    )
    status = models.CharField(
        max_length=16, choices=ArticleStatus.choices, default=ArticleStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    pipeline_version = models.CharField(max_length=32, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(raw_format__in=RawFormat.values), name="article_format_valid"
            ),
            models.CheckConstraint(condition=~models.Q(raw_text=""), name="article_raw_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(canonical_url=""), name="article_url_null_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.headline or f"Article {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("articles:detail", args=[self.pk])


def _offsets_valid(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=models.Q(start__gte=0), name=f"{prefix}_start_non_negative"
        ),
        models.CheckConstraint(
            condition=models.Q(start__lt=models.F("end")), name=f"{prefix}_start_before_end"
        ),
    ]


class Mention(models.Model):
    """One place in an article's body that names an entity."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    strategy = models.CharField(
        max_length=40, blank=True, help_text="Why: the mentions strategy that found the entity."
    )

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            *_offsets_valid("mention"),
            models.UniqueConstraint(
                fields=["article", "entity", "start", "end"], name="mention_unique_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.entity_id}"


QuoteReview = FactReview  # the same verdicts as every fact an editor reviews


class Utterance(EditorReviewed):
    """Words said once and reported by one or more articles: the quotes are its reports.

    The same words of the same speaker in several articles (or twice in one) are one
    utterance, also when one report quotes only part of what another quotes in full
    (see ``articles/utterances.py``). ``text`` is the fullest report's; ``said_on`` the
    most precise date any report gives. An editor's verdict here applies to every report.
    """

    speaker = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="utterances",
        limit_choices_to={"kind": "person"},
    )
    text = models.TextField()
    said_on = models.DateField(null=True, blank=True)
    said_precision = models.CharField(max_length=8, choices=Precision.choices, blank=True)
    first_reported_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="When the earliest report was published."
    )
    reports_count = models.PositiveIntegerField(default=0)
    # The report lists show: the earliest one an editor did not reject (kept by
    # utterances_refresh), so that a list of quotes shows each utterance once.
    first_report = models.ForeignKey(
        "Quote", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["first_reported_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_status__in=QuoteReview.values),
                name="utterance_review_status_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(said_on__isnull=True, said_precision="")
                    | (
                        models.Q(said_on__isnull=False)
                        & first_of_period("said_on", "said_precision")
                    )
                ),
                name="utterance_date_has_precision",
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.text[:60]}”"


class Quote(EditorReviewed):
    """A direct quote in an article and who said it.

    The database refuses a speaker that is not a person (a trigger; see migration 0002).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        limit_choices_to={"kind": "person"},
    )
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    cue = models.CharField(max_length=40, blank=True, help_text="said, told, tweeted, added…")
    addressee = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes_addressed"
    )
    said_on = models.DateField(null=True, blank=True)
    said_precision = models.CharField(max_length=8, choices=Precision.choices, blank=True)
    utterance = models.ForeignKey(
        Utterance, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    # The words as compared across reports: lower-case, no punctuation, padded with a space
    # on each side so that containment is whole words (see articles/utterances.py).
    words_key = models.TextField(blank=True, db_index=False)
    words_count = models.PositiveIntegerField(default=0)
    strategy = models.CharField(
        max_length=40,
        blank=True,
        help_text="Why this speaker: the attribution strategy that chose it (or why none).",
    )
    confidence = models.FloatField(default=1.0)
    pipeline_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            *_offsets_valid("quote"),
            models.UniqueConstraint(fields=["article", "start", "end"], name="quote_unique_span"),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="quote_confidence_0_to_1",
            ),
            models.CheckConstraint(
                condition=models.Q(review_status__in=QuoteReview.values),
                name="quote_review_status_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(said_on__isnull=True, said_precision="")
                    | (
                        models.Q(said_on__isnull=False)
                        & first_of_period("said_on", "said_precision")
                    )
                ),
                name="quote_date_has_precision",
            ),
        ]

    @property
    def said(self) -> tuple:
        """When the words were said: (date, precision) from whichever report of the utterance
        gives it most precisely, else this report's own, else (None, "")."""
        utterance = self.utterance if self.utterance_id else None
        if utterance is not None and utterance.said_on:
            return utterance.said_on, utterance.said_precision
        return self.said_on, self.said_precision

    @property
    def said_date(self):
        return self.said[0]

    @property
    def said_date_precision(self) -> str:
        return self.said[1]

    def __str__(self) -> str:
        # No quote marks: Django's messages put the name in marks of their own.
        return self.text if len(self.text) <= 60 else self.text[:59] + "…"
