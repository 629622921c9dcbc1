"""Background work for training, run by the huey worker (`manage.py run_huey`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from .lrs import send_pending
from .reminders import send_due_reminders


@db_task()
@lock_task("xapi-send")
def send_xapi_statements():
    return send_pending()


@db_periodic_task(crontab(minute="*"))
@lock_task("xapi-send")
def retry_xapi_statements():
    return send_pending()


@db_periodic_task(crontab(hour="6", minute="0"))
def send_assignment_reminders():
    return send_due_reminders()
