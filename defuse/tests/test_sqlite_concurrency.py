"""Two processes writing to one SQLite file at once must both succeed, with Defuse's settings.

Each writer runs read-then-write transactions, the pattern that fails with "database is locked"
under SQLite's default deferred transactions: two readers both try to upgrade to a write lock
and one is refused at once, whatever the busy timeout.
"""

import multiprocessing
import sqlite3

from defuse.settings.database import sqlite_database

WRITES_PER_PROCESS = 500


def writer(path: str, name: str, start, results) -> None:
    import django
    from django.conf import settings

    settings.configure(DATABASES={"default": sqlite_database(path)}, INSTALLED_APPS=[])
    django.setup()
    from django.db import connection, transaction

    start.wait()
    try:
        for number in range(WRITES_PER_PROCESS):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM tally")
                (count,) = cursor.fetchone()
                cursor.execute(
                    "INSERT INTO tally (writer, number, seen) VALUES (%s, %s, %s)",
                    [name, number, count],
                )
        results.put((name, "ok"))
    except Exception as error:  # reported to the test, which fails with it
        results.put((name, repr(error)))


def test_two_processes_write_at_once_without_database_is_locked(tmp_path):
    path = str(tmp_path / "concurrent.sqlite3")
    with sqlite3.connect(path) as setup:
        # As after `migrate`: the first connection switched the file to WAL, which persists.
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE tally (writer TEXT, number INTEGER, seen INTEGER)")

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(target=writer, args=(path, name, start, results)) for name in ("a", "b")
    ]
    for process in processes:
        process.start()
    outcomes = dict(results.get(timeout=120) for _ in processes)
    for process in processes:
        process.join(timeout=30)

    assert outcomes == {"a": "ok", "b": "ok"}
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT COUNT(*) FROM tally").fetchone() == (2 * WRITES_PER_PROCESS,)
        assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        # IMMEDIATE transactions serialise writers: every row saw all rows written before it.
        seen = [row[0] for row in check.execute("SELECT seen FROM tally ORDER BY rowid")]
        assert seen == list(range(2 * WRITES_PER_PROCESS))
