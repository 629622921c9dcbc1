"""Insights keeps its monthly counts in step with the reports, told by field's signals, which
arrive inside the transaction that made the change: the stale slice is marked in that same
transaction, and recounted by the worker once it commits."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from defuse.field.models import Report

from .models import StaleSlice


def recount_approved(sender, report, **kwargs) -> None:
    """An approval changes a month-and-unit slice (and an amendment, the replaced one's)."""
    changed = [report]
    if report.amends_id:
        changed.append(Report.objects.get(pk=report.amends_id))
    StaleSlice.objects.bulk_create(
        StaleSlice(month=month_of(r.occurred_at), unit_id=r.unit_id)
        for r in changed
        if r.occurred_at is not None
    )
    _recount_after_commit()


def recount_all(sender, **kwargs) -> None:
    """An import may touch any month: everything is recounted."""
    StaleSlice.objects.create(everything=True)
    _recount_after_commit()


def month_of(moment) -> date:
    local = timezone.localtime(moment)
    return date(local.year, local.month, 1)


def _recount_after_commit() -> None:
    # robust: a queue that is down (Redis) never fails the approval; the sweep recounts.
    transaction.on_commit(_queue_recount, robust=True)


def _queue_recount() -> None:
    from .tasks import recount_stale

    recount_stale()
