"""Redis stops while an officer is writing a report: the page, the session and what was typed
all carry on, and the report is submitted. A Redis server of the test's own holds the cache,
the sessions' cache and the task queue, as with REDIS_URL in production."""

import re
import shutil
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from huey import RedisHuey
from huey.contrib.djhuey import HUEY
from playwright.sync_api import expect

from defuse.field.models import Report
from defuse.field.tests.test_browser_field import PHONE, fill_report, log_in
from defuse.settings.base import redis_caches

from .ports import free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@pytest.fixture
def own_redis(settings, monkeypatch):
    port = free_port()
    options = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen([REDIS_SERVER, *options], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    settings.CACHES = redis_caches(url)
    caches["local"].clear()  # nothing from an earlier test under the same version
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    monkeypatch.setattr(HUEY, "_immediate", False)
    monkeypatch.setattr(HUEY, "storage", RedisHuey("defuse-own", url=url).storage)
    yield server, url
    server.kill()
    server.wait()


def test_redis_stopping_mid_report_loses_nothing(
    live_server, browser, officer, checklist, own_redis
):
    server, url = own_redis
    page = browser.new_context(viewport=PHONE).new_page()
    log_in(page, live_server.url, officer, "/field/reports/")
    assert redis.Redis.from_url(url).dbsize() > 0  # the session (and more) are in this Redis
    page.get_by_role("button", name="Start a new report").click()
    fill_report(page)
    expect(page.get_by_text(re.compile("Draft saved at"))).to_be_visible()

    server.kill()  # Redis is gone, mid-session
    server.wait()
    page.get_by_label("Reason for contact").fill("A neighbour heard shouting and crying, twice.")
    page.reload()  # what was typed comes back from the server's draft, and the browser's copy
    expect(page.get_by_label("Case number")).to_have_value("24-004321")
    expect(page.get_by_label("Reason for contact")).to_have_value(
        re.compile("A neighbour heard shouting and crying")
    )
    page.locator("select[name=techniques-0-technique]").select_option(label="Distance")
    page.locator("select[name=techniques-0-effect]").select_option(label="Helped")
    page.get_by_role("button", name="Submit to my supervisor").click()
    expect(page.get_by_text("Report submitted")).to_be_visible()

    report = Report.objects.get()
    assert report.status == Report.Status.SUBMITTED
    assert (report.case_number, report.district) == ("24-004321", "North")
    assert report.narrative_deescalation == "Gave my name, sat down, listened."
