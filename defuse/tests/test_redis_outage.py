"""Redis down, with the settings REDIS_URL gives: reading, signing in, submitting and approving
still work (cache errors are misses, sessions live in the database too, rate limits fail open,
and work queued after a commit waits in the database for the worker's sweep)."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from huey import RedisHuey
from huey.contrib.djhuey import HUEY
from post_office.models import STATUS, Email

from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.core.vocabulary import Technique
from defuse.field.models import Report
from defuse.field.tests.conftest import valid_report_data
from defuse.insights.models import StaleSlice
from defuse.settings.base import redis_caches

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "KEY_PREFIX": "defuse",
    }
}


@pytest.fixture
def redis_down(settings):
    """What defuse/settings/base.py configures when REDIS_URL is set, pointed at no server."""
    settings.CACHES = redis_caches(DEAD_REDIS["default"]["LOCATION"])
    caches["local"].clear()  # nothing from an earlier test under the same version
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS and settings.RATELIMIT_FAIL_OPEN
    caches["default"].set("probe", 1)  # ignored, not raised
    assert caches["default"].get("probe") is None
    yield


def test_readers_and_officers_carry_on_when_redis_is_down(client, redis_down, demo_hub, officer):
    assert client.get("/").status_code == 200
    assert client.get("/de-escalation/").status_code == 200
    assert client.get(reverse("hub:search") + "?q=distance").status_code == 200
    signed_in = client.post(
        reverse("accounts:login"), {"login": officer.username, "password": TEST_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("field:reports")).status_code == 200  # the session still holds


@pytest.fixture
def queue_down(monkeypatch):
    """The task queue in that dead Redis too (settings/base.py: RedisHuey when REDIS_URL is
    set), instead of the suite's immediate in-memory one."""
    dead = RedisHuey("defuse-dead", url=DEAD_REDIS["default"]["LOCATION"])
    monkeypatch.setattr(HUEY, "_immediate", False)
    monkeypatch.setattr(HUEY, "storage", dead.storage)


def test_a_report_is_submitted_and_approved_when_redis_is_down(
    client, redis_down, queue_down, officer, supervisor, checklist,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.post(reverse("accounts:login"), {"login": officer.username, "password": TEST_PASSWORD})
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    technique = Technique.objects.get(code="distance").pk
    data = valid_report_data(**{"techniques-0-technique": str(technique), "submit": "1"})
    with django_capture_on_commit_callbacks(execute=True):  # queueing the delivery fails
        response = client.post(reverse("field:edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert Email.objects.get().status == STATUS.queued  # the sweep sends it once Redis is back

    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("field:review", args=[report.pk]), {"decision": "approve", "comment": ""}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.CLOSED
    assert StaleSlice.objects.count() == 1  # recounted by the sweep once Redis is back
