"""Sessions end after the idle time and after their longest lifetime, and say why."""

import time

import pytest
from django.urls import reverse

from defuse.accounts.models import AuditRecord
from defuse.accounts.session_rules import SEEN_KEY, SIGNED_IN_KEY

pytestmark = pytest.mark.django_db

PRIVATE = "/field/reports/"


def backdate(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = int(time.time()) - ago
    session.save()


def test_a_session_idle_past_the_limit_ends_and_says_why(client, home_page, officer, settings):
    settings.DEFUSE_IDLE_MINUTES = 30
    client.force_login(officer)
    assert client.get(PRIVATE).status_code == 200
    backdate(client, **{SEEN_KEY: 31 * 60})
    response = client.get(PRIVATE, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "signed out after a time without activity" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    out = AuditRecord.objects.filter(action="sign-out").last()
    assert out.actor == officer.username and out.detail == {"reason": "idle"}


def test_activity_within_the_limit_keeps_the_session(client, home_page, officer, settings):
    settings.DEFUSE_IDLE_MINUTES = 30
    client.force_login(officer)
    backdate(client, **{SEEN_KEY: 29 * 60})
    assert client.get(PRIVATE).status_code == 200
    assert time.time() - client.session[SEEN_KEY] < 5  # the clock starts again


def test_the_last_request_is_written_at_most_once_a_minute(client, home_page, officer):
    client.force_login(officer)
    backdate(client, **{SEEN_KEY: 20})
    seen = client.session[SEEN_KEY]
    client.get(PRIVATE)
    assert client.session[SEEN_KEY] == seen  # no session write for a page 20 s later
    backdate(client, **{SEEN_KEY: 61})
    client.get(PRIVATE)
    assert client.session[SEEN_KEY] > seen


def test_a_busy_session_ends_at_its_longest_lifetime(client, home_page, officer, settings):
    settings.DEFUSE_SESSION_HOURS = 12
    client.force_login(officer)
    backdate(client, **{SIGNED_IN_KEY: 12 * 3600 + 60, SEEN_KEY: 60})
    response = client.get(PRIVATE, follow=True)
    assert "longest allowed time" in response.content.decode()
    assert AuditRecord.objects.filter(action="sign-out").last().detail == {"reason": "lifetime"}


def test_signing_in_starts_both_clocks(client, home_page, officer):
    client.force_login(officer)
    now = time.time()
    assert now - client.session[SIGNED_IN_KEY] < 5 and now - client.session[SEEN_KEY] < 5
