"""Backup -> wipe -> restore on the engine the suite runs on (SQLite, then PostgreSQL): every
page, training attempt, report and uploaded file comes back."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import Page

from defuse.accounts.models import User
from defuse.conftest import restore_migration_data
from defuse.field.models import Report
from defuse.platform.backup import MANIFEST, PG_FILE, SQLITE_FILE
from defuse.training import player
from defuse.training.models import Attempt, Scenario

pytestmark = pytest.mark.django_db(transaction=True)


def quiet(*args, **options):
    call_command(*args, stdout=StringIO(), **options)


def wipe() -> None:
    """Drop every table: what a lost disk or a bad migration leaves."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
            return
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")
        for (name,) in cursor.fetchall():
            if not name.startswith("sqlite_"):
                cursor.execute(f'DROP TABLE IF EXISTS "{name}"')
        cursor.execute("PRAGMA foreign_keys=ON")


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live", "url_path")),
        "attempts": sorted(
            Attempt.objects.values_list("pk", "user__username", "status", "scaled", "step_count")
        ),
        "reports": sorted(Report.objects.values_list("pk", "case_number", "status", "author_id")),
        "documents": sorted(get_document_model().objects.values_list("pk", "file")),
    }


@pytest.fixture
def populated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Page.get_first_root_node() or restore_migration_data()
    quiet("seed_demo", no_progress=True)
    officer = User.objects.get(username="officer")
    for scenario in Scenario.objects.all()[:2]:
        attempt = player.start_or_resume(officer, scenario)
        for step in range(30):
            if not player.answer(attempt.pk, officer, step, "0").recorded:
                break
    assert Attempt.objects.filter(status=Attempt.Status.COMPLETED).exists()
    assert Report.objects.count() > 100
    assert get_document_model().objects.exists()
    return snapshot()


def test_backup_wipe_restore_finds_everything_again(populated, settings, tmp_path):
    backup = tmp_path / "backup"
    quiet("backup", str(backup))
    assert (backup / MANIFEST).is_file()
    assert (backup / (SQLITE_FILE if connection.vendor == "sqlite" else PG_FILE)).is_file()

    wipe()
    shutil.rmtree(settings.MEDIA_ROOT)
    assert "wagtailcore_page" not in connection.introspection.table_names()

    quiet("restore", str(backup), yes=True)

    assert snapshot() == populated
    for document in get_document_model().objects.all():
        assert document.file.storage.exists(document.file.name), document.file.name
    # The restored installation works: the tree is sound.
    assert Page.objects.get(url_path="/home/").specific.title


def test_restore_refuses_a_folder_that_is_not_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="is not a Defuse backup"):
        quiet("restore", str(tmp_path), yes=True)


def test_a_damaged_backup_changes_nothing(populated, settings, tmp_path):
    backup = tmp_path / "backup"
    quiet("backup", str(backup), no_media=True)
    database = backup / (SQLITE_FILE if connection.vendor == "sqlite" else PG_FILE)
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 3])

    with pytest.raises(CommandError):
        quiet("restore", str(backup), yes=True)

    assert snapshot() == populated


def test_a_backup_never_overwrites_an_earlier_one(db, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "keep").write_text("earlier backup")
    with pytest.raises(CommandError, match="not empty"):
        quiet("backup", str(tmp_path / "old"))
    assert (tmp_path / "old" / "keep").read_text() == "earlier backup"


def test_what_is_written_while_a_backup_runs_does_not_break_its_own_check(
    populated, settings, tmp_path, monkeypatch
):
    """Counts are taken in the snapshot: reports filed while the media are archived are not in
    the backup, and its manifest does not count them either."""
    from defuse.platform import backup as backups

    archive = backups.tarfile.open
    author = User.objects.get(username="officer")

    def filed_meanwhile(*args, **kwargs):
        for number in range(5):
            Report.objects.create(author=author, case_number=f"LATE-{number}")
        return archive(*args, **kwargs)

    monkeypatch.setattr(backups.tarfile, "open", filed_meanwhile)
    target = tmp_path / "backup"
    manifest = backups.backup(target)
    monkeypatch.undo()
    assert manifest["contents"]["reports"] == Report.objects.count() - 5
    assert target.stat().st_mode & 0o777 == 0o700
    assert {path.stat().st_mode & 0o777 for path in target.iterdir()} == {0o600}

    wipe()
    quiet("restore", str(target), yes=True)  # checks what it finds against the manifest
    assert not Report.objects.filter(case_number__startswith="LATE-").exists()
