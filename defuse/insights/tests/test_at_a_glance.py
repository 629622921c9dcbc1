"""What a chief reads at a glance: the trend as three labelled series, injuries to subjects
and to officers side by side, bars largest first, months by name, how current the figures are,
how many training entries were left out, and the monthly summary of the last complete month
with its change from the month before."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from defuse.insights.facts import rebuild
from defuse.insights.models import StaleSlice
from defuse.platform.months import month_before

from .builders import local, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(officer):
    """Three encounters in January 2026 (one with force and an injured subject, one with an
    injured officer), one in February; a training entry; all approved."""
    report(officer, occurred_at=local(2026, 1, 5), techniques=["time"])
    report(officer, occurred_at=local(2026, 1, 9), force=True, subject_injured=True,
           call_type="assault")  # fmt: skip
    report(officer, occurred_at=local(2026, 1, 20), officer_injured=True, call_type="theft",
           techniques=["distance"])  # fmt: skip
    report(officer, occurred_at=local(2026, 2, 2), force=True, call_type="theft")
    report(officer, occurred_at=local(2026, 2, 3), is_training=True, force=True)
    rebuild(everything=True)


def dashboard(client, chief, query="?from=2026-01&to=2026-02") -> str:
    client.force_login(chief)
    return client.get(reverse("insights:dashboard") + query).content.decode()


def chart_section(page: str, slug: str) -> str:
    start = page.index(f'aria-labelledby="{slug}-heading"')
    return page[start : page.index("</figure>", start)]


def test_the_trend_draws_encounters_documented_and_force_as_three_labelled_series(
    client, chief, year
):
    trend = chart_section(dashboard(client, chief), "encounters-by-month")
    legend = re.findall(r'chart__bar--(\d)" aria-hidden="true"></span>([^<]+)</li>', trend)
    assert legend == [("1", "Encounters"), ("2", "Documented de-escalation"), ("3", "Force used")]
    for series in ("1", "2", "3"):
        assert trend.count(f'class="chart__bar chart__bar--{series}"') == 2  # a bar a month
    assert ">Jan 2026</text>" in trend and ">Feb 2026</text>" in trend
    values = re.findall(r'class="chart__value"[^>]*>([^<]+)</text>', trend)
    assert values == ["3", "2", "1", "1", "0", "1"]  # Jan: 3, 2, 1; Feb: 1, 0, 1 (computed above)


def test_the_csv_keeps_months_as_year_month(client, chief, year):
    client.force_login(chief)
    response = client.get(
        reverse("insights:chart_csv", args=["encounters-by-month"]) + "?from=2026-01&to=2026-02"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1:] == [["2026-01", "3", "2", "1"], ["2026-02", "1", "0", "1"]]


def test_injuries_show_subjects_and_officers(client, chief, year):
    injuries = chart_section(dashboard(client, chief), "injuries")
    assert "Subject injury rate</li>" in injuries and "Officer injury rate</li>" in injuries
    values = re.findall(r'class="chart__value"[^>]*>([^<]+)</text>', injuries)
    # Force used: 2 encounters, 1 subject injured, 0 officers; no force: 2, 0 and 1.
    assert values == ["50.0%", "0.0%", "0.0%", "50.0%"]


def test_rates_are_drawn_largest_first(client, chief, year):
    by_call = chart_section(dashboard(client, chief), "force-by-call-type")
    labels = re.findall(r'class="chart__label"[^>]*>([^<]+)</text>', by_call)
    assert labels == ["Assault", "Theft or shoplifting", "Disturbance"]  # 100 %, 50 %, 0 %


def test_the_page_says_how_current_the_figures_are(client, chief, year):
    page = dashboard(client, chief)
    assert "(up to date)" in page and "still being counted" not in page
    StaleSlice.objects.create(everything=True)
    page = dashboard(client, chief)
    assert "1 change since then is still being counted" in page


def test_the_training_entries_left_out_are_counted(client, chief, year):
    assert "1 training entry left out" in dashboard(client, chief)
    assert "0 training entries left out" in dashboard(client, chief, "?from=2026-01&to=2026-01")


def test_the_summary_opens_on_the_last_complete_month_with_the_change(client, chief, year):
    client.force_login(chief)
    page = client.get(reverse("insights:summary")).content.decode()
    last_complete = month_before(timezone.localdate().replace(day=1))
    assert f"De-escalation summary: {last_complete:%B %Y}" in page
    page = client.get(reverse("insights:summary") + "?month=2026-02").content.decode()
    assert "De-escalation summary: February 2026" in page
    encounters = re.search(r"<th scope=\"row\">Encounters</th>((?:<td>[^<]*</td>){3})", page)
    assert re.findall(r"<td>([^<]*)</td>", encounters.group(1)) == ["1", "3", "−2"]
    resolved = re.search(
        r"<th scope=\"row\">Resolved without force</th>((?:<td>[^<]*</td>){3})", page
    )
    # February 0 of 1 without force, January 2 of 3: down 66.7 points.
    assert re.findall(r"<td>([^<]*)</td>", resolved.group(1)) == ["0.0%", "66.7%", "−66.7 pts"]


def test_the_dashboard_links_the_summary_of_the_last_complete_month(client, chief, year):
    page = dashboard(client, chief, "")
    last_complete = month_before(timezone.localdate().replace(day=1))
    assert f"month={last_complete:%Y-%m}" in page
    assert f"Printable summary of {last_complete:%B %Y}" in page
