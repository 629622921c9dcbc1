"""A report is due so many hours after the encounter (the end of a shift), its review so many
hours after it was submitted, both as the agency sets them; what is overdue shows in the
officer's list and the supervisor's queue, and the worker reminds once."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.roles import Role
from defuse.core.vocabulary import Technique
from defuse.field import workflow
from defuse.field.models import Report, ReportDeadlines
from defuse.field.reminders import send_overdue_reminders
from defuse.platform.tests.mail import delivered

from .conftest import valid_report_data

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)


def close_to(when, expected) -> bool:
    return abs(when - expected) < timedelta(seconds=30)


def start(client, officer) -> Report:
    client.force_login(officer)
    client.post(reverse("field:new"))
    return Report.objects.filter(author=officer, status=Report.Status.DRAFT).latest("pk")


def submit(client, report: Report) -> None:
    technique = str(Technique.objects.get(code="distance").pk)
    data = valid_report_data(
        occurred_at=f"{timezone.localtime() - HOUR:%Y-%m-%dT%H:%M}",
        **{"techniques-0-technique": technique, "submit": "1"},
    )
    response = client.post(reverse("field:edit", args=[report.pk]), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    report.refresh_from_db()


def test_a_draft_is_due_by_the_end_of_the_shift_after_the_encounter(client, officer):
    report = start(client, officer)
    assert close_to(report.due_at, timezone.now() + 10 * HOUR)  # the default: a shift
    encounter = timezone.localtime() - 3 * HOUR
    client.post(
        reverse("field:edit", args=[report.pk]),
        {"occurred_at": f"{encounter:%Y-%m-%dT%H:%M}", "save": "1"},
    )
    report.refresh_from_db()
    assert close_to(report.due_at, encounter.replace(second=0, microsecond=0) + 10 * HOUR)
    # A time in the future or that is no time at all leaves the deadline where it was.
    for typed in (f"{timezone.localtime() + 5 * HOUR:%Y-%m-%dT%H:%M}", "yesterday"):
        client.post(reverse("field:edit", args=[report.pk]), {"occurred_at": typed, "save": "1"})
        assert Report.objects.get(pk=report.pk).due_at == report.due_at


def test_the_agency_sets_the_hours(client, officer, administrator):
    client.force_login(administrator)
    page = client.get(
        reverse("wagtailsettings:edit", args=["field", "reportdeadlines"]), follow=True
    )
    assert page.status_code == 200
    saved = client.post(page.redirect_chain[-1][0], {"report_hours": "4", "review_hours": "24"})
    assert saved.status_code == 302
    report = start(client, officer)
    assert close_to(report.due_at, timezone.now() + 4 * HOUR)


def test_officers_cannot_change_the_deadlines(client, officer):
    client.force_login(officer)
    client.post(
        reverse("wagtailsettings:edit", args=["field", "reportdeadlines"]),
        {"report_hours": "999", "review_hours": "999"},
    )
    assert ReportDeadlines.load().report_hours == 10


def test_submitting_starts_the_review_clock_and_returning_restarts_the_officers(
    client, officer, supervisor, checklist
):
    report = start(client, officer)
    submit(client, report)
    assert close_to(report.review_due_at, report.submitted_at + 72 * HOUR)
    workflow.review(report, supervisor, approve=False, comment="Say what the crew did.")
    report.refresh_from_db()
    assert report.review_due_at is None
    assert close_to(report.due_at, timezone.now() + 10 * HOUR)


def test_overdue_work_shows_in_the_list_and_the_queue(client, officer, supervisor, checklist):
    late = start(client, officer)
    Report.objects.filter(pk=late.pk).update(due_at=timezone.now() - HOUR)
    page = client.get(reverse("field:reports")).content.decode()
    assert "Overdue" in page

    waiting = start(client, officer)
    submit(client, waiting)
    on_time = start(client, officer)
    submit(client, on_time)
    Report.objects.filter(pk=waiting.pk).update(
        case_number="24-LATE", review_due_at=timezone.now() - HOUR
    )
    Report.objects.filter(pk=on_time.pk).update(case_number="24-FINE")
    client.force_login(supervisor)
    queue = reverse("field:review_queue")
    page = client.get(queue).content.decode()
    assert "24-LATE" in page and "24-FINE" in page
    assert page.count('class="badge badge--overdue"') == 1
    only_overdue = client.get(queue, {"overdue": "1"}).content.decode()
    assert "24-LATE" in only_overdue and "24-FINE" not in only_overdue


def test_the_queue_sorts_and_narrows(client, officer, supervisor, checklist):
    reports = []
    for case, force in (("24-A", False), ("24-B", True), ("24-C", False)):
        report = start(client, officer)
        submit(client, report)
        Report.objects.filter(pk=report.pk).update(case_number=case, force_used=force)
        reports.append(report)
    now = timezone.now()
    for report, hours in zip(reports, (30, 10, 20), strict=True):  # review due in so many
        Report.objects.filter(pk=report.pk).update(review_due_at=now + hours * HOUR)
    client.force_login(supervisor)
    queue = reverse("field:review_queue")
    by_due = client.get(queue, {"order": "due"}).content.decode()
    assert by_due.index("24-B") < by_due.index("24-C") < by_due.index("24-A")
    by_waiting = client.get(queue).content.decode()
    assert by_waiting.index("24-A") < by_waiting.index("24-B") < by_waiting.index("24-C")
    with_force = client.get(queue, {"force": "1"}).content.decode()
    assert "24-B" in with_force and "24-A" not in with_force and "24-C" not in with_force
    assert client.get(queue, {"order": "nonsense", "force": "x"}).status_code == 200


def test_the_worker_reminds_once_and_only_those_concerned(
    client, officer, supervisor, user_with_role, checklist
):
    other_supervisor = user_with_role(Role.SUPERVISOR)
    draft = start(client, officer)
    waiting = start(client, officer)
    submit(client, waiting)
    delivered().clear()  # the submission's own notice
    assert send_overdue_reminders() == (0, 0)  # nothing overdue yet

    Report.objects.filter(pk=draft.pk).update(due_at=timezone.now() - HOUR)
    Report.objects.filter(pk=waiting.pk).update(review_due_at=timezone.now() - HOUR)
    assert send_overdue_reminders() == (1, 1)
    sent = delivered()
    assert sorted(tuple(message.to) for message in sent) == sorted(
        [(officer.email,), (supervisor.email,)]
    )
    assert other_supervisor.email not in {address for m in sent for address in m.to}
    assert any(reverse("field:edit", args=[draft.pk]) in m.body for m in sent)
    assert send_overdue_reminders() == (0, 0)  # once each


def test_the_upgrade_gives_open_reports_deadlines_without_a_burst_of_reminders(officer):
    old = Report.objects.create(author=officer, unit=officer.unit)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - 48 * HOUR)
    recent = Report.objects.create(author=officer, unit=officer.unit)
    waiting = Report.objects.create(
        author=officer, status=Report.Status.SUBMITTED, submitted_at=timezone.now() - 100 * HOUR
    )
    migration = importlib.import_module("defuse.field.migrations.0005_deadlines")
    migration.give_open_reports_deadlines(apps, None)
    old, recent, waiting = (Report.objects.get(pk=r.pk) for r in (old, recent, waiting))
    assert old.overdue and old.reminded_at is not None
    assert not recent.overdue and recent.reminded_at is None
    assert waiting.overdue and waiting.review_reminded_at is not None
    assert send_overdue_reminders() == (0, 0)
