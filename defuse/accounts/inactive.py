"""Accounts nobody has used for DEFUSE_INACTIVE_DAYS are disabled, never deleted: their reports
and training records stay theirs (CJIS 5.5.1, account management). Inactivity counts from the
latest of the last sign-in, the day the account was made and the day it was last enabled again,
so an administrator who enables an account gives it a fresh period."""

from datetime import timedelta

from django.conf import settings
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .models import User


def due_for_disabling(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.DEFUSE_INACTIVE_DAYS)
    last_used = Greatest(
        Coalesce("last_login", "date_joined"), Coalesce("enabled_at", "date_joined")
    )
    return (
        User.objects.filter(is_active=True)
        .exclude(username__in=settings.DEFUSE_INACTIVE_EXEMPT)
        .alias(last_used=last_used)
        .filter(last_used__lt=cutoff)
    )


def disable_inactive_accounts(now=None) -> list[str]:
    """Disables each account due (the audit trail records each, with the reason); returns
    the usernames."""
    disabled = []
    for user in due_for_disabling(now).order_by("username"):
        user.disable(f"no sign-in for {settings.DEFUSE_INACTIVE_DAYS} days")
        disabled.append(user.username)
    return disabled
