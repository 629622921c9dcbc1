"""A process killed (SIGKILL) after its transaction commits and before it queues the follow-up
work leaves nothing undone: the notification and the stale Insights slice were written in the
transaction itself, and the worker's sweep finishes the job."""

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from post_office.models import STATUS, Email

from defuse.core.vocabulary import Technique
from defuse.field import workflow
from defuse.field.models import Report, ReportEvent
from defuse.field.tests.conftest import valid_report_data
from defuse.insights.facts import rebuild
from defuse.insights.models import ReportFact, StaleSlice
from defuse.insights.tasks import recount_stale_every_minute
from defuse.platform.tasks import deliver_mail_every_minute

from .shared_database import SharedDatabase

pytestmark = pytest.mark.django_db(transaction=True)

# Run in a separate process against the test's database. The follow-up queueing (mail
# delivery, Insights recount) is replaced by a SIGKILL: the moment after the commit and before
# the queue.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import django
    django.setup()
    from defuse.insights import subscriptions
    from defuse.platform import mail

    def killed():
        os.kill(os.getpid(), signal.SIGKILL)

    mail._queue_delivery = killed
    subscriptions._queue_recount = killed
    exec(sys.stdin.read())
    print("not killed")
    """
)


def run_and_kill(database: SharedDatabase, code: str) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=textwrap.dedent(code),
        env=database.environment(),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    database.take_back()


def test_a_report_killed_after_commit_still_notifies_its_supervisor(
    officer, supervisor, checklist, tmp_path
):
    database = SharedDatabase(tmp_path)
    technique = Technique.objects.get(code="distance").pk
    data = valid_report_data(**{"techniques-0-technique": str(technique), "submit": "1"})
    run_and_kill(
        database,
        f"""
        from django.test import Client
        from defuse.accounts.models import User
        from defuse.field.models import Report
        client = Client()
        client.force_login(User.objects.get(pk={officer.pk}))
        client.post("/field/reports/new/")
        report = Report.objects.get(author_id={officer.pk})
        client.post(f"/field/reports/{{report.pk}}/edit/", {data!r})
        """,
    )
    report = Report.objects.get(author=officer)
    assert report.status == Report.Status.SUBMITTED  # committed
    assert list(report.events.values_list("action", flat=True).order_by("pk")) == [
        ReportEvent.Action.CREATED,
        ReportEvent.Action.SUBMITTED,
    ]
    (email,) = Email.objects.all()
    assert email.status == STATUS.queued and mail.outbox == []  # never handed to the worker

    deliver_mail_every_minute.call_local()  # the sweep, within a minute
    (message,) = mail.outbox
    assert message.to == [supervisor.email] and "24-001234" in message.subject
    assert reverse("field:report", args=[report.pk]) in message.body


def test_an_approval_killed_after_commit_is_still_counted(officer, supervisor, tmp_path):
    report = workflow.start_draft(officer)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.SUBMITTED, occurred_at="2026-10-05T10:00:00Z", call_type="welfare"
    )
    rebuild(everything=True)
    assert not ReportFact.objects.exists()  # nothing approved yet
    database = SharedDatabase(tmp_path)
    run_and_kill(
        database,
        f"""
        from defuse.accounts.models import User
        from defuse.field import workflow
        from defuse.field.models import Report
        workflow.review(
            Report.objects.get(pk={report.pk}), User.objects.get(pk={supervisor.pk}),
            approve=True, comment="Good work.",
        )
        """,
    )
    report.refresh_from_db()
    assert report.status == Report.Status.CLOSED
    assert StaleSlice.objects.count() == 1 and not ReportFact.objects.exists()  # stale

    assert recount_stale_every_minute.call_local() == 1  # the sweep
    (fact,) = ReportFact.objects.all()
    assert (fact.reports, fact.call_type, fact.unit_id) == (1, "welfare", report.unit_id)
    assert not StaleSlice.objects.exists()
