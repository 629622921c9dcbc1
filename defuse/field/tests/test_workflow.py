"""A report from draft to closed: submit, return with a comment, fix, approve; amendments;
typed input that survives a validation error and an expired session; the audit trail."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from defuse.accounts.models import AuditRecord
from defuse.accounts.session_rules import SEEN_KEY
from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.core.vocabulary import Technique
from defuse.field.models import ForceType, Report, ReportEvent

from .conftest import force_entry, valid_report_data

pytestmark = pytest.mark.django_db


def new_report(client, officer) -> Report:
    client.force_login(officer)
    response = client.post(reverse("field:new"))
    report = Report.objects.get(author=officer, status=Report.Status.DRAFT)
    assert response.url == reverse("field:edit", args=[report.pk])
    return report


def technique(code):
    return str(Technique.objects.get(code=code).pk)


def test_the_whole_workflow(
    client, officer, supervisor, checklist, django_capture_on_commit_callbacks
):
    report = new_report(client, officer)
    assert report.unit == officer.unit
    edit = reverse("field:edit", args=[report.pk])
    data = valid_report_data(**{"techniques-0-technique": technique("distance"), "submit": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, data).url == reverse("field:report", args=[report.pk])
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and report.draft_data is None
    assert [t.technique.code for t in report.techniques.all()] == ["distance"]
    assert mail.outbox[-1].to == [supervisor.email] and "24-001234" in mail.outbox[-1].subject

    client.force_login(supervisor)
    assert "24-001234" in client.get(reverse("field:review_queue")).content.decode()
    review = reverse("field:review", args=[report.pk])
    client.post(review, {"decision": "return", "comment": "Add what the ambulance crew said."})
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED

    client.force_login(officer)
    page = client.get(edit).content.decode()
    assert "Add what the ambulance crew said." in page and "24-001234" in page
    fixed = {"techniques-0-technique": technique("distance"), "submit": "1"}
    client.post(edit, valid_report_data(narrative_medical="Crew checked him over.", **fixed))
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED

    client.force_login(supervisor)
    client.post(review, {"decision": "approve", "comment": ""})
    report.refresh_from_db()
    assert report.status == Report.Status.CLOSED and report.reviewed_by == supervisor
    actions = list(report.events.values_list("action", flat=True))
    assert (
        actions[:2] == ["created", "submitted"]
        and "returned" in actions
        and actions[-1] == "approved"
    )


def test_a_closed_report_is_immutable_and_amended_by_a_new_revision(
    client, officer, supervisor, checklist
):
    report = new_report(client, officer)
    edit = reverse("field:edit", args=[report.pk])
    client.post(
        edit, valid_report_data(no_technique_reason="He ran before we arrived.", submit="1")
    )
    client.force_login(supervisor)
    client.post(reverse("field:review", args=[report.pk]), {"decision": "approve"})
    client.force_login(officer)
    assert client.get(edit).status_code == 404
    assert (
        client.post(edit, valid_report_data(case_number="changed", submit="1")).status_code == 404
    )
    assert client.post(reverse("field:amend", args=[report.pk]), {"reason": ""}).status_code == 302
    assert Report.objects.count() == 1  # a reason is required
    response = client.post(reverse("field:amend", args=[report.pk]), {"reason": "Wrong beat."})
    amendment = Report.objects.get(amends=report)
    assert response.url == reverse("field:edit", args=[amendment.pk])
    assert (amendment.revision, amendment.case_number, amendment.status) == (
        2,
        "24-001234",
        "draft",
    )
    corrected = valid_report_data(beat="N4", no_technique_reason="He ran first.", submit="1")
    client.post(reverse("field:edit", args=[amendment.pk]), corrected)
    client.force_login(supervisor)
    client.post(reverse("field:review", args=[amendment.pk]), {"decision": "approve"})
    report.refresh_from_db()
    assert report.superseded and report.beat == "N3"  # the original is unchanged
    assert list(Report.objects.countable()) == [Report.objects.get(beat="N4")]


def test_typed_input_survives_a_validation_error(client, officer, checklist):
    report = new_report(client, officer)
    edit = reverse("field:edit", args=[report.pk])
    typed = valid_report_data(
        case_number="", occurred_at="yesterday evening", narrative_deescalation="I kept talking.",
        reason_for_contact="Neighbour called about shouting.", submit="1",
    )  # fmt: skip
    response = client.post(edit, typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the case or incident number." in page
    assert "Enter a valid date/time." in page
    assert "yesterday evening" in page and "Neighbour called about shouting." in page
    assert "List at least one technique" in page
    again = client.get(edit).content.decode()  # and it is still there on the next visit
    assert "yesterday evening" in again and "I kept talking." in again
    assert Report.objects.get().status == Report.Status.DRAFT


def test_typed_input_survives_an_expired_session(client, officer, checklist):
    report = new_report(client, officer)
    edit = reverse("field:edit", args=[report.pk])
    client.logout()  # the session expires while the officer types
    response = client.post(edit, valid_report_data(narrative_deescalation="Words I must not lose."))
    assert response.url.startswith(reverse("accounts:login"))
    assert f"next={edit}" in response.url.replace("%2F", "/")
    client.post(reverse("accounts:login"), {"login": officer.username, "password": TEST_PASSWORD})
    page = client.get(edit).content.decode()
    assert "Words I must not lose." in page
    assert "Your session had expired" in page


def test_a_draft_typed_into_an_idle_locked_session_is_kept(client, officer, checklist, settings):
    settings.DEFUSE_IDLE_MINUTES = 30
    report = new_report(client, officer)
    edit = reverse("field:edit", args=[report.pk])
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 31 * 60  # the officer left the phone for 31 minutes
    session.save()
    typed = valid_report_data(narrative_deescalation="Typed before the lock.")
    response = client.post(edit, typed)
    assert response.url.startswith(reverse("accounts:login"))
    login = client.post(
        response.url, {"login": officer.username, "password": TEST_PASSWORD}, follow=True
    )
    assert login.redirect_chain[-1][0] == edit
    assert "Typed before the lock." in login.content.decode()
    report.refresh_from_db()
    assert report.draft_data["narrative_deescalation"] == ["Typed before the lock."]


def test_autosave_keeps_exactly_what_was_typed(client, officer, checklist):
    report = new_report(client, officer)
    url = reverse("field:autosave", args=[report.pk])
    response = client.post(url, {"case_number": "24-9", "occurred_at": "not a date"})
    assert response.status_code == 200 and "saved_at" in response.json()
    report.refresh_from_db()
    assert report.draft_data["occurred_at"] == ["not a date"]
    client.logout()
    assert client.post(url, {"case_number": "x"}).status_code == 401


def test_a_report_started_from_the_checklist_lists_its_techniques_and_asks_their_effects(
    client, officer, checklist
):
    items = list(checklist.items.exclude(technique=None).order_by("sort_order")[:3])
    untied = checklist.items.filter(technique=None).first()
    client.force_login(officer)
    ticked = [str(item.pk) for item in reversed(items)] + ([str(untied.pk)] if untied else [])
    response = client.post(reverse("field:new"), {"checklist_items": [*ticked, "x", "-1"]})
    report = Report.objects.get(author=officer)
    edit = reverse("field:edit", args=[report.pk])
    assert response.url == edit
    page = client.get(edit).content.decode()
    codes = list(dict.fromkeys(item.technique.code for item in items))
    selected = re.findall(
        r'name="techniques-(\d+)-technique"[^>]*>.*?<option value="(\d+)" selected>', page, re.S
    )
    assert [pk for _, pk in selected] == [technique(code) for code in codes]  # checklist order
    assert page.count('<option value="" selected>Choose what it did</option>') >= len(codes)

    listed = {f"techniques-{n}-technique": technique(code) for n, code in enumerate(codes)}
    rows = {"techniques-TOTAL_FORMS": str(len(codes) + 1), **listed}
    data = valid_report_data(submit="1", **rows)
    for number in range(len(codes)):
        data[f"techniques-{number}-effect"] = ""
    refused = client.post(edit, data)
    assert refused.status_code == 400
    assert "Say what it did (or “Not sure”)." in refused.content.decode()
    data.update({f"techniques-{n}-effect": "helped" for n in range(len(codes))})
    data["techniques-0-effect"] = "made_worse"
    assert client.post(edit, data).status_code == 302
    saved = Report.objects.get().techniques.values_list("technique__code", "effect")
    assert list(saved) == [(codes[0], "made_worse")] + [(code, "helped") for code in codes[1:]]


def test_a_report_started_without_ticks_lists_nothing(client, officer, checklist):
    client.force_login(officer)
    client.post(reverse("field:new"), {"checklist_items": ["99999999999999999999"]})
    assert Report.objects.get(author=officer).draft_data is None


def test_force_needs_the_six_narrative_answers(client, officer, checklist):
    report = new_report(client, officer)
    data = valid_report_data(submit="1", no_technique_reason="No time.")
    data.update(force_entry(0, ForceType.objects.get(name="Takedown")))
    data["supervisor_on_scene"] = "on"
    page = client.post(reverse("field:edit", args=[report.pk]), data).content.decode()
    assert "Force was used: answer “Why was force used?”" in page
    for name in ("narrative_why_force", "narrative_force_level", "narrative_injuries",
                 "narrative_medical", "narrative_transport"):  # fmt: skip
        data[name] = "Answered."
    client.post(reverse("field:edit", args=[report.pk]), data)
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and report.force_used


def test_viewing_is_audited(client, officer, supervisor, checklist):
    report = new_report(client, officer)
    client.post(
        reverse("field:edit", args=[report.pk]),
        valid_report_data(no_technique_reason="None.", submit="1"),
    )
    client.force_login(supervisor)
    page = client.get(reverse("field:report", args=[report.pk])).content.decode()
    assert ReportEvent.objects.filter(report=report, user=supervisor, action="viewed").exists()
    assert "Audit trail" in page


def test_training_entries_never_count(client, officer, supervisor, checklist):
    report = new_report(client, officer)
    practice = valid_report_data(is_training="on", no_technique_reason="Practice.", submit="1")
    client.post(reverse("field:edit", args=[report.pk]), practice)
    client.force_login(supervisor)
    client.post(reverse("field:review", args=[report.pk]), {"decision": "approve"})
    assert Report.objects.get().status == Report.Status.CLOSED
    assert not Report.objects.countable().exists()


@pytest.mark.parametrize(
    "posted, message",
    [
        ({}, "Choose to approve or to return the report."),
        ({"decision": "return", "comment": "  "}, "Say what needs to change"),
        ({"decision": "maybe"}, "Select a valid choice"),
    ],
)
def test_a_review_without_a_clear_decision_changes_nothing(
    client, officer, supervisor, posted, message
):
    report = Report.objects.create(
        author=officer, unit=officer.unit, status=Report.Status.SUBMITTED
    )
    client.force_login(supervisor)
    response = client.post(reverse("field:review", args=[report.pk]), posted, follow=True)
    assert message in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and not report.comments.exists()


def test_what_an_anonymous_post_may_store_is_bounded(client, officer, checklist):
    """Anyone can post to an edit page: the stash keeps a report's worth of text, for hours, and
    only so often from one address."""
    report = new_report(client, officer)
    edit = reverse("field:edit", args=[report.pk])
    client.logout()
    client.post(edit, {"narrative_deescalation": "x" * 2_400_000})
    assert "field-report-typed" not in client.session  # 2.4 MB: not kept
    client.post(edit, valid_report_data(narrative_deescalation="Words I must not lose."))
    assert client.session["field-report-typed"]["path"] == edit
    assert client.session.get_expiry_age() <= 4 * 3600
    for _ in range(30):
        client.post(edit, {"narrative_deescalation": "again"})
    assert client.session["field-report-typed"]["data"]["narrative_deescalation"] == ["again"]
    client.post(edit, {"narrative_deescalation": "one too many"})
    assert client.session["field-report-typed"]["data"]["narrative_deescalation"] == ["again"]


@pytest.mark.parametrize("officer_number, subject_number", [(2, 1), (1, 3), (9, 9)])
def test_force_by_someone_not_on_the_report_is_an_error_not_a_crash(
    client, officer, checklist, officer_number, subject_number
):
    """Found by the load test: a force entry naming an officer (or person) the report does not
    list answered 500; it must say what is wrong and keep what was typed."""
    report = new_report(client, officer)
    data = valid_report_data(submit="1", no_technique_reason="No time.")
    takedown = ForceType.objects.get(name="Takedown")
    data.update(force_entry(0, takedown, officer=officer_number, subject=subject_number))
    response = client.post(reverse("field:edit", args=[report.pk]), data)
    assert response.status_code == 400  # the form again, with its errors
    page = response.content.decode()
    assert re.search(r"is not on the report\.|Select a valid choice", page)
    assert "Introduced myself, kept my distance and listened." in page
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_each_step_of_a_report_goes_to_the_chained_audit_trail(client, officer, checklist):
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    client.get(reverse("field:report", args=[report.pk]))
    steps = AuditRecord.objects.filter(subject=f"field.report:{report.pk}")
    assert list(steps.values_list("action", flat=True))[:1] == ["report.created"]
    assert steps.filter(actor=officer.username).count() == steps.count()
