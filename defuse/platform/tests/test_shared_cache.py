"""The database-backed shared cache (used without Redis): add() is one statement, not Django's
count of the whole table first, and keeps add()'s meaning; the worker clears what expired."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from defuse.platform.models import SharedCacheEntry
from defuse.platform.shared_cache import SharedDatabaseCache
from defuse.platform.tasks import clear_expired_shared_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared():
    return SharedDatabaseCache("defuse_shared_cache", {})


def test_add_stores_once_and_again_after_expiry(shared):
    assert shared.add("mark", 1, 60) is True
    assert shared.add("mark", 2, 60) is False
    assert shared.get("mark") == 1
    SharedCacheEntry.objects.update(expires=timezone.now() - timezone.timedelta(seconds=1))
    assert shared.get("mark") is None
    assert shared.add("mark", 3, 60) is True
    assert shared.get("mark") == 3
    assert shared.incr("mark") == 4


def test_add_does_not_count_the_table(shared):
    with CaptureQueriesContext(connection) as captured:
        shared.add("mark", 1, 60)
    # Inside the test's transaction the atomic block is a savepoint; in a request, a transaction.
    statements = [q["sql"].upper() for q in captured if "SAVEPOINT" not in q["sql"].upper()]
    assert len(statements) == 1 and "COUNT(" not in statements[0]


def test_the_worker_clears_expired_entries_only(shared):
    shared.add("stale", 1, 60)
    shared.add("fresh", 1, 60)
    SharedCacheEntry.objects.filter(cache_key__endswith="stale").update(
        expires=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert clear_expired_shared_entries.call_local() == 1
    assert shared.get("fresh") == 1
    assert SharedCacheEntry.objects.exclude(cache_key__contains="version").count() == 1


def test_a_database_that_refuses_the_write_is_a_miss(shared, read_only_database):
    assert shared.add("mark", 1, 60) is False
