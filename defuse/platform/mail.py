"""Queued mail (django-post-office keeps every message in the database, written in the same
transaction as what caused it) is handed to the worker as soon as that transaction commits, and
again every minute by the sweep in tasks.py, which also retries what failed."""

import copy
import logging
import secrets

from django.db import transaction
from post_office.backends import EmailBackend

log = logging.getLogger(__name__)


class QueuedEmailBackend(EmailBackend):
    """django-post-office's backend (settings.EMAIL_BACKEND), queuing each message as written:
    post_office's own renders every subject and body as a Django template (its issue #478),
    so a "{{" in a page title or a reviewer's comment failed the mail, and template tags in
    them ran. Each text is wrapped in a verbatim block no text can close (a random name)."""

    def send_messages(self, email_messages):
        return super().send_messages([as_written(message) for message in email_messages])


def as_written(message):
    written = copy.copy(message)
    written.subject = _verbatim(message.subject)
    written.body = _verbatim(message.body)
    if getattr(message, "alternatives", None):
        written.alternatives = [
            (_verbatim(content), mimetype) for content, mimetype in message.alternatives
        ]
    return written


def _verbatim(text):
    if not isinstance(text, str) or "{" not in text:
        return text  # nothing a template could read as a tag
    name = secrets.token_hex(8)
    return f"{{% verbatim {name} %}}{text}{{% endverbatim {name} %}}"


def deliver_after_commit(sender, emails, **kwargs) -> None:
    """post_office's email_queued signal: queue the delivery once the messages are committed.
    robust: if the queue itself is down (Redis), the request still succeeds and the sweep
    delivers the message later."""
    transaction.on_commit(_queue_delivery, robust=True)


def _queue_delivery() -> None:
    from .tasks import deliver_queued_mail

    deliver_queued_mail()
