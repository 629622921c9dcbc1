"""The checklist: published by an administrator with every version kept, readable on a phone,
offline through a service worker, and installable."""

import json

import pytest
from django.urls import reverse

from defuse.field.models import Checklist

pytestmark = pytest.mark.django_db


def test_the_checklist_page_shows_phases_items_and_prompts(client, checklist):
    page = client.get(reverse("field:checklist")).content.decode()
    assert "1. Before arrival" in page and "2. On scene" in page and "3. After the call" in page
    assert "Use time, distance and cover" in page
    assert "Can I step back and still keep everyone safe?" in page
    assert 'rel="manifest"' in page


def test_no_checklist_is_a_404_not_an_error(client, home_page):
    assert client.get(reverse("field:checklist")).status_code == 404


def test_service_worker_and_manifest(client, checklist):
    worker = client.get(reverse("field:service_worker"))
    assert worker["Content-Type"] == "application/javascript"
    assert '"/field/checklist/"' in worker.content.decode()
    assert '"/field/offline/"' in worker.content.decode()
    offline = client.get(reverse("field:offline"))
    assert offline.status_code == 200 and "No connection" in offline.content.decode()
    manifest = json.loads(client.get(reverse("field:manifest")).content)
    assert manifest["start_url"] == "/field/checklist/" and manifest["display"] == "standalone"


def test_an_administrator_edits_the_checklist_and_versions_are_kept(
    client, administrator, checklist
):
    client.force_login(administrator)
    url = reverse("wagtailsnippets_field_checklist:edit", args=[checklist.pk])
    assert client.get(url).status_code == 200
    checklist.title = "Our de-escalation checklist"
    checklist.save_revision(user=administrator).publish()
    page = client.get(reverse("field:checklist")).content.decode()
    assert "Our de-escalation checklist" in page
    assert checklist.revisions.count() == 2
    first = checklist.revisions.order_by("created_at").first().as_object()
    assert first.title == "De-escalation checklist"


def test_officers_cannot_edit_the_checklist(client, officer, checklist):
    client.force_login(officer)
    url = reverse("wagtailsnippets_field_checklist:edit", args=[checklist.pk])
    assert client.get(url).status_code in (302, 403)
    assert Checklist.objects.get().title == "De-escalation checklist"


def test_only_those_who_file_reports_are_offered_to_start_one(client, people, checklist):
    button = "Start a report from these"
    assert button not in client.get(reverse("field:checklist")).content.decode()  # anonymous
    for who, offered in (("officer", True), ("supervisor", True), ("chief", False),
                         ("editor", False)):  # fmt: skip
        client.force_login(people[who])
        assert (button in client.get(reverse("field:checklist")).content.decode()) == offered
