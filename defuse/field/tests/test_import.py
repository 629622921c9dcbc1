"""CSV import of historical records: a file with errors writes nothing and lists every error with
file, row, column and reason; a good file imports; the column mapping is the agency's."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.field import forms
from defuse.field.importer import FIELDS
from defuse.field.models import Report

pytestmark = pytest.mark.django_db
FILES = Path(__file__).resolve().parent / "files"

GOOD = (FILES / "history-good.csv").read_text()
BAD = (FILES / "history-bad.csv").read_text()
MAPPING = {
    "case_number": "Incident",
    "occurred_at": "When",
    "officer": "Badge",
    "district": "Area",
    "call_type": "Type",
    "outcome": "Result",
    "techniques": "Tried",
    "force_used": "Force",
}


def form_data(text, dry_run=False, name="history.csv", **mapping):
    data = {f"map_{target}": "" for target in FIELDS}
    data.update({f"map_{target}": column for target, column in {**MAPPING, **mapping}.items()})
    data["file"] = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    if dry_run:
        data["dry_run"] = "on"
    return data


@pytest.fixture
def importer_chief(client, user_with_role, officer):
    officer.badge_number = "B-100"
    officer.save()
    chief = user_with_role(Role.CHIEF)
    client.force_login(chief)
    return chief


def test_a_file_with_errors_writes_nothing_and_lists_every_error(client, importer_chief):
    response = client.post(reverse("field:import"), form_data(BAD))
    page = response.content.decode()
    assert response.status_code == 400
    assert not Report.objects.exists()
    expected = [
        ("2", "Tried", "unknown technique code(s): telepathy"),
        ("3", "Incident", "empty, but required"),
        ("3", "When", "“14/03/2025” is not a date and time"),
        ("3", "Badge", "no active user with username or badge “nobody”"),
        ("3", "Type", "“dancing” is not one of"),
        ("3", "Force", "“maybe” is not yes or no"),
        ("4", "When", "in the future"),
        ("4", "Area", "empty, but required"),
    ]
    for row, column, reason in expected:
        assert f"<td>history.csv</td><td>{row}</td><td>{column}</td><td>{reason}" in page, (
            row,
            column,
        )
    assert "8 problems in history.csv" in page


def test_a_dry_run_of_a_good_file_writes_nothing(client, importer_chief):
    page = client.post(reverse("field:import"), form_data(GOOD, dry_run=True)).content.decode()
    assert "all 3 rows are valid" in page
    assert not Report.objects.exists()


def test_a_good_file_imports(client, importer_chief, officer):
    response = client.post(reverse("field:import"), form_data(GOOD))
    assert response.url == reverse("field:import")
    reports = {r.case_number: r for r in Report.objects.all()}
    assert set(reports) == {"24-1", "24-2", "24-3"}
    assert reports["24-2"].call_type == "mental_health"
    assert [t.technique.code for t in reports["24-1"].techniques.all()] == ["distance", "time"]
    assert reports["24-3"].force_used and reports["24-3"].author == officer
    assert Report.objects.countable().count() == 3


def test_unmapped_required_fields_and_missing_columns(client, importer_chief):
    page = client.post(
        reverse("field:import"), form_data(GOOD, outcome="", district="Zone")
    ).content.decode()
    assert "this field must be mapped to a column" in page
    assert "no such column (for district)" in page


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR, Role.EDITOR, Role.ADMINISTRATOR])
def test_only_chiefs_import(client, user_with_role, role):
    client.force_login(user_with_role(role))
    assert client.get(reverse("field:import")).status_code == 403
    assert client.post(reverse("field:import"), form_data(GOOD)).status_code == 403
    client.logout()
    assert "/accounts/login/" in client.get(reverse("field:import")).url


def test_the_report_import_takes_only_text_within_its_size(client, chief, monkeypatch):
    client.force_login(chief)
    url = reverse("field:import")
    binary = SimpleUploadedFile("reports.csv", b"\x7fELF\x02\x01\x01\xff\xfe" + bytes(100))
    response = client.post(url, {"file": binary, "dry_run": "on"})
    assert "The file is not UTF-8 text." in response.content.decode()

    monkeypatch.setattr(forms.imports, "IMPORT_MAX_BYTES", 10)
    large = SimpleUploadedFile("reports.csv", b"case_number,occurred_at\n" * 10)
    response = client.post(url, {"file": large, "dry_run": "on"})
    assert "The file is larger than 10 bytes." in response.content.decode()
