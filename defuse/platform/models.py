from django.db import models


class Heartbeat(models.Model):
    """When a process last proved it was working: "worker" is written by a periodic task, "web"
    by each /health/ request (which proves the database takes a write)."""

    name = models.CharField(max_length=40, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
