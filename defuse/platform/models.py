from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """When a process last proved it was working: "worker" is written by a periodic task, "web"
    by each /health/ request (which proves the database takes a write)."""

    name = models.CharField(max_length=40, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def beat(cls, name: str) -> None:
        cls.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


class SharedCacheEntry(models.Model):
    """The table of Django's database cache (what `createcachetable` would make), created by a
    migration so that every installation has it. Without Redis, it holds what every process
    must count together: rate limits and once-a-day view marks (settings: CACHES["shared"])."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "defuse_shared_cache"

    def __str__(self):
        return self.cache_key
