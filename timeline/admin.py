from django.contrib import admin, messages
from django.db.models import QuerySet
from django.utils import timezone

from summit_kb.admin_tools import admin_link, count_of, review_action
from summit_kb.text import counted
from timeline.models import Event, EventParticipant, EventReview, Evidence
from timeline.services import events_merge


class ParticipantInline(admin.TabularInline):
    model = EventParticipant
    autocomplete_fields = ["entity"]
    extra = 1

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).select_related("entity")


class EvidenceInline(admin.StackedInline):
    model = Evidence
    fields = ["article", "sentence", "date_expression", ("start", "end"), "strategy"]
    readonly_fields = ["strategy"]
    raw_id_fields = ["article"]
    extra = 0

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).select_related("article")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "display_date",
        "place",
        "participant_count",
        "evidence_count",
        "review_status",
        "editor_locked",
    ]
    list_filter = ["kind", "precision", "review_status", "editor_locked"]
    search_fields = ["title", "slug", "summary"]
    list_select_related = ["place"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["place"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at", "updated_at"]
    inlines = [ParticipantInline, EvidenceInline]
    actions = [
        review_action(EventReview.APPROVED, "Approve", "Approved"),
        review_action(EventReview.REJECTED, "Reject", "Rejected"),
        "merge",
    ]

    @admin.action(description="Merge selected events into one (the approved, or the oldest)")
    def merge(self, request, queryset: QuerySet) -> None:
        chosen = list(queryset.order_by("id"))
        if len(chosen) < 2:
            self.message_user(request, "Select two or more events to merge.", messages.ERROR)
            return
        approved = [e for e in chosen if e.review_status == EventReview.APPROVED]
        target = approved[0] if approved else chosen[0]
        count = events_merge(sources=chosen, target=target, by=request.user)
        self.message_user(
            request,
            f"Merged {counted(count, 'event')} into “{target.title}”.",
            messages.SUCCESS,
        )

    def save_model(self, request, obj: Event, form, change) -> None:
        if change and form.changed_data:
            # An editor's correction (a date, a title): reprocessing must keep it.
            obj.editor_locked = True
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if change and any(f.has_changed() for f in formsets) and not form.instance.editor_locked:
            Event.objects.filter(pk=form.instance.pk).update(editor_locked=True)

    def get_queryset(self, request) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                participant_total=count_of(EventParticipant, "event"),
                evidence_total=count_of(Evidence, "event"),
            )
        )

    @admin.display(description="date", ordering="date")
    def display_date(self, event: Event) -> str:
        return event.display_date

    @admin.display(description="participants", ordering="participant_total")
    def participant_count(self, event: Event) -> int:
        return event.participant_total

    @admin.display(description="evidence", ordering="evidence_total")
    def evidence_count(self, event: Event) -> int:
        return event.evidence_total


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event_link", "article_link", "date_expression"]
    search_fields = ["sentence", "event__title", "article__headline"]
    list_select_related = ["event", "article"]
    raw_id_fields = ["event", "article"]

    @admin.display(description="event", ordering="event")
    def event_link(self, evidence: Evidence) -> str:
        return admin_link(evidence.event)

    @admin.display(description="article", ordering="article")
    def article_link(self, evidence: Evidence) -> str:
        return admin_link(evidence.article)
