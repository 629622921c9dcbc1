"""Background work for field reports, run by the huey worker (`manage.py run_huey`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .importing.uploads import discard_abandoned_uploads
from .reminders import send_overdue_reminders


@db_periodic_task(crontab(minute="*/15"))
@lock_task("field-reminders")
def remind_overdue_reports() -> tuple[int, int]:
    return send_overdue_reminders()


@db_periodic_task(crontab(hour="3", minute="20"))
@lock_task("field-import-files")
def discard_abandoned_imports() -> int:
    return discard_abandoned_uploads()
