"""Background work for Insights, run by the huey worker."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from .facts import rebuild
from .models import StaleSlice


def recount_marked() -> int:
    """Recounts every slice marked stale, then removes those marks (not ones made meanwhile,
    which wait for the next run). About a second per slice at a million reports, minutes for
    everything, so never in a request. Returns the slices recounted."""
    marks = list(StaleSlice.objects.values_list("pk", "everything", "month", "unit_id"))
    if not marks:
        return 0
    if any(everything for _, everything, _, _ in marks):
        rebuild(everything=True)
        recounted = 1
    else:
        slices = {(month, unit_id) for _, _, month, unit_id in marks}
        for month, unit_id in sorted(slices, key=lambda s: (s[0], s[1] or 0)):
            rebuild(month, unit_id)
        recounted = len(slices)
    StaleSlice.objects.filter(pk__in=[pk for pk, *_ in marks]).delete()
    return recounted


@db_task()
@lock_task("insights-recount")
def recount_stale() -> int:
    return recount_marked()


@db_periodic_task(crontab(minute="*"))
@lock_task("insights-recount")
def recount_stale_every_minute() -> int:
    """The sweep: marks whose recount was never queued (the process stopped after the commit,
    or the queue was down)."""
    return recount_marked()
