"""Backups of a Defuse installation and restoring them.

A backup is a folder holding the database (SQLite's online backup of the live file, or
PostgreSQL's `pg_dump` in its custom format), the uploaded media as a tar archive, and a
manifest naming the engine, the migrations it was made at and what it holds. Both engines are
backed up while Defuse keeps serving. What the manifest counts is counted in the snapshot itself
(the SQLite copy; the PostgreSQL snapshot pg_dump reads), so a backup taken while people write
passes its own restore check. A backup is private: its folder 0700, its files 0600.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .declarations import backup_counts
from .statistics import refresh_planner_statistics

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"


class BackupError(Exception):
    """What went wrong, said so that an operator can act on it."""


def contents(using="default") -> dict[str, int]:
    """The rows each app declared worth counting (AppConfig.backup_counts), counted now."""
    return {
        name: apps.get_model(label).objects.using(using).count()
        for name, label in backup_counts().items()
    }


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name}" for name, count in counts.items())


def engine(using="default") -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups cover SQLite and PostgreSQL, not {vendor}.")
    return vendor


def backup(destination: Path, using="default", include_media=True) -> dict:
    """Write a backup into `destination` (a new folder); its manifest."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty; give a new folder for each backup.")
    destination.mkdir(parents=True, exist_ok=True)
    destination.chmod(0o700)
    old_umask = os.umask(0o077)  # every file written below is the operator's alone
    try:
        vendor = engine(using)
        if vendor == "sqlite":
            _sqlite_backup(using, destination / SQLITE_FILE)
            counted = _sqlite_counts(destination / SQLITE_FILE)
        else:
            counted = _pg_dump_counted(using, destination / PG_FILE)
        media = Path(settings.MEDIA_ROOT)
        if include_media and media.is_dir():
            with tarfile.open(destination / MEDIA_FILE, "w:gz") as archive:
                archive.add(media, arcname=".")
        manifest = {
            "format": 1,
            "engine": vendor,
            "created_at": timezone.now().isoformat(),
            "migrations": _latest_migrations(using),
            "contents": counted,
            "media": (destination / MEDIA_FILE).exists(),
        }
        (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    finally:
        os.umask(old_umask)
    for path in destination.iterdir():
        path.chmod(0o600)  # also what an earlier umask let through (sqlite3, pg_dump)
    return manifest


def _tables() -> dict[str, str]:
    return {name: apps.get_model(label)._meta.db_table for name, label in backup_counts().items()}


def _sqlite_counts(copy: Path) -> dict[str, int]:
    """What the snapshot file itself holds."""
    with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as database:
        return {
            name: database.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for name, table in _tables().items()
        }


def _pg_dump_counted(using, target: Path) -> dict[str, int]:
    """pg_dump of an exported snapshot, counted in that same snapshot."""
    connection = connections[using]
    if connection.in_atomic_block:  # a caller's transaction: no snapshot of our own to export
        counted = contents(using)
        _pg_dump(using, target)
        return counted
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counted = contents(using)
        _pg_dump(using, target, snapshot)  # while the snapshot's transaction is open
    return counted


def read_manifest(source: Path) -> dict:
    path = Path(source) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} is not a Defuse backup: it has no {MANIFEST}.") from None
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from None
    if manifest.get("format") != 1 or manifest.get("engine") not in ("sqlite", "postgresql"):
        raise BackupError(f"{path} is not a manifest this version of Defuse understands.")
    return manifest


def restore(source: Path, using="default", include_media=True) -> dict:
    """Replace the database (and media) with the backup in `source`; its manifest."""
    source = Path(source)
    manifest = read_manifest(source)
    vendor = engine(using)
    if manifest["engine"] != vendor:
        raise BackupError(
            f"The backup is of a {manifest['engine']} database and this installation uses "
            f"{vendor}. Restore it into a {manifest['engine']} installation (then move the data "
            "with dumpdata/loaddata if you need to change engines)."
        )
    if vendor == "sqlite":
        _sqlite_restore(using, source / SQLITE_FILE)
    else:
        _pg_restore(using, source / PG_FILE)
        refresh_planner_statistics(using)
    if include_media and manifest.get("media"):
        _restore_media(source / MEDIA_FILE, Path(settings.MEDIA_ROOT))
    return manifest


def _latest_migrations(using) -> dict:
    recorder = MigrationRecorder(connections[using])
    latest: dict[str, str] = {}
    for app, name in recorder.applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def _sqlite_connection(using) -> sqlite3.Connection:
    connection = connections[using]
    connection.ensure_connection()
    return connection.connection


def _sqlite_backup(using, target: Path) -> None:
    # SQLite's online backup copies a consistent snapshot while others keep writing.
    with closing(sqlite3.connect(target)) as copy:
        _sqlite_connection(using).backup(copy)


def _sqlite_restore(using, source: Path) -> None:
    if not source.is_file():
        raise BackupError(f"{source} is missing from the backup.")
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_db:
            backup_db.execute("PRAGMA quick_check").fetchone()
            backup_db.backup(_sqlite_connection(using))
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a usable SQLite database: {error}") from None


def _pg_arguments(using) -> tuple[list[str], dict]:
    config = connections[using].settings_dict
    arguments = [
        "--host",
        config.get("HOST") or "127.0.0.1",
        "--port",
        str(config.get("PORT") or 5432),
        "--username",
        config.get("USER") or "postgres",
        "--dbname",
        config["NAME"],
    ]
    environment = dict(os.environ)
    if config.get("PASSWORD"):
        environment["PGPASSWORD"] = config["PASSWORD"]
    return arguments, environment


def _run(command: list[str], environment: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed: apt-get install postgresql-client "
            "(the same major version as the server)."
        )
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _pg_dump(using, target: Path, snapshot: str = "") -> None:
    arguments, environment = _pg_arguments(using)
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
    command += [f"--snapshot={snapshot}"] if snapshot else []
    command += ["--file"]
    _run([*command, str(target), *arguments], environment)


def _pg_restore(using, source: Path) -> None:
    if not source.is_file():
        raise BackupError(f"{source} is missing from the backup.")
    connections[using].close()
    arguments, environment = _pg_arguments(using)
    # One transaction: a restore that fails leaves the database as it was.
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    _run(
        [*command, "--single-transaction", "--exit-on-error", *arguments, str(source)], environment
    )


def _restore_media(archive: Path, media_root: Path) -> None:
    if not archive.is_file():
        raise BackupError(f"{archive} is missing from the backup.")
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(staging, filter="data")
    old = media_root.with_name(media_root.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if media_root.exists():
        media_root.rename(old)
    staging.rename(media_root)
    shutil.rmtree(old, ignore_errors=True)
