"""Insights on a 360 px phone: chart text a person can read (at least 12 px, as drawn, in a
screenshot's own pixels), the three-series legend, and no accessibility violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.insights.facts import rebuild

from .builders import local, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chart_text_is_readable_on_a_phone(live_server, browser, chief, officer, home_page):
    for day, force in ((5, False), (9, True), (20, False)):
        report(officer, occurred_at=local(2026, 1, day), force=force, techniques=["time"])
    report(officer, occurred_at=local(2026, 2, 2), force=True)
    rebuild(everything=True)
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/insights/")
    page.get_by_label("Username").fill(chief.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/insights/?from=2026-01&to=2026-02")
    trend = page.locator("figure", has=page.locator("#encounters-by-month-heading"))
    trend.scroll_into_view_if_needed()
    folder = settings.BASE_DIR / "var" / "test-results"
    folder.mkdir(parents=True, exist_ok=True)
    trend.screenshot(path=str(folder / "insights-trend-360.png"))
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.chart__label, .chart__value'))
            .map((text) => text.getBoundingClientRect().height)"""
    )
    assert sizes and min(sizes) >= 12, sizes  # rendered height of each label and value
    legend = trend.locator(".chart__legend li").all_inner_texts()
    assert legend == ["Encounters", "Documented de-escalation", "Force used"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
