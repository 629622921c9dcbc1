"""Assignments, My training, reminders, dashboards, CSV and certificates."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.roles import Role
from defuse.core.cdm import CDMLabels
from defuse.platform.tests.mail import delivered
from defuse.training.models import Assignment, Attempt
from defuse.training.records import Status, decision_stats, my_assignments, unit_heat_map
from defuse.training.reminders import send_due_reminders

from .conftest import play

pytestmark = pytest.mark.django_db


def assign(scenario, by, days, units=(), officers=(), pass_mark=60):
    assignment = Assignment.objects.create(
        scenario=scenario,
        assigned_by=by,
        due_date=timezone.localdate() + timedelta(days=days),
        pass_mark=pass_mark,
    )
    assignment.units.add(*units)
    assignment.officers.add(*officers)
    return assignment


def test_a_supervisor_assigns_a_scenario_to_a_unit(
    client, supervisor, officer, small_scenario, unit
):
    client.force_login(supervisor)
    form = client.get(reverse("training:assignment_new")).content.decode()
    assert str(unit) in form and str(officer) in form
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client.post(
        reverse("training:assignment_new"),
        {"scenario": small_scenario.pk, "units": [unit.pk], "due_date": due, "pass_mark": "75"},
    )
    assignment = Assignment.objects.get()
    assert response.url == reverse("training:assignment", args=[assignment.pk])
    assert list(assignment.recipients()) == [officer]
    assert assignment.assigned_by == supervisor and assignment.pass_mark == 75


def test_the_assignment_form_keeps_what_was_typed(client, supervisor, small_scenario, unit):
    client.force_login(supervisor)
    response = client.post(
        reverse("training:assignment_new"),
        {
            "scenario": small_scenario.pk,
            "due_date": "2001-01-01",
            "pass_mark": "150",
            "note": "Keep me",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "cannot be in the past" in page and "Choose at least one unit or officer" in page
    assert "less than or equal to 100" in page
    assert "Keep me" in page and 'value="2001-01-01"' in page


def test_my_training_statuses(officer, supervisor, small_scenario, unit):
    later = assign(small_scenario, supervisor, 20, units=[unit])
    soon = assign(small_scenario, supervisor, 2, officers=[officer])
    overdue = assign(small_scenario, supervisor, -1, officers=[officer])
    Assignment.objects.filter(pk=overdue.pk).update(created_at=timezone.now() - timedelta(days=9))
    statuses = {item.assignment.pk: item.status for item in my_assignments(officer)}
    assert statuses == {
        later.pk: Status.ASSIGNED,
        soon.pk: Status.DUE_SOON,
        overdue.pk: Status.OVERDUE,
    }
    play(officer, small_scenario, ["0", "0"])  # 100%
    statuses = {
        item.assignment.pk: (item.status, item.best_percent) for item in my_assignments(officer)
    }
    assert statuses[later.pk] == (Status.DONE, 100)
    assert statuses[overdue.pk] == (Status.DONE, 100)  # done late still counts as done


def test_a_failed_attempt_is_not_done_but_shows_the_best_score(officer, supervisor, small_scenario):
    assign(small_scenario, supervisor, 2, officers=[officer], pass_mark=90)
    # Via the standoff: 1 of 4 at the door, 2 of 2 at the standoff, 4 of 4 talking: 7 of 10.
    play(officer, small_scenario, ["1", "0", "0"])
    (item,) = my_assignments(officer)
    assert item.status == Status.DUE_SOON
    assert item.best_percent == 70


def test_my_training_page(client, officer, supervisor, small_scenario, unit):
    assignment = assign(small_scenario, supervisor, 5, units=[unit])
    client.force_login(officer)
    page = client.get(reverse("training:my_training")).content.decode()
    assert "Noise complaint" in page and "Due soon" not in page and "Assigned" in page
    assert f"?assignment={assignment.pk}" in page
    play(officer, small_scenario, ["0", "0"])
    page = client.get(reverse("training:my_training")).content.decode()
    attempt = Attempt.objects.get()
    assert "Done" in page and reverse("training:certificate", args=[attempt.pk]) in page


def test_reminders_go_once_and_not_to_those_done(
    officer, supervisor, small_scenario, unit, user_with_role
):
    done_officer = user_with_role(Role.OFFICER, unit=unit)
    assign(small_scenario, supervisor, 2, units=[unit])
    assign(small_scenario, supervisor, 10, units=[unit])  # not due soon: no reminder yet
    play(done_officer, small_scenario, ["0", "0"])
    assert send_due_reminders() == 1
    assert delivered()[0].to == [officer.email]
    assert "Noise complaint" in delivered()[0].subject
    assert "/training/scenarios/noise-complaint/?assignment=" in delivered()[0].body
    assert send_due_reminders() == 0
    assert len(delivered()) == 1


def test_certificate_for_a_passed_assignment(client, officer, supervisor, small_scenario):
    assign(small_scenario, supervisor, 5, officers=[officer])
    attempt = play(officer, small_scenario, ["0", "0"])
    client.force_login(officer)
    page = client.get(reverse("training:certificate", args=[attempt.pk])).content.decode()
    assert "Certificate of completion" in page and officer.get_full_name() in page
    failed = play(officer, small_scenario, ["0", "1"])  # screen-out
    assert client.get(reverse("training:certificate", args=[failed.pk])).status_code == 404


def test_heat_map_and_decision_statistics(officer, small_scenario, user_with_role, unit):
    colleague = user_with_role(Role.OFFICER, unit=unit)
    play(officer, small_scenario, ["0", "0"])
    play(colleague, small_scenario, ["0", "1"])
    (row,) = unit_heat_map(Attempt.objects.all())
    assert (row["completed"], row["passed"], row["officers"]) == (2, 1, 2)
    assert row["core"] == pytest.approx(1.0)  # both earned the only core point
    assert row["options"] == pytest.approx(0.5)
    stats = {
        s.passage: s for s in decision_stats(small_scenario.latest_version, Attempt.objects.all())
    }
    talking = stats["Talking"]
    assert talking.answers == 2
    assert [c["count"] for c in talking.choices] == [1, 1]
    assert talking.screen_out_share == pytest.approx(0.5)
    assert stats["Doorstep"].mean_seconds >= 0


def test_dashboard_pages_show_the_figures(client, supervisor, officer, small_scenario):
    play(officer, small_scenario, ["0", "1"])
    client.force_login(supervisor)
    page = client.get(reverse("training:dashboard")).content.decode()
    assert "heat-map" in page and officer.last_name in page
    stats = client.get(
        reverse("training:scenario_stats", args=[small_scenario.slug])
    ).content.decode()
    assert "Push past him into the flat" in stats and "screen-out" in stats
    assert (
        client.get(
            reverse("training:scenario_stats", args=[small_scenario.slug]) + "?version=9"
        ).status_code
        == 404
    )
    assert client.get(reverse("training:dashboard") + "?p=abc").status_code == 404
    assert client.get(reverse("training:dashboard") + "?unit=x&scenario=%27").status_code == 200


def test_review_and_dashboard_use_the_agencys_cdm_labels(
    client, officer, supervisor, small_scenario
):
    CDMLabels.objects.create(options="4. Weigh the options")
    attempt = play(officer, small_scenario, ["0", "0"])
    client.force_login(officer)
    review = client.get(reverse("training:review", args=[attempt.pk])).content.decode()
    assert "4. Weigh the options" in review
    client.force_login(supervisor)
    assert "4. Weigh the options" in client.get(reverse("training:dashboard")).content.decode()


def test_csv_export(client, supervisor, officer, small_scenario):
    attempt = play(officer, small_scenario, ["0", "0"])
    client.force_login(supervisor)
    response = client.get(reverse("training:export_csv") + f"?scenario={small_scenario.slug}")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["attempt"] == str(attempt.pk)
    assert rows[0]["score_percent"] == "100.0" and rows[0]["passed"] == "yes"
    assert rows[0]["collect_percent"] == "100.0"


def test_a_chiefs_records_are_the_units_people_not_those_without_a_unit(
    client, chief, officer, user_with_role, small_scenario
):
    in_a_unit = play(officer, small_scenario, ["0", "0"])
    play(user_with_role(Role.EDITOR), small_scenario, ["0", "0"])  # no unit: not a unit's record
    play(chief, small_scenario, ["0", "0"])
    client.force_login(chief)
    response = client.get(reverse("training:export_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["attempt"] for row in rows] == [str(in_a_unit.pk)]
