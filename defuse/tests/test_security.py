"""The security baseline: headers on every page, cookie flags in production, login throttling,
rate limits on public forms and search, reader cache headers, and the health endpoint."""

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.hub.models import Subscriber, WebinarRegistration
from defuse.hub.tests.factories import WebinarPageFactory

from .test_settings import SECRET, manage

pytestmark = pytest.mark.django_db


def test_every_page_sends_the_security_headers(client, topic_page):
    for url in ("/", "/de-escalation/", "/search/?q=x", "/accounts/login/", "/field/reports/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_over_https(client, home_page):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_production_cookie_and_transport_settings():
    code = (
        "from django.conf import settings as s; import json;"
        " print(json.dumps([s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_SAMESITE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS]))"
    )
    result = manage("shell", "-c", code, DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="x.org")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == [True, True, "Lax", True, "Lax", True, 31536000]


@override_settings(AXES_ENABLED=True)
def test_login_is_throttled_after_five_failures(client, officer):
    url = reverse("accounts:login")
    for _ in range(4):
        response = client.post(url, {"login": officer.username, "password": "wrong"})
        assert response.status_code == 200
    assert client.post(url, {"login": officer.username, "password": "wrong"}).status_code == 429
    locked = client.post(url, {"login": officer.username, "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True)
def test_a_good_password_resets_the_count(client, officer):
    url = reverse("accounts:login")
    for _ in range(4):
        client.post(url, {"login": officer.username, "password": "wrong"})
    assert (
        client.post(url, {"login": officer.username, "password": TEST_PASSWORD}).status_code == 302
    )


@override_settings(DEFUSE_RATE_SEARCH="3/m")
def test_search_is_rate_limited(client, topic_page):
    for _ in range(3):
        assert client.get("/search/?q=pause").status_code == 200
    limited = client.get("/search/?q=pause")
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert "Too many requests" in limited.content.decode()


@override_settings(DEFUSE_RATE_FORMS="2/h")
def test_newsletter_and_password_reset_are_rate_limited(client, home_page, officer):
    for url, data in (
        (reverse("hub:newsletter"), {"email": "a@example.org", "audiences": ["patrol"]}),
        (reverse("accounts:password_reset"), {"email": officer.email}),
    ):
        client.post(url, data)
        client.post(url, data)
        assert client.post(url, data).status_code == 429, url
        assert client.get(url).status_code == 200  # reading the form is never limited


@override_settings(DEFUSE_RATE_FORMS="1/h")
def test_webinar_registration_is_rate_limited(client, topic_page):
    webinar = WebinarPageFactory(parent=topic_page, starts_at=timezone.now() + timedelta(days=3))
    data = {
        "name": "Ann Reader",
        "email": "ann@example.org",
        "agency": "Riverton PD",
        "role": "patrol",
    }
    client.post(webinar.url, data)
    assert client.post(webinar.url, {**data, "email": "bob@example.org"}).status_code == 429
    assert WebinarRegistration.objects.count() == 1
    assert len(mail.outbox) <= 1


def test_anonymous_hub_pages_are_cacheable_with_an_etag(client, topic_page):
    response = client.get("/de-escalation/")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    etag = response["ETag"]
    assert client.get("/de-escalation/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_pages_of_signed_in_people_are_never_shared(client, topic_page, officer):
    client.force_login(officer)
    response = client.get("/de-escalation/")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize(
    "url", ["/newsletter/", "/accounts/login/", "/field/checklist/", "/training/"]
)
def test_forms_and_personal_pages_are_never_shared(client, home_page, url):
    response = client.get(url, follow=True)
    assert "public" not in response.get("Cache-Control", ""), url


def test_health_is_never_cached(client, db):
    response = client.get("/health/")
    assert "no-cache" in response["Cache-Control"]  # the checks themselves: platform/tests


@override_settings(
    CACHES={"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}}}
)  # fmt: skip
def test_health_reports_a_broken_cache(client, db):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


def test_anonymous_forms_store_nothing_oversized_and_no_session(client, topic_page):
    """What strangers can write is bounded by the forms' own limits; reading and posting public
    forms never creates a session (the field stash, bounded and short-lived, is the one
    exception: field/tests/test_workflow.py)."""
    webinar = WebinarPageFactory(parent=topic_page)
    huge = "x" * 100_000
    response = client.post(
        webinar.url, {"name": huge, "email": "a@agency.invalid", "agency": huge, "role": "patrol"}
    )
    assert response.status_code == 400
    assert "at most 120 characters" in response.content.decode()
    response = client.post(
        "/newsletter/", {"email": f"{huge}@agency.invalid", "audiences": ["patrol"]}
    )
    assert response.status_code == 400
    client.get("/")
    client.get(topic_page.url)
    client.get(reverse("hub:search") + "?q=" + "x" * 5000)
    client.post("/accounts/login/", {"login": huge, "password": huge})
    assert not WebinarRegistration.objects.exists() and not Subscriber.objects.exists()
    assert not Session.objects.exists()


def test_liveness_answers_without_asking_anything(client, db, django_assert_num_queries):
    client.get("/health/live/")  # the site, cached by the middleware on the first request
    with django_assert_num_queries(0):
        response = client.get("/health/live/")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
