"""The query planner's statistics, refreshed after a bulk write.

PostgreSQL plans from table statistics its autovacuum gathers some time after rows arrive.
Right after tens of thousands of rows are written in one go (synthetic items, an import of past
records, a restore) it still believes the tables small: the topic feed over 100,000 items took
140 ms with such a plan and 18 ms after ANALYZE (bench/RESULTS.md). So whoever writes in bulk
asks for fresh statistics at once. SQLite keeps its plans without statistics: nothing to do.
"""

from django.db import connections


def refresh_planner_statistics(using: str = "default") -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
