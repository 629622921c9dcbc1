"""One version number for everything published: cached listings, counts, navigation, routes
and view restrictions are keyed on it, and any publish, unpublish, move or delete bumps it, so
nothing stale is served.

Version numbers live in the shared cache (Redis with REDIS_URL, else the database), which every
process reads, so a bump in one web worker (or the task worker) reaches all of them; each
process re-reads a version at most once a second (VERSION_MEMO_SECONDS), not on every cached
lookup. What is cached under a version may stay in each process's own cache (the "versioned"
cache, platform/versioned_cache.py), as may page fragments cached with `using="versioned"`
under a key that holds the version.

A value cached with cached() also has a time after which it is reloaded (for what changes
without a publish: dates, views). Past it, one process reloads while every other request keeps
the value it has, for up to STALE_SECONDS more: when a listing of 100,000 items expired, every
worker used to count it again at once (0.1-0.4 s each), which made the topic page's slowest
percentile under load (bench/load.sh).
"""

import time
from dataclasses import dataclass

from django.core.cache import caches

from .versioned_cache import VersionedCache

VERSION_KEY = "defuse:content-version"
VERSION_MEMO_SECONDS = 1.0
_memo: dict[str, tuple[float, int]] = {}


def read_version(key: str) -> int:
    now = time.monotonic()
    known = _memo.get(key)
    if known is not None and now - known[0] < VERSION_MEMO_SECONDS:
        return known[1]
    value = caches["shared"].get_or_set(key, 1, None) or 1
    _memo[key] = (now, value)
    return value


def bump_version(key: str) -> None:
    try:
        value = caches["shared"].incr(key)
    except ValueError:
        value = 2
        caches["shared"].set(key, value, None)
    _memo[key] = (time.monotonic(), value)


def content_version() -> int:
    return read_version(VERSION_KEY)


def bump_content_version(**kwargs) -> None:
    bump_version(VERSION_KEY)


STALE_SECONDS = 3600  # how long past its time a value may still be served while reloading
RELOAD_LOCK_SECONDS = 30  # longer than any load() takes


@dataclass(frozen=True)
class Entry:
    value: object
    reload_at: float  # time.time()

    @property
    def due(self) -> bool:
        return time.time() >= self.reload_at


def cached(key: str, load, seconds: int = 600):
    """load() once per content version and every `seconds`, else the cached value. Past its
    time, the first request to take the reload lock reloads it; the others keep the value."""
    key = f"defuse:{content_version()}:{key}"
    cache = caches["versioned"]
    entry = cache.get(key)
    if isinstance(entry, Entry):
        if entry.due and isinstance(cache, VersionedCache):
            # Another process may have reloaded it already.
            shared = cache.refresh(key)
            entry = shared if isinstance(shared, Entry) else entry
        if not entry.due or not cache.add(f"{key}:reloading", 1, RELOAD_LOCK_SECONDS):
            return entry.value  # fresh, or another request is reloading it
    value = load()
    cache.set(key, Entry(value, time.time() + seconds), seconds + STALE_SECONDS)
    return value
