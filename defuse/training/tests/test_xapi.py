"""xAPI 1.0.3 statements for every attempt, an outbox, and delivery to a real LRS (Ralph) that
survives the LRS being down and never stores a statement twice."""

import json
import os
from datetime import timedelta

import pytest
import requests
from django.urls import reverse
from django.utils import timezone

from defuse.training.lrs import backoff, send_pending
from defuse.training.models import XapiStatement
from defuse.training.spec import CRITERIA
from defuse.training.tasks import retry_xapi_statements, send_assignment_reminders

from .conftest import play
from .lrs_server import PASSWORD, RALPH, USERNAME, RalphServer


def test_every_attempt_produces_its_statements(officer, small_scenario):
    attempt = play(officer, small_scenario, ["0", "0"])
    statements = list(attempt.statements.order_by("created_at", "id"))
    verbs = [s.verb for s in statements]
    assert verbs[0] == "initialized" and verbs.count("answered") == 2
    assert sorted(verbs[-2:]) == ["completed", "passed"]
    for statement in statements:
        data = statement.payload
        assert data["id"] == str(statement.id)
        assert data["version"] == "1.0.3"
        assert data["verb"]["id"] == f"http://adlnet.gov/expapi/verbs/{statement.verb}"
        assert data["actor"]["account"]["name"] == officer.username
        assert data["context"]["registration"] == str(attempt.registration)
    answered = next(s.payload for s in statements if s.verb == "answered")
    extensions = answered["result"]["extensions"]
    assert {key.rsplit("/", 1)[-1] for key in extensions} >= set(CRITERIA)
    assert answered["object"]["definition"]["interactionType"] == "choice"
    assert answered["result"]["duration"].startswith("PT")
    passed = next(s.payload for s in statements if s.verb == "passed")
    assert passed["result"]["success"] is True
    assert passed["result"]["score"]["scaled"] == 1.0


def test_a_failed_attempt_says_failed(officer, small_scenario):
    attempt = play(officer, small_scenario, ["0", "1"])
    assert attempt.statements.filter(verb="failed").count() == 1
    assert not attempt.statements.filter(verb="passed").exists()


def test_statements_download_as_json(client, officer, small_scenario):
    attempt = play(officer, small_scenario, ["0", "0"])
    client.force_login(officer)
    response = client.get(reverse("training:attempt_xapi", args=[attempt.pk]))
    assert "attachment" in response["Content-Disposition"]
    payloads = json.loads(response.content)
    assert len(payloads) == 5 and payloads[0]["verb"]["display"]["en-US"] == "initialized"


def test_backoff_grows_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(50) == timedelta(hours=6)


def test_nothing_is_sent_without_an_endpoint(officer, small_scenario, settings):
    settings.DEFUSE_XAPI_ENDPOINT = ""
    play(officer, small_scenario, ["0", "0"])
    assert send_pending().sent == 0
    assert XapiStatement.objects.pending().count() == 5


# A real LRS ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    if not RALPH.exists():
        message = f"Ralph is not installed at {RALPH}; scripts/test.sh installs it."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = RalphServer(tmp_path_factory.mktemp("ralph"))
    server.create_credentials()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def lrs(ralph, settings):
    if ralph.process is None:
        ralph.start()
    settings.DEFUSE_XAPI_ENDPOINT = ralph.endpoint
    settings.DEFUSE_XAPI_USERNAME = USERNAME
    settings.DEFUSE_XAPI_PASSWORD = PASSWORD
    return ralph


def ids_in(lrs, attempt):
    return sorted(s["id"] for s in lrs.statements(str(attempt.registration)))


def outbox_ids(attempt):
    return sorted(str(pk) for pk in attempt.statements.values_list("id", flat=True))


def test_statements_reach_a_real_lrs(lrs, officer, small_scenario):
    attempt = play(officer, small_scenario, ["0", "0"])
    report = send_pending()
    assert (report.sent, report.failed) == (5, 0)
    assert ids_in(lrs, attempt) == outbox_ids(attempt)
    stored = {s["id"]: s for s in lrs.statements(str(attempt.registration))}
    passed = next(s for s in stored.values() if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"]["scaled"] == 1.0
    assert not XapiStatement.objects.pending().exists()


def test_finishing_an_attempt_sends_in_the_background(
    lrs, officer, small_scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attempt = play(officer, small_scenario, ["0", "0"])
    assert not XapiStatement.objects.pending().exists()
    assert ids_in(lrs, attempt) == outbox_ids(attempt)


def test_an_lrs_outage_loses_nothing(lrs, officer, small_scenario):
    attempt = play(officer, small_scenario, ["1", "0", "0"])
    lrs.stop()
    try:
        report = send_pending()
        assert (report.sent, report.failed) == (0, 6)
        pending = list(XapiStatement.objects.pending())
        assert len(pending) == 6
        assert all(s.tries == 1 and s.next_try_at > timezone.now() for s in pending)
        assert "unreachable" in pending[0].last_error
        assert send_pending().sent == 0  # backing off: nothing is due yet
    finally:
        lrs.start()
    XapiStatement.objects.update(next_try_at=timezone.now())  # the backoff has elapsed
    assert send_pending().sent == 6
    assert ids_in(lrs, attempt) == outbox_ids(attempt)


class AnswerLostSession(requests.Session):
    """Delivers the request, then loses the LRS's answer, like a timeout after the write."""

    def post(self, *args, **kwargs):
        super().post(*args, **kwargs)
        raise requests.ConnectionError("connection reset after the request was sent")


def test_a_resend_after_a_lost_answer_is_not_duplicated(lrs, officer, small_scenario):
    attempt = play(officer, small_scenario, ["0", "0"])
    assert send_pending(session=AnswerLostSession()).failed == 5
    assert len(ids_in(lrs, attempt)) == 5  # the LRS has them, but we could not know
    XapiStatement.objects.update(next_try_at=timezone.now())
    assert send_pending().sent == 5
    assert send_pending().sent == 0
    XapiStatement.objects.update(sent_at=None)  # even a full resend of everything
    assert send_pending().sent == 5
    assert ids_in(lrs, attempt) == outbox_ids(attempt)  # each statement exactly once


def test_the_worker_schedules_sending_and_reminders():
    from datetime import datetime

    every_minute = retry_xapi_statements.task_class().validate_datetime
    assert every_minute(datetime(2026, 11, 28, 13, 7)) and every_minute(
        datetime(2026, 11, 28, 3, 59)
    )
    daily = send_assignment_reminders.task_class().validate_datetime
    assert daily(datetime(2026, 11, 28, 6, 0)) and not daily(datetime(2026, 11, 28, 7, 0))
