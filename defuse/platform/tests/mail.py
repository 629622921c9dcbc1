"""Mail in tests goes through the queue as in production (conftest.mail_through_the_queue)."""

from django.core import mail

from defuse.platform.tasks import deliver_queued_mail


def delivered() -> list:
    """Runs the worker's delivery, as it does after each commit and every minute; returns
    everything delivered so far (django.core.mail.outbox)."""
    deliver_queued_mail.call_local()
    return mail.outbox
