"""Every CSV download, fed hostile values in every text column it shows, reaches a spreadsheet as
text, never as a formula (OWASP's rule: a cell that begins with =, +, -, @, tab or carriage
return is prefixed with a single quote). Numbers stay numbers."""

import csv
import io

import pytest
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UnitFactory
from defuse.insights import metrics
from defuse.insights.facts import rebuild
from defuse.training.models import Scenario
from defuse.training.tests.conftest import play

from .builders import report

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://x.test")',
    "+1+cmd|'/c calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
]
LEADING = ("=", "+", "-", "@", "\t", "\r")


def cells(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode(), newline="")))


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def assert_no_formula(rows, must_show):
    flat = [cell for row in rows for cell in row]
    for cell in flat:
        assert not cell.startswith(LEADING) or is_number(cell), cell
    for value in must_show:
        assert "'" + value in flat, (value, flat[:40])


@pytest.fixture
def hostile_agency(user_with_role, demo_scenarios):
    unit = UnitFactory(name=HOSTILE[0])
    officer = user_with_role(
        Role.OFFICER, unit=unit, username="hostile", first_name=HOSTILE[1], last_name=HOSTILE[3]
    )
    for _ in range(5):  # enough to show the district in the open data (SMALL_COUNT)
        report(officer, district=HOSTILE[2], days_ago=2)
    rebuild(everything=True)
    play(officer, Scenario.objects.get(slug="footbridge-crisis"), ["0"] * 20)
    return officer


def test_the_training_records_csv_escapes_names_and_units(client, hostile_agency, chief):
    client.force_login(chief)
    rows = cells(client.get(reverse("training:export_csv")))
    assert_no_formula(rows, [HOSTILE[0], f"{HOSTILE[1]} {HOSTILE[3]}"])


def test_the_open_data_csv_escapes_districts(client, hostile_agency, chief):
    client.force_login(chief)
    rows = cells(client.get(reverse("insights:open_data")))
    assert_no_formula(rows, [HOSTILE[2]])


@pytest.mark.parametrize("slug", list(metrics.CHARTS))
def test_every_chart_csv_escapes_unit_names(client, hostile_agency, chief, slug):
    client.force_login(chief)
    rows = cells(client.get(reverse("insights:chart_csv", args=[slug])))
    assert_no_formula(rows, [])


def test_the_csv_writer_keeps_numbers_and_quotes_every_formula():
    from defuse.platform.csv_stream import csv_download

    response = csv_download(
        [["a", "b"], [*HOSTILE, -3, "-4.5", "", "plain"]], "x.csv", stream=False
    )
    row = cells(response)[1]
    assert row == ["'" + value for value in HOSTILE] + ["-3", "-4.5", "", "plain"]
