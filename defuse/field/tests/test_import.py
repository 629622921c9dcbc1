"""The import page, as a chief uses it: upload a file with a new profile, map its columns, map the
values nobody has mapped (listed with counts), see every problem with its file line, import; the
profile is saved and reused; only chiefs, and only the uploader, reach a file."""

import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.field.forms import imports as import_forms
from defuse.field.models import ImportProfile, ImportUpload, Report

pytestmark = pytest.mark.django_db
FILES = Path(__file__).resolve().parent / "files"
GOOD = (FILES / "history-good.csv").read_text()
BAD = (FILES / "history-bad.csv").read_text()
COLUMNS = {"key": "Incident", "occurred_at": "When", "officer": "Badge", "district": "Area",
           "call_type": "Type", "outcome": "Result", "techniques": "Tried",
           "force_used": "Force"}  # fmt: skip


@pytest.fixture
def chief_client(client, chief, officer):
    officer.badge_number = "B-100"
    officer.save()
    client.force_login(chief)
    return client


def upload(client, text, name="history.csv", **fields):
    data = {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"), **fields}
    if "profile" not in fields:
        data.setdefault("new_profile", "Records system")
    return client.post(reverse("field:import"), data)


def column_data(**overrides):
    data = {"action": "save", "date_order": "mdy", "time_zone": "America/Chicago"}
    data.update({f"col_{target}": column for target, column in {**COLUMNS, **overrides}.items()})
    return data


def review(client, text, **overrides):
    response = upload(client, text)
    assert response.status_code == 302, response.content.decode()[:2000]
    url = response.url
    saved = client.post(url, column_data(**overrides))
    assert saved.status_code == 302, saved.content.decode()[:3000]
    return url


def test_a_good_file_imports_through_a_new_profile(chief_client, officer):
    url = review(chief_client, GOOD)
    page = chief_client.get(url).content.decode()
    assert "Every row passes" in page and "<strong>3</strong> new records" in page
    response = chief_client.post(url, {"action": "import"})
    assert response.url == reverse("field:import")
    reports = {r.case_number: r for r in Report.objects.all()}
    assert set(reports) == {"24-1", "24-2", "24-3"}
    assert reports["24-2"].call_type == "mental_health"
    assert [t.technique.code for t in reports["24-1"].techniques.all()] == ["distance", "time"]
    assert reports["24-3"].force_used and reports["24-3"].author == officer
    assert Report.objects.countable().count() == 3
    profile = ImportProfile.objects.get(name="Records system")
    assert profile.columns == COLUMNS
    done = ImportUpload.objects.get()
    assert done.imported_at and not done.file
    assert "3 new, 0 amended, 0 unchanged" in chief_client.get(response.url).content.decode()


def test_the_saved_profile_reads_the_next_file_and_nothing_is_imported_twice(chief_client):
    chief_client.post(review(chief_client, GOOD), {"action": "import"})
    profile = ImportProfile.objects.get()
    response = upload(chief_client, GOOD, profile=str(profile.pk))
    page = chief_client.get(response.url).content.decode()
    assert "<strong>0</strong> new records" in page and "<strong>3</strong> are unchanged" in page
    assert "disabled>Import 0 records" in page
    chief_client.post(response.url, {"action": "import"})
    assert Report.objects.count() == 3


def without_cell_labels(html: str) -> str:
    """The page as the table's markup reads, without the labels phones show (stacked_table)."""
    return re.sub(r' data-label="[^"]*"', "", html)


def test_a_file_with_errors_lists_every_error_with_its_line_and_writes_nothing(chief_client):
    url = review(chief_client, BAD)
    page = without_cell_labels(chief_client.get(url).content.decode())
    expected = [
        ("3", "Incident", "empty, but every row needs its incident key"),
        ("4", "When", "2099-01-01 10:00 is in the future"),
    ]
    for line, column, reason in expected:
        assert f"<td>history.csv</td><td>{line}</td><td>{column}</td><td>{reason}" in page
    assert "“14/03/2025”" not in page  # a row without its key is not read further
    chief_client.post(url, {"action": "import"})
    assert not Report.objects.exists()


def test_unmapped_values_are_listed_with_counts_and_mapped_on_the_page(chief_client):
    text = GOOD.replace("disturbance", "DIST (dist)").replace("assault", "DIST (dist)")
    url = review(chief_client, text)
    page = chief_client.get(url).content.decode()
    assert "Values to map" in page
    row = re.search(r"<th scope=\"row\">DIST \(dist\)</th><td>(\d+)</td><td>(\d+)</td>", page)
    assert row and row.groups() == ("2", "2")  # two rows, the first on line 2
    assert "“telepathy”" not in page
    (field,) = re.findall(r'name="(value_\d+)_is" value="call_type:DIST \(dist\)"', page)
    stale = {**column_data(), field: "disturbance", f"{field}_is": "call_type:something else"}
    chief_client.post(url, stale)  # a page about another value: nothing is saved for this one
    assert ImportProfile.objects.get().values == {}
    chief_client.post(url, {**column_data(), field: "disturbance",
                            f"{field}_is": "call_type:DIST (dist)"})  # fmt: skip
    profile = ImportProfile.objects.get()
    assert profile.values == {"call_type": {"DIST (dist)": "disturbance"}}
    chief_client.post(url, {"action": "import"})
    assert Report.objects.filter(call_type="disturbance").count() == 2


def test_the_profile_downloads_and_a_downloaded_profile_uploads(chief_client):
    chief_client.post(review(chief_client, GOOD), {"action": "import"})
    profile = ImportProfile.objects.get()
    data = json.loads(chief_client.get(reverse("field:import_profile", args=[profile.pk])).content)
    assert data["columns"] == COLUMNS
    data["name"] = "Copy"
    sent = SimpleUploadedFile("p.json", json.dumps(data).encode(), content_type="application/json")
    response = upload(chief_client, GOOD, profile_file=sent, new_profile="")
    assert response.status_code == 302
    assert ImportProfile.objects.get(name="Copy").columns == COLUMNS


def test_a_new_profile_needs_a_name_and_keeps_what_was_chosen(chief_client):
    response = upload(chief_client, GOOD, new_profile="")
    assert response.status_code == 400
    assert "Name the new profile" in response.content.decode()


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("reports.pdf", b"%PDF-1.4", "Choose a .csv or .xlsx file."),
        ("reports.xlsx", b"Incident,When\n", "content is text/plain, not XLSX"),
        ("reports.csv", b"\x7fELF\x02\x01\x01\xff\xfe" + bytes(100), ", not CSV"),
    ],
)
def test_a_file_that_is_not_a_table_is_refused(chief_client, name, content, says):
    response = chief_client.post(reverse("field:import"), {
        "file": SimpleUploadedFile(name, content), "new_profile": "X"})  # fmt: skip
    assert response.status_code == 400 and says in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_a_file_too_large_is_refused(chief_client, monkeypatch):
    monkeypatch.setattr(import_forms, "IMPORT_MAX_BYTES", 10)
    response = upload(chief_client, "case_number,occurred_at\n" * 10)
    assert "The file is larger than 0 MB" in response.content.decode()


def test_discarding_a_file_deletes_it(chief_client):
    url = review(chief_client, GOOD)
    stored = ImportUpload.objects.get().file
    path = Path(stored.path)
    assert path.exists()
    pk = ImportUpload.objects.get().pk
    chief_client.post(reverse("field:import_discard", args=[pk]))
    assert not path.exists() and not ImportUpload.objects.exists()
    assert chief_client.get(url).status_code == 404


def test_another_chief_cannot_open_my_file(client, chief_client, user_with_role):
    url = review(chief_client, GOOD)
    client.force_login(user_with_role(Role.CHIEF))
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "import"}).status_code == 404


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR, Role.EDITOR, Role.ADMINISTRATOR])
def test_only_chiefs_import(client, chief_client, user_with_role, role):
    url = review(chief_client, GOOD)
    profile = ImportProfile.objects.get()
    client.force_login(user_with_role(role))
    for address in (
        reverse("field:import"),
        url,
        reverse("field:import_profile", args=[profile.pk]),
    ):
        assert client.get(address).status_code == 403
    assert client.post(url, {"action": "import"}).status_code == 403
    assert upload(client, GOOD).status_code == 403
    client.logout()
    assert "/accounts/login/" in client.get(reverse("field:import")).url
    assert not Report.objects.exists()


def test_a_file_left_for_a_week_is_deleted_by_the_worker(chief_client):
    from datetime import timedelta

    from django.utils import timezone

    from defuse.field.tasks import discard_abandoned_imports

    review(chief_client, GOOD)
    upload = ImportUpload.objects.get()
    path = Path(upload.file.path)
    assert discard_abandoned_imports.call_local() == 0 and path.exists()
    ImportUpload.objects.update(uploaded_at=timezone.now() - timedelta(days=8))
    assert discard_abandoned_imports.call_local() == 1
    assert not path.exists() and not ImportUpload.objects.exists()
