from django.contrib import admin

from summit_kb.models import WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker", "seen_at", "beats"]
    readonly_fields = ["worker", "seen_at", "beats"]
