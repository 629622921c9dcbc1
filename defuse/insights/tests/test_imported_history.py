"""A city's published use-of-force file, imported, gives the figures the file itself gives: force
per month counts incidents (a case with three force rows is one encounter with force), by the
month in the agency's time zone; importing it again leaves every figure as it was."""

import csv
import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from defuse.field.importing.files import open_table
from defuse.field.importing.plan import read_plan
from defuse.field.importing.profiles import load_profile
from defuse.field.importing.write import write_plan
from defuse.insights import metrics
from defuse.insights.queries import facts

from .builders import scope_for

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
FILE = ROOT / "defuse" / "field" / "tests" / "files" / "minneapolis-use-of-force.csv"
PROFILE = ROOT / "docs" / "import-profiles" / "minneapolis.json"


def import_file(profile, capture):
    with FILE.open("rb") as stream, capture(execute=True):
        return write_plan(read_plan(open_table(stream, FILE.name), profile))


def force_by_month_from_the_file() -> dict[date, int]:
    """My own count: distinct case numbers per local month (every row of this file is force)."""
    cases = {}
    with FILE.open(newline="") as stream:
        for row in csv.DictReader(stream):
            when = datetime.strptime(row["ResponseDate"], "%Y/%m/%d %H:%M:%S+00").replace(
                tzinfo=UTC
            )
            local = when.astimezone(ZoneInfo("America/Chicago"))
            cases[row["CaseNumber"]] = date(local.year, local.month, 1)
    return dict(Counter(cases.values()))


def test_force_per_month_matches_the_incidents_and_survives_a_second_import(
    chief, django_capture_on_commit_callbacks
):
    profile = load_profile(json.loads(PROFILE.read_text()))
    assert import_file(profile, django_capture_on_commit_callbacks).new == 30
    scope = scope_for(chief, "?from=2025-12&to=2026-04")

    def shown():
        chart = metrics.encounters_by_month(facts(scope))
        return {row[0]: (row[1], row[3]) for row in chart.rows if row[1]}

    wanted = force_by_month_from_the_file()
    assert shown() == {month: (n, n) for month, n in wanted.items()}
    assert sum(wanted.values()) == 30 and max(wanted.values()) < 56 / 2
    again = import_file(profile, django_capture_on_commit_callbacks)
    assert (again.new, again.amended, again.unchanged) == (0, 0, 30)
    assert shown() == {month: (n, n) for month, n in wanted.items()}
