"""The exports of a whole installation, tried on the demo year as `seed_demo` writes it: the FBI
use-of-force file validates against its schema, and the open data keeps k = 5 while leaving out
under a tenth of its rows; the two export pages read on a 360 px phone. (Here, not in the apps'
own tests, because they draw on the demo, which sits above every app.)"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from defuse.accounts.models import Unit
from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.demo.synthetic_reports import generate_reports
from defuse.field import nufdc
from defuse.field.models import Report
from defuse.insights import open_data
from defuse.insights.facts import rebuild
from defuse.insights.tests.builders import report
from defuse.insights.tests.test_open_data import assert_k_anonymous
from defuse.platform.months import this_month

ORI = "MN0271100"


@pytest.fixture
def demo_year(db):
    units = [Unit.objects.create(name=name) for name in ("A Squad", "B Squad", "North District")]
    return sum(generate_reports(600, units, seed=2026))


@pytest.fixture
def ori(settings):
    settings.DEFUSE_AGENCY_ORI = ORI
    return ORI


def assert_fits_and_clean(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_demo_year_exports_a_file_that_validates(demo_year, ori):
    checked = nufdc.check(nufdc.qualifying(Report.objects.all()))
    first = this_month().replace(year=this_month().year - 1)
    document = nufdc.export(checked, ori, first, this_month())
    assert nufdc.problems_of_file(document) == []
    complete = document["incidents"]
    assert len(complete) >= 5 and len(complete) >= 0.8 * len(checked)
    for item in checked:
        assert item.ready or item.missing
        assert item.report.status == Report.Status.CLOSED and not item.report.is_training
    events = {event for record in complete for event in record["qualifying_events"]}
    assert events >= {"serious_bodily_injury"}
    assert all(record["agency_ori"] == ORI for record in complete)


def test_the_demo_year_loses_under_a_tenth_of_its_rows(demo_year):
    written = demo_year
    reports = Report.objects.countable()
    published = open_data.release(open_data.records(reports))
    assert published.total == reports.count() and written >= published.total > 500
    assert published.suppressed_share < 0.10
    assert_k_anonymous(published.rows, 5)
    kept = [column for column, level, _ in published.generalisation() if level != "all"]
    assert len(kept) >= 3, kept  # generalised, not flattened: still worth publishing


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_fbi_export_and_the_open_data_pages_read_on_a_phone(
    live_server, browser, chief, officer, home_page, settings
):
    settings.DEFUSE_AGENCY_ORI = "MN0271100"
    for n in range(6):
        report(officer, force=n < 3)
    rebuild(everything=True)
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/field/nufdc/")
    page.get_by_label("Username").fill(chief.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="FBI use-of-force export").wait_for()
    assert_fits_and_clean(page)
    page.goto(f"{live_server.url}/insights/open-data/")
    page.get_by_role("heading", name="How the rows were de-identified").wait_for()
    assert_fits_and_clean(page)
