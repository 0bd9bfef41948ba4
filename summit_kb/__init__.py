"""Summit KB project package: settings, URLs, the Celery app and the WSGI entry point."""

from summit_kb.celery import app as celery_app

__all__ = ["celery_app"]
