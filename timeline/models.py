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
# Columns of an event that only the database's triggers write (migration 0007).
DATABASE_KEPT = frozenset({"evidence_count", "article_count"})


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
    # Kept by the database (triggers on evidence, migration 0007), never by Python: a
    # timeline row reads two columns instead of counting thousands of reports.
    evidence_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Sentences of articles that report the event."
    )
    article_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Articles that report the event."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["date", "id"], name="event_date_id"),
            models.Index(fields=["period_end"], name="event_period_end"),
            # The timeline's order: a page (or a cursor's next page) is an index range.
            models.Index(fields=["date", "period_end", "id"], name="event_timeline_order"),
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
        if not self._state.adding and kwargs.get("update_fields") is None:
            # The counts are the database's: an instance read before reports were added
            # must not write its stale numbers back.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in DATABASE_KEPT
            ]
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
        # The unique constraint's index starts with the event (an event's participants);
        # this one starts with the entity: "events of this person", for the timeline's
        # entity filter and the linking pool's EXISTS, without reading the whole table.
        indexes = [models.Index(fields=["entity", "event"], name="participant_entity_event")]
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
    published_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="The article's publication time, kept equal to it by the database "
        "(triggers on both tables): an event's first reports come from an index.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["event", "article", "start"]
        indexes = [
            # The timeline shows an event's first reports in publication order: read from
            # here, a page costs the same whether an event has 3 reports or 3,000.
            models.Index(
                fields=["event", "published_at", "article", "start"],
                name="evidence_event_published",
            )
        ]
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


class TimelineVersion(models.Model):
    """One row: a counter the database bumps whenever what the timeline shows changes.

    Triggers (migration 0005) bump it on any write to events, participants and evidence,
    and on changes of the names, headlines, dates and addresses a timeline row shows. The
    API's ETag and Last-Modified read this one row instead of scanning the timeline.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="timeline_version_one_row")
        ]

    def __str__(self) -> str:
        return f"timeline version {self.version}"
