"""A backup taken while 20 writers (threads, each with its own database connection) file reports
at full speed restores and passes its own check (the counts in its manifest are those of its
snapshot), on the engine the suite runs on."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from defuse.field.models import Report

from .shared_database import SharedDatabase

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS = 20

BURST = textwrap.dedent(
    """
    import json, sys, threading, time
    from io import StringIO
    from pathlib import Path
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from defuse.field.models import Report
    from defuse.platform import backup

    author_id, target, writers = int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    stop, written, errors = threading.Event(), [], []

    def writer(number):
        count = 0
        try:
            while not stop.is_set():
                Report.objects.create(author_id=author_id, case_number=f"BURST-{number}-{count}")
                count += 1
        except Exception as error:
            errors.append(repr(error))
        finally:
            written.append(count)
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while Report.objects.count() < 200:  # the burst is under way (or has failed: say so)
        assert time.monotonic() < deadline and not errors, errors
        time.sleep(0.01)
    manifest = backup.backup(target, include_media=False)
    time.sleep(0.3)  # and goes on after the snapshot
    stop.set()
    for thread in threads:
        thread.join()
    before_restore = Report.objects.count()
    call_command("restore", str(target), yes=True, no_media=True, stdout=StringIO())
    print(json.dumps({
        "manifest": manifest["contents"]["reports"], "written": sum(written),
        "errors": errors, "before_restore": before_restore,
        "after_restore": Report.objects.count(),
    }))
    """
)


def test_a_backup_during_a_burst_of_writers_restores_and_passes_its_check(officer, tmp_path):
    database = SharedDatabase(tmp_path)
    child = subprocess.run(
        [sys.executable, "-c", BURST, str(officer.pk), str(tmp_path / "backup"), str(WRITERS)],
        env=database.environment(),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.returncode == 0, child.stdout + child.stderr  # restore raises on a bad check
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["before_restore"] == result["written"]  # every writer's row was committed
    assert 200 <= result["manifest"] < result["written"]  # taken mid-burst
    assert result["after_restore"] == result["manifest"]  # and restored to exactly that
    database.take_back()
    assert Report.objects.count() == result["manifest"]
