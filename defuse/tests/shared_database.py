"""The test's database, for tests that run Defuse in another process against it."""

import os
import sqlite3
from pathlib import Path

from django.db import connection


class SharedDatabase:
    """The test's database, reachable from another process: PostgreSQL's test database itself;
    SQLite's in-memory one copied to a file and back with SQLite's backup API."""

    def __init__(self, folder: Path):
        self.file = folder / "shared.sqlite3"

    def url(self) -> str:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as copy:
                connection.connection.backup(copy)
            return f"sqlite:///{self.file}"
        s = connection.settings_dict
        password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
        return f"postgresql://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"

    def environment(self) -> dict[str, str]:
        """What a child process needs to run Defuse's test settings on this database."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "defuse.settings.test",
            "DATABASE_URL": self.url(),
        }

    def take_back(self) -> None:
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.file) as copy:
                copy.backup(connection.connection)
