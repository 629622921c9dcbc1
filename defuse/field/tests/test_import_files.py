"""Importing a real agency's file: a Minneapolis-shaped open-data file (the city's published
columns, one row per force type applied, its date format and call-type codes) through a saved
profile; idempotent re-import; a changed record becomes an amendment; bad rows write nothing and
every problem names its file line; unmapped values are listed with their counts; officers Defuse
does not know are kept without a login; the unit as recorded; XLSX as well as CSV."""

import csv
import io
import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from defuse.accounts.models import Unit, User
from defuse.field.importing.files import open_table
from defuse.field.importing.plan import read_plan
from defuse.field.importing.profiles import load_profile
from defuse.field.importing.write import write_plan
from defuse.field.models import ForceApplication, ImportProfile, Report, Subject

pytestmark = pytest.mark.django_db
FILES = Path(__file__).resolve().parent / "files"
MINNEAPOLIS = FILES / "minneapolis-use-of-force.csv"
PROFILE_FILE = Path(__file__).resolve().parents[3] / "docs" / "import-profiles" / "minneapolis.json"
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def minneapolis():
    return load_profile(json.loads(PROFILE_FILE.read_text()))


def run(path: Path, profile: ImportProfile, *extra) -> str:
    out = io.StringIO()
    call_command("import_reports", str(path), "--profile", profile.name, "--no-progress",
                 *extra, stdout=out, stderr=out)  # fmt: skip
    return out.getvalue()


def plan_for(text: str, profile: ImportProfile, name="history.csv"):
    return read_plan(open_table(io.BytesIO(text.encode()), name), profile)


def file_rows(path: Path = MINNEAPOLIS) -> list[dict]:
    with path.open(newline="") as stream:
        return list(csv.DictReader(stream))


def test_the_minneapolis_file_becomes_one_report_per_case(minneapolis):
    rows = file_rows()
    cases = {row["CaseNumber"] for row in rows}
    assert len(rows) > len(cases), "the file must have multi-row incidents"
    output = run(MINNEAPOLIS, minneapolis)
    assert f"{len(cases)} new records" in output
    assert Report.objects.count() == len(cases)
    assert ForceApplication.objects.count() == len(rows)  # every row is one force type applied
    for case in cases:
        mine = [row for row in rows if row["CaseNumber"] == case]
        report = Report.objects.get(case_number=case)
        when = datetime.strptime(mine[0]["ResponseDate"], "%Y/%m/%d %H:%M:%S+00").replace(
            tzinfo=ZoneInfo("UTC")
        )
        assert report.occurred_at == when
        assert report.status == Report.Status.CLOSED and report.force_used
        assert report.author is None and report.district == mine[0]["Precinct"]
        people = {row["SubjectRoleNumber"] for row in mine}
        assert report.subjects.count() == len(people)
        assert report.force.count() == len(mine)
        assert report.subject_injured == any(row["SubjectInjury"] == "Yes" for row in mine)


def test_values_are_mapped_through_the_profile(minneapolis):
    run(MINNEAPOLIS, minneapolis)
    row = next(r for r in file_rows() if r["Problem"] == "Domestic Abuse-In Progress (domip)")
    report = Report.objects.get(case_number=row["CaseNumber"])
    assert report.call_type == "domestic"
    subject = report.subjects.get(order=1)
    if row["Race"] == "Black":
        assert [c.code for c in subject.races.all()] == ["B"]
    taser = [r for r in file_rows() if r["ForceType"] == "Taser"]
    assert ForceApplication.objects.filter(force_type__name="Conducted energy weapon").count() == (
        len(taser)
    )
    unmapped_race = Subject.objects.filter(report__case_number__in=[
        r["CaseNumber"] for r in file_rows() if r["Race"] in ("Other / Mixed Race", "not recorded")
        and r["SubjectRoleNumber"] == "1"
    ], order=1)  # fmt: skip
    assert all(not s.races.exists() for s in unmapped_race)  # mapped to "not recorded"


def test_force_per_month_counts_incidents_not_rows(minneapolis):
    """My own count from the file: distinct cases with force, by the month in Minneapolis."""
    run(MINNEAPOLIS, minneapolis)
    wanted = defaultdict(set)
    for row in file_rows():
        when = datetime.strptime(row["ResponseDate"], "%Y/%m/%d %H:%M:%S+00")
        local = when.replace(tzinfo=ZoneInfo("UTC")).astimezone(CHICAGO)
        wanted[(local.year, local.month)].add(row["CaseNumber"])
    found = defaultdict(int)
    for report in Report.objects.countable().filter(force_used=True):
        local = report.occurred_at.astimezone(CHICAGO)
        found[(local.year, local.month)] += 1
    assert found == {month: len(cases) for month, cases in wanted.items()}


def test_a_second_import_changes_nothing(minneapolis):
    run(MINNEAPOLIS, minneapolis)
    before = list(Report.objects.order_by("pk").values_list("pk", "import_digest", "revision"))
    counts = (Subject.objects.count(), ForceApplication.objects.count(), User.objects.count())
    output = run(MINNEAPOLIS, minneapolis)
    assert "0 new records and 0 amendments" in output
    assert f"{len(before)} unchanged" in output
    assert list(Report.objects.order_by("pk").values_list("pk", "import_digest", "revision")) == (
        before
    )
    assert (Subject.objects.count(), ForceApplication.objects.count(), User.objects.count()) == (
        counts
    )


def test_rows_in_another_order_are_the_same_records(minneapolis, tmp_path):
    run(MINNEAPOLIS, minneapolis)
    header, *lines = MINNEAPOLIS.read_text().splitlines()
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text("\n".join([header, *reversed(lines)]) + "\n")
    assert "0 new records and 0 amendments" in run(shuffled, minneapolis)


def test_a_changed_row_becomes_an_amendment(minneapolis, tmp_path):
    run(MINNEAPOLIS, minneapolis)
    rows = file_rows()
    changed_case = rows[0]["CaseNumber"]
    rows[0]["EventAge"] = "41" if rows[0]["EventAge"] != "41" else "42"
    changed = tmp_path / "changed.csv"
    with changed.open("w", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    output = run(changed, minneapolis)
    assert "0 new records and 1 amendments" in output
    old, new = Report.objects.filter(case_number=changed_case).order_by("revision")
    assert old.superseded and not new.superseded
    assert (new.revision, new.amends_id) == (2, old.pk)
    assert "changed.csv" in new.amendment_reason
    assert new.subjects.get(order=1).age == int(rows[0]["EventAge"])
    assert Report.objects.countable().count() == len({r["CaseNumber"] for r in rows})


BAD = (
    "Case,When,Kind,Age,Note\r\n"
    "A-1,2026/03/02 01:14:00+00,Disturbance,30,fine\r\n"  # line 2
    "A-2,2026/02/30 10:00,Disturbance,30,not a day\r\n"  # line 3
    ',2026/03/04 10:00,Disturbance,30,"a note\r\nover two lines"\r\n'  # lines 4-5: no key
    "A-3,yesterday,Disturbance,30,fine\r\n"  # line 6
    "A-4,2026/03/05 10:00,Disturbance,old,fine\r\n"  # line 7
    "A-5,2099/01/01 10:00,Disturbance,30,fine\r\n"  # line 8
)


@pytest.fixture
def simple():
    return load_profile({
        "name": "Simple", "columns": {"key": "Case", "occurred_at": "When", "call_type": "Kind",
                                      "subject_age": "Age"},
    })  # fmt: skip


def test_bad_rows_write_nothing_and_every_problem_names_its_line(simple, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD.encode())
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_reports", str(path), "--profile", "Simple", "--no-progress",
                     stdout=out, stderr=out)  # fmt: skip
    assert Report.objects.count() == 0
    plan = plan_for(BAD, simple, "bad.csv")
    assert [(p.line, p.column) for p in plan.problems] == [
        (3, "When"), (4, "Case"), (6, "When"), (7, "Age"), (8, "When")
    ]  # fmt: skip
    for problem in plan.problems:
        assert f"bad.csv, line {problem.line}" in out.getvalue()
    assert "in the future" in plan.problems[-1].reason


def test_unmapped_values_are_listed_with_counts_and_nothing_is_written(minneapolis, tmp_path):
    minneapolis.values.pop("call_type")
    minneapolis.save()
    with MINNEAPOLIS.open("rb") as stream:
        plan = read_plan(open_table(stream, MINNEAPOLIS.name), minneapolis)
    assert not plan.problems and not plan.ready
    rows = file_rows()
    listed = {u.value: u.count for u in plan.unmapped_by_target()["call_type"]}
    assert listed == {p: sum(r["Problem"] == p for r in rows) for p in {r["Problem"] for r in rows}}
    with pytest.raises(CommandError):
        run(MINNEAPOLIS, minneapolis)
    assert Report.objects.count() == 0


def test_dry_run_writes_nothing(minneapolis):
    assert "Dry run: every row is valid" in run(MINNEAPOLIS, minneapolis, "--dry-run")
    assert Report.objects.count() == 0


def test_officers_unknown_or_departed_are_kept_and_the_unit_is_as_recorded(tmp_path):
    north = Unit.objects.create(name="North")
    south = Unit.objects.create(name="South")
    active = User.objects.create_user("ngarcia", badge_number="1001", unit=south)
    departed = User.objects.create_user("old", badge_number="1002", unit=south, is_active=False)
    profile = load_profile({
        "name": "RMS", "columns": {"key": "Case", "occurred_at": "When", "officer": "Badge",
                                   "officer_name": "Officer", "unit": "Unit"},
    })  # fmt: skip
    text = (
        "Case,When,Badge,Officer,Unit\n"
        "C-1,2025-03-01 10:00,1001,N. Garcia,North\n"
        "C-1,2025-03-01 10:00,1002,P. Old,North\n"
        "C-2,2025-04-01 10:00,2077,Rae Lindqvist,South\n"
        "C-3,2025-04-02 10:00,2077,Rae Lindqvist,South\n"
    )
    plan = plan_for(text, profile)
    assert plan.ready and plan.new_officers() == ["2077"]
    write_plan(plan)
    first = Report.objects.get(case_number="C-1")
    assert first.unit == north  # as recorded, not the officers' unit today (South)
    assert [o.user for o in first.officers.all()] == [active, departed]
    assert first.author == active
    added = User.objects.get(badge_number="2077")
    assert not added.is_active and not added.has_usable_password()
    assert (added.first_name, added.last_name) == ("Rae", "Lindqvist")
    assert Report.objects.filter(officers__user=added).count() == 2


def test_a_spreadsheet_imports_with_its_date_cells(tmp_path, simple):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Case", "When", "Kind", "Age"])
    sheet.append(["X-1", datetime(2025, 6, 1, 22, 5), "Disturbance", 30])
    sheet.append(["X-2", "06/02/2025 9:30 PM", "disturbance", 41.0])
    path = tmp_path / "history.xlsx"
    book.save(path)
    output = run(path, simple)
    assert "2 new records" in output
    first, second = Report.objects.order_by("case_number")
    assert first.occurred_at == datetime(2025, 6, 1, 22, 5, tzinfo=CHICAGO)
    assert second.occurred_at == datetime(2025, 6, 2, 21, 30, tzinfo=CHICAGO)
    assert second.subjects.get().age == 41


def test_a_semicolon_file_in_the_windows_code_page_reads(simple):
    text = "Case;When;Kind;Age\nÉ-1;02.03.2025 10:00;Disturbance;30\n"
    simple.date_order = "dmy"
    simple.save()
    plan = read_plan(open_table(io.BytesIO(text.encode("cp1252")), "h.csv"), simple)
    assert plan.ready
    incident = plan.incidents["É-1"]
    assert incident.values["occurred_at"] == datetime(2025, 3, 2, 10, 0, tzinfo=CHICAGO)


def test_a_missing_column_is_named_before_any_row(simple):
    plan = plan_for("Case,Kind\nA,Disturbance\n", simple)
    assert [(p.line, p.column) for p in plan.problems] == [(1, "When"), (1, "Age")]


def test_imported_records_read_on_the_archive_and_their_own_page(client, chief, minneapolis):
    from django.urls import reverse

    run(MINNEAPOLIS, minneapolis)
    client.force_login(chief)
    archive = client.get(reverse("field:archive"))
    assert archive.status_code == 200 and "Imported record" in archive.content.decode()
    report = Report.objects.filter(force__force_type__name="Conducted energy weapon").first()
    page = client.get(reverse("field:report", args=[report.pk])).content.decode()
    assert "Not named in the imported record" in page and "Conducted energy weapon" in page
    assert report.case_number in page


NAMES_ONLY = (
    "Case,When,Officer\nN-1,2025-03-01 10:00,Rae Lindqvist\nN-2,2025-03-02 10:00,Rae Lindqvist\n"
)


def test_officers_known_only_by_name_are_added_once_however_often_the_file_comes(tmp_path):
    profile = load_profile({"name": "Names", "columns": {"key": "Case", "occurred_at": "When",
                                                         "officer_name": "Officer"}})  # fmt: skip
    write_plan(plan_for(NAMES_ONLY, profile))
    changed = NAMES_ONLY.replace("2025-03-02 10:00", "2025-03-02 11:00")
    plan = plan_for(changed, profile)
    assert plan.new_officers() == []
    written = write_plan(plan)
    assert (written.officers_added, written.amended) == (0, 1)
    assert User.objects.filter(username__startswith="imported-").count() == 1


def test_a_value_mapped_to_something_this_agency_lacks_is_asked_again(minneapolis):
    minneapolis.values["force_type"]["Taser"] = "Stun baton (not here)"
    minneapolis.save()
    with MINNEAPOLIS.open("rb") as stream:
        plan = read_plan(open_table(stream, MINNEAPOLIS.name), minneapolis)
    assert not plan.ready
    assert [u.value for u in plan.unmapped_by_target()["force_type"]] == ["Taser"]


@pytest.mark.parametrize(
    "text, line, column, says",
    [
        ("Case,When,Kind,Age\nA,2026-03-02 01:14+24,x,3\n", 2, "When", "not a time zone offset"),
        ("Case,When,Kind,Age\nA,2026-03-02 01:14,x,\u00b2\n", 2, "Age", "not an age"),
        ("Case,When,Kind,Age\nA,2026-02-30,x,3\n", 2, "When", "not a date"),
    ],
)
def test_odd_values_are_problems_not_crashes(simple, text, line, column, says):
    simple.values = {"call_type": {"x": "other"}}
    simple.save()
    plan = plan_for(text, simple)
    ((found),) = [(p.line, p.column, p.reason) for p in plan.problems]
    assert found[:2] == (line, column) and says in found[2]


def test_a_file_without_column_names_on_its_first_line_is_refused_clearly():
    from defuse.field.importing.files import UnreadableFile

    with pytest.raises(UnreadableFile, match="line 1: the first line must hold the column names"):
        open_table(io.BytesIO(b"\nCase,When\nA,2025-01-01 10:00\n"), "odd.csv")


def test_two_digit_years_are_never_in_the_future(simple):
    from defuse.field.importing.dates import parse_moment

    assert parse_moment("03/02/95 10:00", CHICAGO).year == 1995
    assert parse_moment("03/02/24 10:00", CHICAGO).year == 2024


def test_a_short_file_in_the_windows_code_page_reads(simple):
    text = "Case,When,Kind,Age\nJosé,2025-01-01 10:00,Disturbance,3\n".encode("cp1252")
    plan = read_plan(open_table(io.BytesIO(text), "w.csv"), simple)
    assert plan.ready and "José" in plan.incidents


def test_a_dry_run_with_a_profile_file_saves_no_profile(tmp_path):
    data = json.loads(PROFILE_FILE.read_text())
    data["name"] = "Fresh from a file"
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    call_command("import_reports", str(MINNEAPOLIS), "--profile", str(path), "--dry-run",
                 "--no-progress", stdout=out, stderr=out)  # fmt: skip
    assert not ImportProfile.objects.filter(name="Fresh from a file").exists()
    call_command("import_reports", str(MINNEAPOLIS), "--profile", str(path), "--no-progress",
                 stdout=out, stderr=out)  # fmt: skip
    assert ImportProfile.objects.filter(name="Fresh from a file").exists()
    assert Report.objects.count() == len({r["CaseNumber"] for r in file_rows()})
