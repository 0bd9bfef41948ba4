"""Per-client throttles of the API (see REST_FRAMEWORK in settings).

A module of their own: DRF imports the classes named in its settings while its views
module loads, so they must not import DRF's views themselves.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings


class _LiveRates:
    """DRF binds the rates when its module is imported; read them per request instead, so
    that settings changed at run time (tests, a reload) apply."""

    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRates, throttling.AnonRateThrottle):
    """Anonymous clients, one bucket per client address."""


class UserThrottle(_LiveRates, throttling.UserRateThrottle):
    """Clients with a token, one bucket per user."""
