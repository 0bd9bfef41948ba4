"""The API's per-client throttle holds its limit exactly, also under concurrent requests
from many web workers (the counter is one atomic increment in the shared cache)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import RequestFactory
from rest_framework.request import Request

from summit_kb.throttles import AnonThrottle


@pytest.fixture
def limit_of_120(settings, fresh_throttles):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "600/minute"},
    }


def _attempt(_: int) -> bool:
    request = Request(RequestFactory().get("/api/v1/timeline/", REMOTE_ADDR="10.1.2.3"))
    request.user = None
    request._request.user = None
    throttle = AnonThrottle()
    throttle.timer = lambda: 1_000_000.0  # one window for the whole burst
    return throttle.allow_request(request, None)


def test_a_burst_of_parallel_requests_gets_exactly_the_limit(limit_of_120) -> None:
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), "needs the test stack"
    with ThreadPoolExecutor(max_workers=16) as pool:
        allowed = sum(pool.map(_attempt, range(300)))

    assert allowed == 120


def test_a_refused_client_is_told_how_long_to_wait(limit_of_120) -> None:
    request = Request(RequestFactory().get("/", REMOTE_ADDR="10.9.9.9"))
    request.user = None
    throttle = AnonThrottle()
    throttle.timer = lambda: 1_000_030.0

    results = [throttle.allow_request(request, None) for _ in range(121)]

    assert results.count(True) == 120 and results[-1] is False
    assert 0 < throttle.wait() <= 60


def test_the_next_window_opens_a_new_allowance(limit_of_120) -> None:
    request = Request(RequestFactory().get("/", REMOTE_ADDR="10.9.9.8"))
    request.user = None
    throttle = AnonThrottle()
    throttle.timer = lambda: 2_000_000.0
    assert sum(throttle.allow_request(request, None) for _ in range(130)) == 120

    throttle.timer = lambda: 2_000_000.0 + 61

    assert throttle.allow_request(request, None)
