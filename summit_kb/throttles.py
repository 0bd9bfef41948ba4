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


class _AtomicWindow:
    """Count a client's requests in fixed windows of the rate's duration, with one atomic
    increment of a shared counter.

    DRF's own throttle reads a list of timestamps, appends and writes it back: requests that
    arrive together from several web workers read the same list and all pass (a burst of 300
    got through a limit of 120). An increment cannot lose an update, so a window never lets
    more than the limit through. (At a window's edge a client may use the end of one window
    and the start of the next: the usual price of fixed windows.)
    """

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        # add() is a no-op when the counter exists; the counter outlives its window a little
        # so that a slow request cannot recreate it after it expired.
        self.cache.add(key, 0, timeout=self.duration + 5)
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add() and incr(): start it again
            self.cache.add(key, 0, timeout=self.duration + 5)
            count = self.cache.incr(key)
        return count <= self.num_requests

    def wait(self) -> float:
        return max(self.window_ends - self.now, 1.0)


class AnonThrottle(_FailOpen, _AtomicWindow, _LiveRates, throttling.AnonRateThrottle):
    """Anonymous clients, one bucket per client address."""


class UserThrottle(_FailOpen, _AtomicWindow, _LiveRates, throttling.UserRateThrottle):
    """Clients with a token, one bucket per user.

    DRF's user throttle also counts anonymous clients by address, which would put them
    under two limits at once; they have the anonymous one only.
    """

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
