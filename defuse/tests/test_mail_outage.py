"""The mail server down: every form still answers (never 500), nothing is lost, and each message
goes out when the server is back. Delivery uses Django's real SMTP backend, pointed at a port
where nothing listens."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from defuse.core.vocabulary import Technique
from defuse.field.models import Report
from defuse.field.tests.conftest import valid_report_data
from defuse.hub.models import Subscriber, WebinarRegistration
from defuse.hub.tests.factories import WebinarPageFactory
from defuse.platform.tasks import deliver_mail_every_minute

from .ports import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server(settings):
    """down() points delivery at a dead SMTP server; back() restores it and lets the retry
    interval pass, as the worker's next sweep would find it."""

    class MailServer:
        def down(self):
            settings.POST_OFFICE = {
                **settings.POST_OFFICE,
                "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
            }
            settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
            settings.EMAIL_TIMEOUT = 2

        def back(self):
            settings.POST_OFFICE = {
                **settings.POST_OFFICE,
                "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
            }
            Email.objects.filter(status=STATUS.requeued).update(scheduled_time=timezone.now())
            deliver_mail_every_minute.call_local()
            return mail.outbox

    server = MailServer()
    server.down()
    return server


def waiting() -> list[Email]:
    """Messages that failed once and wait for a retry, each with its failure logged."""
    emails = list(Email.objects.filter(status=STATUS.requeued))
    for email in emails:
        assert email.number_of_retries == 1
        assert "Connection refused" in email.logs.get().message
    return emails


def test_a_webinar_seat_and_its_invitation_survive_a_mail_outage(
    client, topic_page, mail_server, django_capture_on_commit_callbacks
):
    webinar = WebinarPageFactory(parent=topic_page, capacity=5)
    details = {"name": "Dana Ruiz", "email": "dana@agency.invalid", "agency": "Riverton PD"}
    with django_capture_on_commit_callbacks(execute=True):  # the worker tries at once, and fails
        response = client.post(webinar.url, {**details, "role": "patrol"})
    assert response.status_code == 302
    assert WebinarRegistration.objects.filter(email="dana@agency.invalid").count() == 1
    assert len(waiting()) == 1 and mail.outbox == []

    (message,) = mail_server.back()
    assert message.to == ["dana@agency.invalid"]
    assert message.subject == f"You are registered: {webinar.title}"
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == ("webinar.ics", "text/calendar")
    assert b"BEGIN:VEVENT" in (content if isinstance(content, bytes) else content.encode())
    assert mail_server.back() == [message]  # sent once, never again


def test_a_newsletter_subscription_survives_a_mail_outage(
    client, home_page, mail_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/newsletter/", {"email": "sam@agency.invalid", "audiences": ["patrol"]}
        )
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="sam@agency.invalid").exists()
    assert len(waiting()) == 1

    (message,) = mail_server.back()
    assert re.search(r"/newsletter/confirm/\S+/", message.body)


def test_a_password_reset_survives_a_mail_outage(
    client, home_page, officer, mail_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": officer.email})
    assert response.status_code == 302  # not dropped: waiting for the server
    assert len(waiting()) == 1

    (message,) = mail_server.back()
    assert message.to == [officer.email]
    assert re.search(r"/accounts/password-reset/\S+/\S+/", message.body)


def test_a_submitted_report_notifies_its_supervisor_once_mail_is_back(
    client, officer, supervisor, checklist, mail_server, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("field:edit", args=[report.pk]),
            valid_report_data(
                **{"techniques-0-technique": str(Technique.objects.first().pk), "submit": "1"}
            ),
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert len(waiting()) == 1

    (message,) = mail_server.back()
    assert message.to == [supervisor.email] and "24-001234" in message.subject
