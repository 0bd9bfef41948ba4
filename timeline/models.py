"""The timeline: dated events and the article sentences that report them."""

from __future__ import annotations

from django.db import models

from articles.models import Article
from entities.models import Entity
from summit_kb.partial_dates import (
    Precision,
    first_of_period,
    format_partial_date,
    period_end,
)
from summit_kb.review import EditorReviewed, FactReview


class EventKind(models.TextChoices):
    SUMMIT = "summit", "summit"
    MEETING = "meeting", "meeting"
    TALKS = "talks", "talks"
    CALL = "call", "phone call"
    VISIT = "visit", "visit"
    ANNOUNCEMENT = "announcement", "announcement"
    STATEMENT = "statement", "statement"
    INTERVIEW = "interview", "interview"
    TWEET = "tweet", "tweet"
    PRESS_CONFERENCE = "press_conference", "press conference"
    SANCTIONS = "sanctions", "sanctions"
    INDICTMENT = "indictment", "indictment"
    ANNEXATION = "annexation", "annexation"
    ELECTION = "election", "election"
    OTHER = "other", "other"


EventReview = FactReview  # the same verdicts as every fact an editor reviews


class Event(EditorReviewed):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=24, choices=EventKind.choices, db_index=True)
    date = models.DateField(help_text="The first day of the period the precision names.")
    precision = models.CharField(max_length=8, choices=Precision.choices)
    end_date = models.DateField(null=True, blank=True)
    period_end = models.DateField(
        editable=False,
        help_text="The last day the event may cover (end date, or the end of its month or "
        "year): what date-range filters compare with.",
    )
    place = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_here",
        limit_choices_to={"kind": "place"},
    )
    participants = models.ManyToManyField(
        Entity, through="EventParticipant", related_name="events", blank=True
    )
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["date", "id"], name="event_date_id"),
            models.Index(fields=["period_end"], name="event_period_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values), name="event_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(precision__in=Precision.values), name="event_precision_valid"
            ),
            models.CheckConstraint(
                condition=first_of_period("date", "precision"), name="event_date_fits_precision"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("date")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(review_status__in=EventReview.values),
                name="event_review_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("date")),
                name="event_period_end_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.display_date})"

    def save(self, *args, **kwargs) -> None:
        self.fill_period_end()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"date", "precision", "end_date"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "period_end"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("timeline:event", args=[self.slug])

    def fill_period_end(self) -> None:
        """``period_end`` follows the date, precision and end date (``save`` calls this)."""
        self.period_end = self.end_date or period_end(self.date, self.precision)

    @property
    def article_count(self) -> int:
        """How many articles report the event. One query unless ``evidence`` is prefetched
        (``timeline_events`` does): counting there spares the timeline a GROUP BY."""
        return len({evidence.article_id for evidence in self.evidence.all()})

    @property
    def display_date(self) -> str:
        return format_partial_date(self.date, self.precision)


class EventSlugRedirect(models.Model):
    """The address of an event merged into another: its page redirects there."""

    old_slug = models.SlugField(max_length=200, unique=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.event_id}"


class EventParticipant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="participations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "entity"], name="participant_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} in {self.event_id}"


class Evidence(models.Model):
    """The sentence of an article that reports an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="evidence")
    sentence = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    date_expression = models.CharField(
        max_length=200, help_text="The date as the article wrote it."
    )
    strategy = models.CharField(
        max_length=40, blank=True, help_text="Why: the event strategy that found the happening."
    )
    pipeline_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["event", "article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__gte=0), name="evidence_start_non_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="evidence_start_before_end"
            ),
            models.UniqueConstraint(
                fields=["event", "article", "start"], name="evidence_once_per_sentence"
            ),
        ]

    def __str__(self) -> str:
        return self.sentence[:80]
