"""Redis down, with the settings REDIS_URL gives: reading and signing in still work (cache errors
are misses, sessions live in the database too, rate limits fail open)."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.settings.base import REDIS_CACHE_OPTIONS

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "KEY_PREFIX": "defuse",
    }
}


@pytest.fixture
def redis_down(settings):
    """What defuse/settings/base.py configures when REDIS_URL is set, pointed at no server."""
    settings.CACHES = {"default": {**DEAD_REDIS["default"], "OPTIONS": REDIS_CACHE_OPTIONS}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS and settings.RATELIMIT_FAIL_OPEN
    caches["default"].set("probe", 1)  # ignored, not raised
    assert caches["default"].get("probe") is None
    yield


def test_readers_and_officers_carry_on_when_redis_is_down(client, redis_down, demo_hub, officer):
    assert client.get("/").status_code == 200
    assert client.get("/de-escalation/").status_code == 200
    assert client.get(reverse("hub:search") + "?q=distance").status_code == 200
    signed_in = client.post(
        reverse("accounts:login"), {"username": officer.username, "password": TEST_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("field:reports")).status_code == 200  # the session still holds
