"""One version number for everything published: cached listings, counts and navigation are
keyed on it, and any publish, unpublish, move or delete bumps it, so nothing stale is served."""

from django.core.cache import cache

VERSION_KEY = "defuse:content-version"


def content_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None) or 1


def bump_content_version(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def cached(key: str, load, seconds: int = 600):
    """load() once per content version (and at most every `seconds`), else the cached value."""
    return cache.get_or_set(f"defuse:{content_version()}:{key}", load, seconds)
