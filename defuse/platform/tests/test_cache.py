import os

from django.conf import settings
from django.core.cache import cache


def test_cache_backend_follows_redis_url():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "django_redis.cache.RedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_cache_round_trip():
    cache.set("defuse-test-key", {"answer": 42}, timeout=30)
    assert cache.get("defuse-test-key") == {"answer": 42}
    cache.delete("defuse-test-key")
    assert cache.get("defuse-test-key") is None
