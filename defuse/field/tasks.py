"""Background work for field reports, run by the huey worker (`manage.py run_huey`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .reminders import send_overdue_reminders


@db_periodic_task(crontab(minute="*/15"))
@lock_task("field-reminders")
def remind_overdue_reports() -> tuple[int, int]:
    return send_overdue_reminders()
