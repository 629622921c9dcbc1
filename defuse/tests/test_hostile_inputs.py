"""Hostile input, as every demo role, against every URL pattern, every form and every query
parameter a view reads, with the rate limits lifted: nothing answers 5xx. A sample of what
bench/hostile_inputs.py sends in full (the probe itself is defuse/tests/hostile.py)."""

import io

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from defuse.demo.people import DEMO_USERS, demo_password

from .hostile import Budget, Probe

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_settings(settings, tmp_path):
    settings.RATELIMIT_ENABLE = False
    settings.AXES_ENABLED = False
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def demo_site(hostile_settings, monkeypatch):
    """The demo content, as seed_demo makes it, with 40 synthetic reports instead of 600."""
    monkeypatch.setattr("defuse.demo.field.DEMO_REPORTS", 40)
    call_command("seed_demo", "--no-progress", stdout=io.StringIO())


# The writer and the editor reach nothing the administrator does not (a part of Wagtail's admin);
# bench/hostile_inputs.py signs in as them too.
ROLES = ("anonymous", "officer", "supervisor", "chief", "admin")


def demo_logins() -> dict:
    logins: dict = {"anonymous": None}
    logins.update({name: (name, demo_password(name)) for name, *_ in DEMO_USERS})
    return {role: logins[role] for role in ROLES}


def test_no_hostile_input_gets_a_server_error(demo_site):
    probe = Probe(demo_logins(), Budget.small()).run()
    assert set(probe.requests) == set(ROLES)
    assert min(probe.requests.values()) > 200, probe.requests  # every role really probed
    if probe.failures:
        pytest.fail(probe.summary(), pytrace=False)


def fragile(request):
    """Reads a number the way a careless view would: anything but digits is a 500."""
    number = int(request.POST.get("n") or request.GET.get("n") or 0)
    token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
    form = f'<form method="post">{token}<input name="n" value="1"><button>Go</button></form>'
    return HttpResponse(f"<p>{number}</p>{form}<a href='/fragile/?n=2'>next</a>")


urlpatterns = [path("fragile/", fragile, name="fragile")]


def test_the_probe_reports_a_view_that_answers_500(hostile_settings):
    """The probe is no test if it cannot fail: a view that 500s on a hostile parameter and on
    a hostile form field is reported, with its exception and the frame that raised it. (The
    rest of this URL configuration is one page, so the probe's other requests 404 or 500.)"""
    hostile_settings.ROOT_URLCONF = __name__
    probe = Probe({"anonymous": None}, Budget.small()).run()
    failures = [f for f in probe.failures.values() if f.route == "fragile"]
    assert {f.method for f in failures} == {"GET", "POST"}, failures  # its link and its form
    assert "n" in {f.field for f in failures if f.method == "GET"}
    assert all(f.exception.startswith("ValueError: invalid literal") for f in failures)
    assert all(f.frame.startswith("defuse/tests/test_hostile_inputs.py") for f in failures)
