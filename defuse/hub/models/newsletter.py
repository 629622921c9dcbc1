"""Newsletter subscribers: double opt-in, a choice of audiences, one-click unsubscribe."""

from django.db import models
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    email = models.EmailField(unique=True, help_text="Where the digest goes.")
    audiences = models.ManyToManyField(
        "hub.Audience", related_name="subscribers", help_text="Which audiences' items to send."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the address was confirmed; none until then."
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last digest was sent to this address."
    )

    objects = SubscriberQuerySet.as_manager()

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def confirm(self) -> None:
        self.confirmed_at = self.confirmed_at or timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["confirmed_at", "unsubscribed_at"])

    def unsubscribe(self) -> None:
        if self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["unsubscribed_at"])
