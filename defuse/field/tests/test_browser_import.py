"""A chief imports a city's file on a 360 px phone: uploads it with the saved profile, is shown
the call types nobody has mapped (with their counts), maps them, imports; axe finds nothing on
the upload page or the review page, and nothing is wider than the screen."""

import csv
import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.field.importing.profiles import load_profile
from defuse.field.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FILE = Path(__file__).resolve().parent / "files" / "minneapolis-use-of-force.csv"
PROFILE = Path(__file__).resolve().parents[3] / "docs" / "import-profiles" / "minneapolis.json"


def assert_fits_and_clean(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_chief_maps_what_is_unmapped_and_imports_on_a_phone(
    live_server, browser, chief, home_page
):
    data = json.loads(PROFILE.read_text())
    calls = data["values"].pop("call_type")
    profile = load_profile(data)
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/field/import/")
    page.get_by_label("Username").fill(chief.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert_fits_and_clean(page)
    page.get_by_label("File (CSV or XLSX)").set_input_files(str(FILE))
    page.get_by_label("Read it with the profile").select_option(label=profile.name)
    page.get_by_role("button", name="Upload and check").click()
    page.get_by_role("heading", name="Values to map").wait_for()
    assert_fits_and_clean(page)
    with FILE.open(newline="") as stream:
        in_file = {row["Problem"] for row in csv.DictReader(stream)}
    assert sorted(page.locator("tbody th[scope=row]").all_inner_texts()) == sorted(in_file)
    for value in in_file:
        page.get_by_label(f"“{value}” in Problem").select_option(calls[value])
    page.get_by_role("button", name="Save the profile and check again").click()
    page.get_by_text("Every row passes").wait_for()
    page.get_by_role("button", name="Import 30 records").click()
    page.get_by_text("30 new records").first.wait_for()
    assert Report.objects.filter(call_type="domestic").exists()
    assert Report.objects.countable().count() == 30
