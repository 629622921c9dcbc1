"""Fresh planner statistics after a bulk write (PostgreSQL; SQLite needs none)."""

import pytest
from django.db import connection

from defuse.platform.statistics import refresh_planner_statistics

pytestmark = pytest.mark.django_db(transaction=True)


def test_statistics_are_refreshed_on_postgresql():
    refresh_planner_statistics()
    if connection.vendor != "postgresql":
        return  # nothing to refresh, and nothing fails
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'wagtailcore_page'"
        )
        assert cursor.fetchone()[0] is not None
