"""The Celery app. Settings come from Django's (``CELERY_*``), so the same environment
variables configure the web process and the workers."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit_kb.settings")

app = Celery("summit_kb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
