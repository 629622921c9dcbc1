"""Background work of the platform, run by the huey worker (`manage.py run_huey`)."""

from django.db import close_old_connections
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task, on_startup
from post_office.mail import send_queued

from .models import Heartbeat, SharedCacheEntry


def deliver_everything_due() -> tuple[int, int]:
    """Sends what is queued, a batch at a time, until nothing is due or a batch sent nothing
    (the server is down: what failed is requeued for a later try). Returns (sent, failed or
    requeued). Not post_office's send_queued_mail_until_done: that one locks with a file on one
    machine, where huey's lock_task (below) holds across every worker host."""
    sent = unsent = 0
    while True:
        batch_sent, batch_failed, batch_requeued = send_queued()
        sent, unsent = sent + batch_sent, unsent + batch_failed + batch_requeued
        if not batch_sent:
            return sent, unsent


@db_task()
@lock_task("mail-delivery")
def deliver_queued_mail() -> tuple[int, int]:
    return deliver_everything_due()


@db_periodic_task(crontab(minute="*"))
@lock_task("mail-delivery")
def deliver_mail_every_minute() -> tuple[int, int]:
    """The sweep: mail whose delivery was never queued (the process died after the commit, the
    queue was down) or is due for a retry."""
    return deliver_everything_due()


@db_periodic_task(crontab(minute="7"))
def clear_expired_shared_entries() -> int:
    """The shared counters' table (without Redis) keeps only what has not expired."""
    deleted, _ = SharedCacheEntry.objects.filter(expires__lt=timezone.now()).delete()
    return deleted


@db_periodic_task(crontab(minute="*"))
def worker_heartbeat() -> None:
    """/health/ reports the worker as stopped when this has not run for a few minutes."""
    Heartbeat.beat("worker")


@on_startup()
def heartbeat_at_startup() -> None:
    """A worker that just started is alive before its first minute is up."""
    Heartbeat.beat("worker")
    close_old_connections()
