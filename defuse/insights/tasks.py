"""Background work for Insights, run by the huey worker."""

from huey.contrib.djhuey import db_task

from defuse.field.models import Report

from .facts import rebuild, refresh_for


@db_task()
def recount_after_approval(report_id: int) -> None:
    """Recount the month-and-unit slices an approval changed (about a second at a million
    reports, so it runs in the worker, not in the supervisor's request)."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return
    refresh_for(report)
    if report.amends_id:
        refresh_for(Report.objects.get(pk=report.amends_id))


@db_task()
def recount_everything() -> None:
    """Recount every month and unit, as `manage.py rebuild_insights` does (after an import,
    which may touch any month: minutes at a million reports, so never in a request)."""
    rebuild(everything=True)
