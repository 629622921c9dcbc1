"""One version number for everything published: cached listings, counts, navigation, routes
and view restrictions are keyed on it, and any publish, unpublish, move or delete bumps it, so
nothing stale is served.

Version numbers live in the shared cache (Redis with REDIS_URL, else the database), which every
process reads, so a bump in one web worker (or the task worker) reaches all of them; each
process re-reads a version at most once a second (VERSION_MEMO_SECONDS), not on every cached
lookup. What is cached under a version may stay in each process's own cache (the "versioned"
cache, platform/versioned_cache.py), as may page fragments cached with `using="versioned"`
under a key that holds the version.
"""

import time

from django.core.cache import caches

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


def cached(key: str, load, seconds: int = 600):
    """load() once per content version (and at most every `seconds`), else the cached value."""
    return caches["versioned"].get_or_set(f"defuse:{content_version()}:{key}", load, seconds)
