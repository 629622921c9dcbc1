"""The cache for values stored under a version number (the content version, content_cache.py;
the permissions version, accounts/backends.py): each process keeps what it read from Redis for
a short while, in front of Redis.

Such a key never holds two different values (a change bumps the version, so the next read asks
for another key), which is what makes a copy in each process safe: nothing has to tell the
other processes to forget it. Without it every cached listing, count, route and page fragment
is a round trip to Redis, a dozen per page. Values that also expire by time (most popular,
related items) may outlive their expiry here by at most LOCAL_SECONDS.

Configured in settings/base.py as CACHES["versioned"] when REDIS_URL is set; without Redis the
default cache already lives in the process and "versioned" is the default cache.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.utils.functional import cached_property

_MISSING = object()


class VersionedCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._local_alias = options.get("LOCAL", "local")
        self._shared_alias = options.get("SHARED", "default")
        self.local_seconds = options.get("LOCAL_SECONDS", 60)

    @cached_property
    def local(self) -> BaseCache:
        return caches[self._local_alias]

    @cached_property
    def shared(self) -> BaseCache:
        return caches[self._shared_alias]

    def _local_timeout(self, timeout):
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.shared.default_timeout
        if timeout is None:
            return self.local_seconds
        return min(timeout, self.local_seconds)

    def get(self, key, default=None, version=None):
        value = self.local.get(key, _MISSING, version)
        if value is _MISSING:
            value = self.shared.get(key, _MISSING, version)
            if value is _MISSING:
                return default
            self.local.set(key, value, self.local_seconds, version)
        return value

    def refresh(self, key, version=None):
        """The shared value, read past this process's copy (which it replaces), or None."""
        value = self.shared.get(key, _MISSING, version)
        if value is _MISSING:
            return None
        self.local.set(key, value, self.local_seconds, version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version)
        self.local.set(key, value, self._local_timeout(timeout), version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.shared.add(key, value, timeout, version)
        if added:
            self.local.set(key, value, self._local_timeout(timeout), version)
        return added

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(key, timeout, version)

    def delete(self, key, version=None):
        self.local.delete(key, version)
        return self.shared.delete(key, version)

    def has_key(self, key, version=None):
        return self.get(key, _MISSING, version) is not _MISSING

    def clear(self):
        self.local.clear()
        self.shared.clear()
