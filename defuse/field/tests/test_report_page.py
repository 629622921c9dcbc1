"""The page a supervisor reviews shows everything the officer recorded, grouped as filed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from defuse.accounts.roles import Role
from defuse.core.vocabulary import Technique
from defuse.field import report_facts
from defuse.field.forms import ReportForm
from defuse.field.models import ForceType, Report
from defuse.field.models.reports import NARRATIVE_PROMPTS

from .conftest import valid_report_data

pytestmark = pytest.mark.django_db

NARRATIVES = {name for name, _ in NARRATIVE_PROMPTS}


def test_every_field_of_the_form_has_its_place_on_the_page():
    on_page = {name for _, names in report_facts.SECTIONS for name in names} - {"techniques"}
    assert set(ReportForm.base_fields) == on_page | NARRATIVES


def test_everything_recorded_is_on_the_review_page(
    client, officer, supervisor, user_with_role, checklist, django_capture_on_commit_callbacks
):
    partner = user_with_role(Role.OFFICER, unit=officer.unit, first_name="Rowan", last_name="Pike")
    force = ForceType.objects.order_by("level").first()
    typed = valid_report_data(
        case_number="CASE-7781", district="Eastside-D9", beat="B-42", address="12 Quarry Lane",
        reason_for_contact="Caller reported a man pacing on the footbridge.",
        bwc_reference="BWC-5521", involved_officers=[str(partner.pk)], is_training="on",
        crisis_indicators=["suicidal", "psychosis"], impairments=["alcohol"], weapon="edged",
        inability_signs="Did not seem to hear commands over the traffic.",
        force_types=[str(force.pk)], subject_injured="on", officer_injured="on",
        medical_aid="on", ems_called="on", transported="on", transported_by="Ambulance-Crew-9",
        no_technique_reason="Nothing else was feasible on the narrow bridge.",
        **{name: f"Answer to {name}." for name in NARRATIVES},
        **{"techniques-0-technique": str(Technique.objects.get(code="distance").pk),
           "techniques-0-effect": "helped", "submit": "1"},
    )  # fmt: skip
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("field:edit", args=[report.pk]), typed)
    assert response.status_code == 302, response.content.decode()[:2000]

    client.force_login(supervisor)
    page = client.get(reverse("field:report", args=[report.pk])).content.decode()
    report.refresh_from_db()
    for title, facts in report_facts.sections(report):
        assert f"<h2>{escape(title)}</h2>" in page
        for label, lines in facts:
            assert f"<dt>{escape(label)}</dt>" in page, label
            for line in lines:
                assert escape(line) in page, (label, line)
    expected = [
        "CASE-7781", "20 Nov 2026, 22:15", "Eastside-D9", "B-42", "12 Quarry Lane",
        "Mental health / behavioural crisis", "BWC-5521", "Rowan Pike",
        "Suicidal statements or actions", "Hallucinations or delusions", "Alcohol", "Edged",
        "Did not seem to hear commands", "1. Distance — Helped",
        str(force), "Ambulance-Crew-9", "Nothing else was feasible",
        *[f"Answer to {name}." for name in NARRATIVES],
    ]  # fmt: skip
    missing = [value for value in expected if escape(value) not in page]
    assert missing == []
    assert page.count("<dd>Yes</dd>") == 6  # training entry, both injuries, aid, EMS, transport


def test_the_starting_force_types_cover_firearm_pointed_and_discharged_and_k9():
    names = set(ForceType.objects.values_list("name", flat=True))
    assert {"Firearm pointed at a person", "Firearm discharge", "K9 bite"} <= names


def test_the_review_page_costs_the_same_queries_however_many_rows_a_report_has(
    client, officer, supervisor, user_with_role
):
    techniques = list(Technique.objects.all()[:4])
    forces = list(ForceType.objects.all()[:3])
    partners = [user_with_role(Role.OFFICER, unit=officer.unit) for _ in range(3)]

    def report_with(rows: int) -> Report:
        report = Report.objects.create(
            author=officer, unit=officer.unit, status=Report.Status.SUBMITTED
        )
        for order, technique in enumerate(techniques[:rows]):
            report.techniques.create(order=order, technique=technique)
        for force in forces[:rows]:
            report.force.create(force_type=force)
        report.involved_officers.set(partners[:rows])
        return report

    def queries(report: Report) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("field:report", args=[report.pk])).status_code == 200
        return len(captured)

    client.force_login(supervisor)
    one, many = report_with(1), report_with(3)
    queries(one)  # the first request warms the session and the site's caches
    assert queries(many) == queries(one)
