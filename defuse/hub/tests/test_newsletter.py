import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from defuse.hub.models import Subscriber
from defuse.hub.newsletter import UNSUBSCRIBE_SALT, send_digests, token_for
from defuse.hub.tasks import send_weekly_digest
from defuse.hub.tests.factories import ArticlePageFactory
from defuse.platform.tests.mail import delivered

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    found = re.search(r"https?://[^/\s]+(/newsletter/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def subscribe(client, email="sam@agency.invalid", audiences=("patrol",)):
    response = client.post("/newsletter/", {"email": email, "audiences": list(audiences)})
    assert response.status_code == 302
    return Subscriber.objects.get(email=email)


def confirmed(client, **kwargs):
    subscriber = subscribe(client, **kwargs)
    client.post(link_in(delivered()[-1]))
    subscriber.refresh_from_db()
    return subscriber


def test_double_opt_in(client, home_page):
    subscriber = subscribe(client)
    assert not subscriber.is_active
    (message,) = delivered()
    link = link_in(message)
    page = client.get(link)  # following the link only asks
    assert "Yes, subscribe me" in page.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_active
    client.post(link)
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert list(subscriber.audiences.values_list("slug", flat=True)) == ["patrol"]


def test_form_keeps_what_was_typed_and_explains(client, home_page):
    response = client.post("/newsletter/", {"email": "sam@agency.invalid"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="sam@agency.invalid"' in html
    assert "Choose at least one audience." in html
    bad = client.post("/newsletter/", {"email": "nope", "audiences": ["patrol", "aliens"]})
    assert bad.status_code == 400
    assert "Enter a valid email address." in bad.content.decode()
    assert not Subscriber.objects.exists()


def test_subscribing_twice_updates_audiences_and_reveals_nothing(client, home_page):
    confirmed(client)
    response = client.post("/newsletter/", {"email": "SAM@agency.invalid", "audiences": ["chiefs"]})
    assert response.status_code == 302
    assert Subscriber.objects.count() == 1
    assert list(Subscriber.objects.get().audiences.values_list("slug", flat=True)) == ["chiefs"]


@pytest.mark.parametrize(
    "path",
    [
        "/newsletter/confirm/not-a-token/",
        "/newsletter/unsubscribe/not-a-token/",
        "/newsletter/confirm/eyJpZCI6MX0:1tampered:abc/",
        "/newsletter/unsubscribe/%27%20OR%201%3D1/",
    ],
)
def test_bad_tokens_answer_404_with_a_helpful_page(client, home_page, path):
    response = client.post(path)
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_a_confirm_token_cannot_unsubscribe_and_vice_versa(client, home_page):
    subscriber = subscribe(client)
    confirm_path = link_in(delivered()[-1])
    token = confirm_path.split("/")[-2]
    assert client.post(f"/newsletter/unsubscribe/{token}/").status_code == 404
    unsubscribe_token = token_for(subscriber, UNSUBSCRIBE_SALT)
    assert client.post(f"/newsletter/confirm/{unsubscribe_token}/").status_code == 404


def test_weekly_digest_per_audience_with_one_click_unsubscribe(client, topic_page):
    patrol = confirmed(client, email="patrol@agency.invalid", audiences=("patrol",))
    confirmed(client, email="chief@agency.invalid", audiences=("chiefs",))
    ArticlePageFactory(parent=topic_page, title="For patrol", audiences=["patrol"])
    ArticlePageFactory(parent=topic_page, title="For chiefs", audiences=["chiefs"])
    mail.outbox.clear()

    out = StringIO()
    call_command("send_digest", stdout=out)
    assert "Digests sent: 2." in out.getvalue()
    by_recipient = {message.to[0]: message for message in delivered()}
    assert set(by_recipient) == {"patrol@agency.invalid", "chief@agency.invalid"}
    patrol_mail = by_recipient["patrol@agency.invalid"]
    assert "For patrol" in patrol_mail.body and "For chiefs" not in patrol_mail.body
    assert patrol_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.match(r"<(.+)>", patrol_mail.extra_headers["List-Unsubscribe"]).group(1)
    assert patrol_mail.alternatives[0][1] == "text/html"

    # One-click: a mail client POSTs without cookies or a CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    path = unsubscribe_url.split("://", 1)[1].split("/", 1)[1]
    response = mail_client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    patrol.refresh_from_db()
    assert not patrol.is_active

    mail.outbox.clear()
    ArticlePageFactory(parent=topic_page, title="Later, for patrol", audiences=["patrol"])
    send_digests()
    assert [message.to[0] for message in delivered()] == []  # chiefs had nothing new


def test_digest_sends_only_items_since_the_last_one(client, topic_page):
    subscriber = confirmed(client)
    ArticlePageFactory(parent=topic_page, title="First week", audiences=["patrol"])
    mail.outbox.clear()
    assert send_digests() == 1
    assert send_digests() == 0  # nothing new since
    ArticlePageFactory(parent=topic_page, title="Second week", audiences=["patrol"])
    assert send_digests(now=timezone.now() + datetime.timedelta(days=7)) == 1
    assert "Second week" in delivered()[-1].body and "First week" not in delivered()[-1].body
    subscriber.refresh_from_db()
    assert subscriber.last_digest_at is not None


def test_unconfirmed_addresses_get_no_digest(client, topic_page):
    subscribe(client)
    ArticlePageFactory(parent=topic_page, audiences=["patrol"])
    mail.outbox.clear()
    assert send_digests() == 0


def test_the_worker_sends_the_digest_on_monday_mornings(client, topic_page):
    task = send_weekly_digest.task_class()
    assert task.validate_datetime(datetime.datetime(2026, 11, 30, 7, 0))  # a Monday
    assert not task.validate_datetime(datetime.datetime(2026, 12, 1, 7, 0))
    confirmed(client)
    ArticlePageFactory(parent=topic_page, audiences=["patrol"])
    mail.outbox.clear()
    send_weekly_digest()
    assert len(delivered()) == 1
