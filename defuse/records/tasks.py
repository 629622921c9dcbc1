"""The nightly purge, once the agency turns it on (DEFUSE_RETENTION_PURGE)."""

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from . import retention

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="3", minute="30"))
@lock_task("retention-purge")
def purge_due_records() -> int:
    if not settings.DEFUSE_RETENTION_PURGE:
        due = retention.due()
        if due:
            logger.info("%s records are due under the retention schedule (purge is off)", len(due))
        return 0
    return len(retention.purge())
