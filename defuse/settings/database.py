"""Database configuration: embedded SQLite by default, PostgreSQL when DATABASE_URL is set."""

from pathlib import Path

import dj_database_url


def sqlite_database(path: Path | str) -> dict:
    """SQLite tuned for several writers at once.

    WAL lets readers work beside one writer; the busy timeout makes a second writer wait instead of
    failing; IMMEDIATE transactions take the write lock at BEGIN, so a transaction that reads and
    then writes can never deadlock against another one upgrading its lock at the same moment.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


def database_from_env(environ, default_sqlite_path: Path) -> dict:
    url = environ.get("DATABASE_URL", "").strip()
    if not url:
        # var/ is git-ignored, so a fresh checkout has none yet.
        Path(default_sqlite_path).parent.mkdir(parents=True, exist_ok=True)
        return sqlite_database(default_sqlite_path)
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return sqlite_database(config["NAME"])
    return dict(config)


def databases_from_env(environ, default_sqlite_path: Path) -> dict:
    """The primary, and a read replica for Insights and dashboards if REPLICA_DATABASE_URL is set
    (see defuse/platform/routers.py). In tests the replica mirrors the primary."""
    databases = {"default": database_from_env(environ, default_sqlite_path)}
    replica = environ.get("REPLICA_DATABASE_URL", "").strip()
    if replica:
        config = dj_database_url.parse(replica, conn_max_age=60, conn_health_checks=True)
        databases["replica"] = {**config, "TEST": {"MIRROR": "default"}}
    return databases
