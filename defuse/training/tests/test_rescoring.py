"""Stored attempts are scored again from their recorded decisions; a changed result voids its
old xAPI result statements and sends new ones; running it again changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from defuse.training.models import Attempt, XapiStatement

from .conftest import play

pytestmark = pytest.mark.django_db


def rescore(*args) -> str:
    out = StringIO()
    call_command("rescore_attempts", *args, stdout=out)
    return out.getvalue()


def test_an_old_result_is_corrected_once_and_its_statements_voided(officer, small_scenario):
    attempt = play(officer, small_scenario, ["1", "0", "0"])  # the detour: 7 of 10
    assert attempt.scaled == pytest.approx(0.7) and attempt.passed
    # As the old rules stored it: 7 of the best path's 8, and the pass mark set at 80.
    Attempt.objects.filter(pk=attempt.pk).update(scaled=0.875, pass_mark=80, passed=True)
    old = set(
        attempt.statements.filter(verb__in=["completed", "passed"]).values_list("pk", flat=True)
    )
    assert len(old) == 2

    assert "would change: 1 (0 now pass, 1 no longer pass)" in rescore("--dry-run")
    assert Attempt.objects.get(pk=attempt.pk).scaled == 0.875

    assert "changed: 1 (0 now pass, 1 no longer pass)" in rescore()
    attempt.refresh_from_db()
    assert attempt.scaled == pytest.approx(0.7) and attempt.passed is False
    voids = XapiStatement.objects.filter(attempt=attempt, verb="voided")
    assert {v.payload["object"]["id"] for v in voids} == {str(pk) for pk in old}
    assert all(v.payload["object"]["objectType"] == "StatementRef" for v in voids)
    latest = XapiStatement.objects.filter(attempt=attempt).order_by("-created_at", "-id")
    assert {s.verb for s in latest[:2]} <= {"completed", "failed", "voided"}
    assert XapiStatement.objects.filter(attempt=attempt, verb="failed").count() == 1

    before = XapiStatement.objects.count()
    assert "changed: 0 (0 now pass, 0 no longer pass)" in rescore()
    assert XapiStatement.objects.count() == before


def test_a_pass_under_the_old_rules_that_ended_in_force_fails(officer, small_scenario):
    attempt = play(officer, small_scenario, ["1", "1"])  # an order, then a threat: a struggle
    assert attempt.outcome == "force_used" and attempt.passed is False
    assert attempt.ending_acceptable is False
    Attempt.objects.filter(pk=attempt.pk).update(passed=True, ending_acceptable=None)
    rescore()
    attempt.refresh_from_db()
    assert attempt.passed is False and attempt.ending_acceptable is False
