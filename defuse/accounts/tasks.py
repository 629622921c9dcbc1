"""Background work of accounts, run by the huey worker."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .inactive import disable_inactive_accounts
from .sso import sync_accounts


@db_periodic_task(crontab(hour="2", minute="15"))
@lock_task("inactive-accounts")
def disable_inactive_accounts_nightly() -> list[str]:
    return disable_inactive_accounts()


@db_periodic_task(crontab(minute="23"))
@lock_task("sso-sync")
def sync_single_sign_on_hourly() -> list[str]:
    """People removed at the identity provider are disabled within the hour."""
    return sync_accounts()
