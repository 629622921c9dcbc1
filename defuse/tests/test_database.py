import os

from django.db import connection

from defuse.settings.database import database_from_env


def test_database_follows_database_url():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


def test_sqlite_is_the_default_with_wal_and_immediate_transactions(tmp_path):
    config = database_from_env({}, tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_database_url_selects_postgresql(tmp_path):
    config = database_from_env(
        {"DATABASE_URL": "postgresql://defuse:secret@db.internal:5433/defuse"}, tmp_path / "x"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "defuse")


def test_sqlite_database_url_keeps_the_concurrency_options(tmp_path):
    config = database_from_env({"DATABASE_URL": f"sqlite:///{tmp_path}/other.db"}, tmp_path / "x")
    assert config["NAME"].endswith("other.db")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
