import uuid

from django.db import models
from django.utils import timezone


class XapiStatementQuerySet(models.QuerySet):
    def due(self, now=None) -> "XapiStatementQuerySet":
        return self.filter(sent_at__isnull=True, next_try_at__lte=now or timezone.now())

    def pending(self) -> "XapiStatementQuerySet":
        return self.filter(sent_at__isnull=True)


class XapiStatement(models.Model):
    """An xAPI 1.0.3 statement waiting in the outbox, or sent. Its id is the statement id, so a
    resend after a lost answer is recognised by the LRS and never stored twice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    attempt = models.ForeignKey(
        "training.Attempt", on_delete=models.CASCADE, related_name="statements"
    )
    verb = models.CharField(max_length=40)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)

    objects = XapiStatementQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "next_try_at"])]

    def __str__(self):
        return f"{self.verb} {self.id}"
