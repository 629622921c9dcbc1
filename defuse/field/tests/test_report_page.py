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
from defuse.field.forms.rows import ForceForm, TechniqueForm
from defuse.field.models import Code, ForceType, Report
from defuse.field.models.reports import NARRATIVE_PROMPTS

from .conftest import code, force_entry, person, valid_report_data

pytestmark = pytest.mark.django_db

NARRATIVES = {name for name, _ in NARRATIVE_PROMPTS}


def test_every_field_of_the_form_has_its_place_on_the_page():
    incident = report_facts.ENCOUNTER + report_facts.TECHNIQUES + report_facts.FORCE
    on_page = set(incident + report_facts.OUTCOME) - {"techniques", "force"}
    assert set(ReportForm.base_fields) == on_page | NARRATIVES
    # Each person and officer shows every field of their rows (officers named in the title);
    # techniques and force list every field of theirs in one line each.
    assert set(TechniqueForm.base_fields) == {"technique", "effect", "officer", "subject"}
    assert set(ForceForm.base_fields) == {"force_type", "officer", "subject"}


def test_everything_recorded_is_on_the_review_page(
    client, officer, supervisor, user_with_role, checklist, django_capture_on_commit_callbacks
):
    partner = user_with_role(Role.OFFICER, unit=officer.unit, first_name="Rowan", last_name="Pike")
    force = ForceType.objects.order_by("level").first()
    typed = valid_report_data(
        case_number="CASE-7781", district="Eastside-D9", beat="B-42", address="12 Quarry Lane",
        location_type=code("location_type", "50"), contact_reason=code("contact_reason", "WELFARE"),
        reason_for_contact="Caller reported a man pacing on the footbridge.",
        bwc_reference="BWC-5521", is_training="on", supervisor_on_scene="on",
        supervisor_notified_at="2026-11-20T22:48", complaint="on",
        **person(0, age="41", weapon="edged", crisis_indicators=["suicidal", "psychosis"],
                 impairments=["alcohol"], height_inches="70", weight_pounds="180",
                 inability_signs="Did not seem to hear commands over the traffic.",
                 threat_perceived="on", resisted="on", resistance=[code("resistance", "FLED")],
                 injured="on", injuries=[code("injury", "L")], serious_injury="on",
                 medical_aid="on", ems_called="on", transported_by="Ambulance-Crew-9"),
        **person(1, age="19", sex=code("sex", "F"), races=[code("race", "A"), code("race", "P")],
                 ethnicity=code("ethnicity", "H"), weapon="none", transported=None,
                 transported_by=None),
        **{"subjects-TOTAL_FORMS": "2", "officers-1-user": str(partner.pk),
           "officers-1-years_of_service": "12", "officers-1-injured": "on",
           "officers-1-injuries": [code("injury", "M")], "officers-1-intervened": "on",
           "officers-2-name": "Dana Whitlock", "officers-2-agency": "County Sheriff",
           "officers-2-off_duty": "on", "officers-2-age": "38", "officers-2-sex": code("sex", "F"),
           "officers-0-years_of_service": "6"},
        **force_entry(0, force, officer=2, subject=1),
        no_technique_reason="Nothing else was feasible on the narrow bridge.",
        **{name: f"Answer to {name}." for name in NARRATIVES},
        **{"techniques-0-technique": str(Technique.objects.get(code="distance").pk),
           "techniques-0-effect": "helped", "techniques-0-subject": "2", "submit": "1"},
    )  # fmt: skip
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("field:edit", args=[report.pk]), typed)
    assert response.status_code == 302, response.content.decode()[:3000]

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
        "Park or playground", "Medical, mental-health or welfare check",
        "Mental health / behavioural crisis", "BWC-5521", "20 Nov 2026, 22:48",
        "Officer 1: " + officer.get_full_name(), "Officer 2: Rowan Pike",
        "Officer 3: Dana Whitlock (County Sheriff)", "Person 1", "Person 2",
        "Suicidal statements or actions", "Hallucinations or delusions", "Alcohol", "Edged",
        "Did not seem to hear commands", "Tried to escape or flee custody", "Severe laceration",
        "Apparent minor injury", "Asian", "Native Hawaiian or Other Pacific Islander",
        "Hispanic or Latino", "Female", "41", "19", "70", "180", "12", "38",
        f"1. Distance — Helped ({officer.get_full_name()}, with Person 2)",
        f"{force}: Rowan Pike on Person 1", "Ambulance-Crew-9", "Nothing else was feasible",
        *[f"Answer to {name}." for name in NARRATIVES],
    ]  # fmt: skip
    missing = [value for value in expected if escape(value) not in page]
    assert missing == []
    assert (report.force_used, report.subject_injured, report.officer_injured) == (True,) * 3
    assert report.crisis and not report.firearm_discharged


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
        author = report.officers.create(user=officer)
        for number, partner in enumerate(partners[:rows], 2):
            report.officers.create(user=partner, order=number)
        for number in range(rows):
            subject = report.subjects.create(order=number + 1, age=30)
            subject.races.set(Code.objects.of("race")[:2])
            report.force.create(force_type=forces[number], officer=author, subject=subject)
        return report

    def queries(report: Report) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("field:report", args=[report.pk])).status_code == 200
        return len(captured)

    client.force_login(supervisor)
    one, many = report_with(1), report_with(3)
    queries(one)  # the first request warms the session and the site's caches
    assert queries(many) == queries(one)
