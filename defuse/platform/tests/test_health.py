"""/health/ tells the truth: a database that refuses writes, a stopped worker and a full disk
each answer 503, named. With a read-only database, reading goes on and a write is a 503."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.tests.factories import TEST_PASSWORD
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


@pytest.fixture
def read_only_database():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = ON")
        yield
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
        return
    # PostgreSQL: read-only from a savepoint on; rolling back to it makes the test's own
    # transaction writable again for its end-of-test constraint checks.
    savepoint = transaction.savepoint()
    with connection.cursor() as cursor:
        cursor.execute("SET transaction_read_only = on")
    yield
    transaction.savepoint_rollback(savepoint)


def test_a_database_that_refuses_writes_is_an_error(client, worker_running, read_only_database):
    status, answer = health(client)
    assert status == 503
    assert answer["status"] == "error"
    assert answer["database"].startswith("error:")
    assert "read" in answer["database"].lower()  # "readonly database", "read-only transaction"
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
    assert f"{settings.VAR_DIR}" in answer["disk"] or "below" in answer["disk"]


def test_with_a_read_only_database_readers_read_and_writers_get_a_503(
    topic_page, officer, read_only_database
):
    client = Client(raise_request_exception=False)  # as a browser sees it
    assert client.get("/").status_code == 200
    assert client.get(topic_page.url).status_code == 200
    assert client.get(reverse("hub:search") + "?q=distance").status_code == 200  # hit not counted
    signing_in = client.post(
        reverse("accounts:login"), {"username": officer.username, "password": TEST_PASSWORD}
    )
    assert signing_in.status_code == 503
    assert signing_in["Retry-After"] == "120"
    assert "Defuse cannot save right now" in signing_in.content.decode()
