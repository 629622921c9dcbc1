"""/health/ tells the truth: a database that refuses writes, a stopped worker and a full disk
each answer 503, named (the read-only database: defuse/conftest.py's read_only_database)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from defuse.platform.models import Heartbeat
from defuse.platform.tasks import worker_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_running():
    worker_heartbeat.call_local()


def health(client):
    response = client.get("/health/")
    return response.status_code, response.json()


def test_all_well(client, worker_running):
    assert health(client) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "worker": "ok", "disk": "ok"},
    )
    assert Heartbeat.objects.filter(name="web").exists()  # the write it proved


def test_a_database_that_refuses_writes_is_an_error(client, worker_running, read_only_database):
    status, answer = health(client)
    assert status == 503
    assert answer["status"] == "error"
    # What SQLite and PostgreSQL said ("readonly database", "read-only transaction") is logged;
    # the answer, which anyone may ask for, only names the failure.
    assert answer["database"] == "error: refuses writes (read-only, or out of disk)"
    assert answer["cache"] == answer["worker"] == answer["disk"] == "ok"


def test_a_stopped_worker_is_an_error(client, worker_running, settings):
    Heartbeat.objects.filter(name="worker").update(beat_at=timezone.now() - timedelta(minutes=6))
    status, answer = health(client)
    assert status == 503
    assert answer["worker"].startswith("error: last heartbeat 36")  # 360 s and a little
    assert answer["database"] == "ok"


def test_a_worker_that_never_ran_is_an_error(client):
    status, answer = health(client)
    assert status == 503
    assert answer["worker"] == "error: no heartbeat yet (is manage.py run_huey running?)"


def test_a_full_disk_is_an_error(client, worker_running, settings):
    settings.DEFUSE_HEALTH_MIN_FREE_MB = 10**12  # more than any disk has
    status, answer = health(client)
    assert status == 503
    assert answer["disk"].startswith("error: ")
    assert "DEFUSE_VAR_DIR has " in answer["disk"] and "MEDIA_ROOT has " in answer["disk"]
    assert str(settings.VAR_DIR) not in answer["disk"]  # anyone may ask: no server paths
