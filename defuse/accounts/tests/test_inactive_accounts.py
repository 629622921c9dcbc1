"""The worker disables accounts nobody has used for the configured days, never deletes them,
records each in the audit trail, and an account enabled again gets a fresh period."""

from datetime import timedelta

import pytest
from django.utils import timezone

from defuse.accounts.inactive import disable_inactive_accounts
from defuse.accounts.models import AuditRecord, User
from defuse.accounts.tasks import disable_inactive_accounts_nightly
from defuse.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def people(settings):
    settings.DEFUSE_INACTIVE_DAYS = 90
    joined = days_ago(500)
    return {
        "recent": UserFactory(username="recent", last_login=days_ago(10), date_joined=joined),
        "idle": UserFactory(username="idle", last_login=days_ago(91), date_joined=joined),
        "never": UserFactory(username="never", last_login=None, date_joined=days_ago(120)),
        "new": UserFactory(username="new", last_login=None, date_joined=days_ago(3)),
        "breakglass": UserFactory(
            username="breakglass", last_login=days_ago(400), date_joined=joined
        ),
    }


def test_accounts_unused_past_the_limit_are_disabled_and_kept(people, settings):
    settings.DEFUSE_INACTIVE_EXEMPT = ["breakglass"]
    assert disable_inactive_accounts() == ["idle", "never"]
    active = dict(User.objects.values_list("username", "is_active"))
    assert active == {
        "recent": True,
        "idle": False,
        "never": False,
        "new": True,
        "breakglass": True,
    }
    record = AuditRecord.objects.get(
        action="account disabled", subject__endswith=f":{people['idle'].pk}"
    )
    assert record.detail["reason"] == "no sign-in for 90 days"
    assert record.detail["last_sign_in"] == people["idle"].last_login.isoformat()
    assert disable_inactive_accounts() == []  # nothing twice


def test_an_account_enabled_again_gets_a_fresh_period(people):
    disable_inactive_accounts()
    idle = User.objects.get(username="idle")
    idle.is_active = True
    idle.save()
    assert idle.enabled_at is not None
    assert AuditRecord.objects.filter(action="account enabled").count() == 1
    assert "idle" not in disable_inactive_accounts()


def test_the_nightly_task_runs_the_rule(people):
    assert "idle" in disable_inactive_accounts_nightly.call_local()
