"""Trainers import Twee, Twine HTML or YAML files in the admin, and export scenarios back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.training.formats.twee import parse_twee
from defuse.training.models import Scenario, ScenarioVersion

from .conftest import FILES

pytestmark = pytest.mark.django_db
IMPORT = "training_admin:import"


def upload(name, text):
    return {"file": SimpleUploadedFile(name, text.encode(), content_type="text/plain")}


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.EDITOR])
def test_a_trainer_or_editor_imports_a_draft_and_publishes_it(
    client, user_with_role, home_page, role
):
    author = user_with_role(role)
    client.force_login(author)
    html = (FILES / "story.html").read_text()
    response = client.post(reverse(IMPORT), upload("story.html", html))
    scenario = Scenario.objects.get(slug="lost-child-fair")
    assert response.url == reverse("wagtailsnippets_training_scenario:edit", args=[scenario.pk])
    assert not scenario.live and scenario.latest_version is None  # a draft, not yet played
    assert not Scenario.objects.playable().exists()
    scenario.latest_revision.publish(user=author)
    scenario.refresh_from_db()
    assert scenario.live and scenario.latest_version.source == "html"
    assert scenario.latest_version.created_by == author


def test_a_broken_file_lists_every_problem_and_writes_nothing(client, supervisor, home_page):
    client.force_login(supervisor)
    text = (FILES / "small.twee").read_text().replace("->Agreed]]", "->Nowhere]]")
    text = text.replace("collect=2", "collect=7")
    response = client.post(reverse(IMPORT), upload("small.twee", text))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported: 2 problems" in page
    assert "line 38, passage “Talking”" in page and "Nowhere" in page
    assert "score-out-of-range" in page
    assert not Scenario.objects.exists() and not ScenarioVersion.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.docx", "hello", "unknown file type"),
        ("bad.twee", "\udcff", "not UTF-8"),
    ],
)
def test_unreadable_uploads_get_a_message(client, supervisor, home_page, name, content, message):
    client.force_login(supervisor)
    data = content.encode("utf-8", "surrogateescape")
    response = client.post(reverse(IMPORT), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_export_downloads_twee_that_reads_back(client, supervisor, small_scenario):
    client.force_login(supervisor)
    url = reverse("training_admin:export", args=[small_scenario.pk, "twee"])
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="noise-complaint.twee"'
    spec = parse_twee(response.content.decode(), "noise-complaint.twee")
    assert spec.to_dict() == small_scenario.latest_version.definition
    yaml_url = reverse("training_admin:export", args=[small_scenario.pk, "yaml"])
    assert b"slug: noise-complaint" in client.get(yaml_url).content


@pytest.mark.parametrize("role", [Role.OFFICER, Role.CHIEF])
def test_only_scenario_authors_import_or_export(client, user_with_role, small_scenario, role):
    client.force_login(user_with_role(role))
    export = reverse("training_admin:export", args=[small_scenario.pk, "twee"])
    for response in (client.get(reverse(IMPORT)), client.get(export)):
        assert response.status_code in (302, 403)
