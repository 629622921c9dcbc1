"""The versioned cache keeps each process's copy of what it read from the shared cache, for a
short while, and writes through to the shared cache."""

import pytest
from django.core.cache import caches

from defuse.platform.versioned_cache import VersionedCache

TWO_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "stand-in-for-redis": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shared",
    },
    "process": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
    "versioned": {
        "BACKEND": "defuse.platform.versioned_cache.VersionedCache",
        "OPTIONS": {"LOCAL": "process", "SHARED": "stand-in-for-redis", "LOCAL_SECONDS": 30},
    },
}


@pytest.fixture
def tiers(settings):
    settings.CACHES = TWO_CACHES
    versioned, shared, local = (caches[a] for a in ("versioned", "stand-in-for-redis", "process"))
    for cache in (shared, local):
        cache.clear()
    yield versioned, shared, local
    for cache in (shared, local):
        cache.clear()


def test_a_value_read_once_is_served_from_the_process(tiers):
    versioned, shared, local = tiers
    shared.set("k", "from another process")
    assert versioned.get("k") == "from another process"
    shared.delete("k")  # the process no longer needs the shared cache for it
    assert versioned.get("k") == "from another process"


def test_get_or_set_computes_once_and_writes_both(tiers):
    versioned, shared, local = tiers
    calls = []

    def load():
        calls.append(1)
        return {"rows": 3}

    assert versioned.get_or_set("k", load, 600) == {"rows": 3}
    assert versioned.get_or_set("k", load, 600) == {"rows": 3}
    assert len(calls) == 1
    assert shared.get("k") == {"rows": 3} and local.get("k") == {"rows": 3}


def test_a_miss_everywhere_is_the_default_and_falsy_values_are_values(tiers):
    versioned, shared, _ = tiers
    assert versioned.get("absent", "default") == "default"
    versioned.set("zero", 0)
    assert versioned.get("zero", "default") == 0


def test_the_process_copy_lives_at_most_local_seconds(tiers):
    versioned, *_ = tiers
    assert isinstance(versioned, VersionedCache)
    assert versioned._local_timeout(600) == 30
    assert versioned._local_timeout(None) == 30
    assert versioned._local_timeout(5) == 5


def test_delete_and_clear_reach_both(tiers):
    versioned, shared, local = tiers
    versioned.set("k", 1)
    versioned.delete("k")
    assert shared.get("k") is None and local.get("k") is None
    versioned.set("k", 1)
    versioned.clear()
    assert shared.get("k") is None and local.get("k") is None
