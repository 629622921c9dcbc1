"""Background work for field reports, run by the huey worker."""

from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=120)
def notify_supervisors_task(report_id: int) -> None:
    """E-mail the unit's supervisors. In the worker, so a slow or failing mail server never
    touches the officer's submit; retried when it fails."""
    from .models import Report
    from .workflow import notify_supervisors

    report = Report.objects.filter(pk=report_id).select_related("unit", "author").first()
    if report is not None:
        notify_supervisors(report)
