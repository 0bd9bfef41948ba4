"""WSGI entry point (gunicorn summit_kb.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from summit_kb.startup import run_or_explain

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit_kb.settings")

application = run_or_explain(get_wsgi_application, check_database=True)
