"""Queued mail (django-post-office keeps every message in the database, written in the same
transaction as what caused it) is handed to the worker as soon as that transaction commits, and
again every minute by the sweep in tasks.py, which also retries what failed."""

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def deliver_after_commit(sender, emails, **kwargs) -> None:
    """post_office's email_queued signal: queue the delivery once the messages are committed.
    robust: if the queue itself is down (Redis), the request still succeeds and the sweep
    delivers the message later."""
    transaction.on_commit(_queue_delivery, robust=True)


def _queue_delivery() -> None:
    from .tasks import deliver_queued_mail

    deliver_queued_mail()
