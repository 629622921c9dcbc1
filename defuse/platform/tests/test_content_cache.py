"""Versions are shared by every process: a bump in one is seen by the others within a second.
A cached value past its time is reloaded by one request while the others keep it."""

import pytest
from django.core.cache import caches

from defuse.platform import content_cache

pytestmark = pytest.mark.django_db


def test_a_bump_in_another_process_is_seen_once_the_memo_expires(monkeypatch):
    before = content_cache.content_version()
    content_cache.bump_content_version()
    assert content_cache.content_version() == before + 1
    # Another process: its own (empty) memo, the same shared cache.
    content_cache._memo.clear()
    assert content_cache.content_version() == before + 1


def test_each_process_reads_a_version_at_most_once_a_second(django_assert_num_queries):
    content_cache.content_version()
    with django_assert_num_queries(0):
        for _ in range(10):
            content_cache.content_version()


class Loads:
    """A load() that says how often it ran."""

    def __init__(self, *values):
        self.values, self.calls = list(values), 0

    def __call__(self):
        self.calls += 1
        return self.values[self.calls - 1]


@pytest.fixture
def clock(monkeypatch):
    """time.time() as the test sets it."""
    now = [1_000_000.0]
    monkeypatch.setattr(content_cache.time, "time", lambda: now[0])
    return now


def test_a_value_is_loaded_once_until_its_time(clock):
    load = Loads("first")
    assert [content_cache.cached("k", load, 60) for _ in range(3)] == ["first"] * 3
    clock[0] += 59
    assert content_cache.cached("k", load, 60) == "first"
    assert load.calls == 1


def test_past_its_time_one_request_reloads_while_the_others_keep_the_value(clock):
    load = Loads("first", "second")
    content_cache.cached("k", load, 60)
    clock[0] += 61
    key = f"defuse:{content_cache.content_version()}:k"
    cache = caches["versioned"]
    assert cache.add(f"{key}:reloading", 1, 30)  # another request is reloading it
    assert content_cache.cached("k", load, 60) == "first"
    assert load.calls == 1
    cache.delete(f"{key}:reloading")  # it finished, elsewhere (its value lost here)
    assert content_cache.cached("k", load, 60) == "second"
    assert content_cache.cached("k", load, 60) == "second"
    assert load.calls == 2


def test_a_publish_reloads_at_once(clock):
    load = Loads("first", "second")
    content_cache.cached("k", load, 60)
    content_cache.bump_content_version()
    assert content_cache.cached("k", load, 60) == "second"


TWO_LAYERS = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "redis"},
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "redis"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "mine"},
    "versioned": {
        "BACKEND": "defuse.platform.versioned_cache.VersionedCache",
        # Long enough that this process's copy outlives the value's 60 s here.
        "OPTIONS": {"LOCAL": "local", "SHARED": "default", "LOCAL_SECONDS": 120},
    },
}


def test_with_redis_a_process_takes_the_value_another_reloaded_instead_of_loading(clock, settings):
    settings.CACHES = TWO_LAYERS
    content_cache._memo.clear()
    mine = Loads("first", "mine")
    content_cache.cached("k", mine, 60)
    clock[0] += 61
    # Another process reloads it: Redis holds the new value; this process's copy is the old.
    key = f"defuse:{content_cache.content_version()}:k"
    caches["default"].set(key, content_cache.Entry("theirs", clock[0] + 60), 3600)
    assert caches["local"].get(key).value == "first"
    assert content_cache.cached("k", mine, 60) == "theirs"
    assert mine.calls == 1
