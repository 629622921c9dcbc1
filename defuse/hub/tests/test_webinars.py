import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from defuse.hub.models import WebinarRegistration
from defuse.hub.tests.factories import WebinarPageFactory
from defuse.platform.tests.mail import delivered

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Dana Ruiz",
    "email": "dana@agency.invalid",
    "agency": "Riverton PD",
    "role": "patrol",
}


@pytest.fixture
def webinar(topic_page):
    return WebinarPageFactory(parent=topic_page, capacity=2)


def test_registration_confirms_by_email_with_an_ics_invitation(client, webinar):
    response = client.post(webinar.url, GOOD)
    assert response.status_code == 302
    assert response["Location"] == webinar.url + "?registered=1"
    assert "You are registered" in client.get(response["Location"]).content.decode()
    assert WebinarRegistration.objects.filter(webinar=webinar, email=GOOD["email"]).exists()

    (message,) = delivered()
    assert message.to == [GOOD["email"]]
    assert webinar.join_url in message.body
    filename, content, mimetype = message.attachments[0]
    assert (filename, mimetype) == ("webinar.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == webinar.title
    assert event.decoded("dtstart") == webinar.starts_at.replace(microsecond=0)
    assert "dana@agency.invalid" in str(event["attendee"])


def test_bad_input_keeps_what_was_typed_and_says_why(client, webinar):
    response = client.post(webinar.url, {**GOOD, "email": "not-an-address", "role": "sheriff"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Dana Ruiz"' in html
    assert 'value="Riverton PD"' in html
    assert "Enter a valid email address." in html
    assert "Select a valid choice." in html
    assert not WebinarRegistration.objects.exists()
    assert delivered() == []


def test_the_same_address_cannot_register_twice(client, webinar):
    client.post(webinar.url, GOOD)
    response = client.post(webinar.url, {**GOOD, "email": GOOD["email"].upper()})
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert WebinarRegistration.objects.count() == 1


def test_registration_closes_at_capacity(client, webinar):
    client.post(webinar.url, GOOD)
    client.post(webinar.url, {**GOOD, "email": "second@agency.invalid"})
    response = client.post(webinar.url, {**GOOD, "email": "third@agency.invalid"})
    assert response.status_code == 400
    assert "this webinar is full" in response.content.decode()
    assert 'value="third@agency.invalid"' in response.content.decode()
    assert WebinarRegistration.objects.count() == 2


def test_past_webinar_takes_no_registrations(client, topic_page):
    past = WebinarPageFactory(
        parent=topic_page, starts_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert "Register</button>" not in client.get(past.url).content.decode()
    response = client.post(past.url, GOOD)
    assert response.status_code == 400
    assert not WebinarRegistration.objects.exists()


def test_single_webinar_calendar_download(client, webinar):
    response = client.get(webinar.url + "calendar/")
    assert response["Content-Type"] == "text/calendar"
    assert f'filename="{webinar.slug}.ics"' in response["Content-Disposition"]
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["url"]).endswith(webinar.url)


def test_calendar_feed_lists_upcoming_webinars_only(client, topic_page):
    soon = WebinarPageFactory(parent=topic_page, title="Soon")
    WebinarPageFactory(
        parent=topic_page, title="Long gone", starts_at=timezone.now() - datetime.timedelta(days=9)
    )
    draft = WebinarPageFactory(parent=topic_page, title="Draft")
    draft.unpublish()
    response = client.get("/webinars.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    summaries = [
        str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert summaries == [soon.title]
    assert client.post("/webinars.ics").status_code == 405


def test_registration_is_rate_limited_like_every_public_form(client, webinar, settings):
    settings.DEFUSE_RATE_FORMS = "2/h"
    for email in ("first@agency.invalid", "second@agency.invalid"):
        assert client.post(webinar.url, {**GOOD, "email": email}).status_code == 302
    response = client.post(webinar.url, {**GOOD, "email": "third@agency.invalid"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert WebinarRegistration.objects.count() == 2
    assert client.get(webinar.url).status_code == 200  # reading the page is never limited
