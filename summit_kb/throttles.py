"""Per-client throttles of the API (see REST_FRAMEWORK in settings).

A module of their own: DRF imports the classes named in its settings while its views
module loads, so they must not import DRF's views themselves.
"""

from __future__ import annotations

import logging

from rest_framework import throttling
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)


class _LiveRates:
    """DRF binds the rates when its module is imported; read them per request instead, so
    that settings changed at run time (tests, a reload) apply."""

    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class _FailOpen:
    """When the shared cache (Redis) is down, let the request through rather than answer a
    500: an article must still be received and stored while Redis is away."""

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache backend raises its client's own connection errors
            logger.warning("throttle cache unreachable: request allowed unthrottled")
            return True


class AnonThrottle(_FailOpen, _LiveRates, throttling.AnonRateThrottle):
    """Anonymous clients, one bucket per client address."""


class UserThrottle(_FailOpen, _LiveRates, throttling.UserRateThrottle):
    """Clients with a token, one bucket per user.

    DRF's user throttle also counts anonymous clients by address, which would put them
    under two limits at once; they have the anonymous one only.
    """

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
