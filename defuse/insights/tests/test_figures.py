"""Every figure Insights shows (headline, each chart, the CSVs, the monthly summary) equals the
same figure computed from the report rows by expected.py, for a chief's whole agency, a chief's
chosen unit and a supervisor, on the `agency` data set (conftest.py)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.models import Unit
from defuse.accounts.roles import Role
from defuse.insights import metrics
from defuse.insights.queries import facts
from defuse.platform.months import month_before

from . import expected
from .builders import local, scope_for
from .conftest import FIRST, LAST, PERIOD

pytestmark = pytest.mark.django_db

# viewer: (who, what they add to the query, whose reports they should see)
VIEWERS = {
    "chief, whole agency": lambda a: (a.chief, "", expected.EVERY_UNIT),
    "chief, one unit": lambda a: (a.chief, f"&unit={a.bravo.pk}", {a.bravo.pk}),
    "supervisor": lambda a: (a.supervisor, "", {a.alpha.pk}),
    "supervisor, another unit asked for": lambda a: (
        a.supervisor, f"&unit={a.bravo.pk}", {a.alpha.pk}
    ),
}  # fmt: skip
HEADLINE_KEYS = ["encounters", "documented_share", "without_force_share", "crisis_share",
                 "subject_injured", "officer_injured", "reviewed", "review_hours"]  # fmt: skip


def assert_rows(shown, wanted):
    """The same rows (each chart's first column names a row once), numbers to float precision."""
    shown, wanted = (sorted(rows, key=lambda row: str(row[0])) for rows in (shown, wanted))
    assert [row[0] for row in shown] == [row[0] for row in wanted]
    for got, want in zip(shown, wanted, strict=True):
        assert got == pytest.approx(want), got[0]


def oracle(slug: str, units) -> list[list]:
    """The rows chart `slug` should have for the reports of `units` in the period."""
    rows = expected.counted(FIRST, LAST, units)
    if slug != "training-and-outcomes":
        return expected.CHARTS[slug](rows)
    seen = Unit.objects.all() if units is expected.EVERY_UNIT else Unit.objects.filter(pk__in=units)
    return expected.training_and_outcomes(rows, list(seen), FIRST, LAST)


@pytest.fixture(params=VIEWERS)
def viewer(request, agency):
    user, query, units = VIEWERS[request.param](agency)
    return scope_for(user, PERIOD + query), units


def test_the_data_set_counted_by_hand(agency):
    """The oracle itself, against a count made by reading conftest.py."""
    everyone = expected.counted(FIRST, LAST)
    assert expected.headline(everyone) == pytest.approx({
        "encounters": 12, "documented_share": 8 / 12, "without_force_share": 7 / 12,
        "crisis_share": 4 / 12, "subject_injured": 3, "officer_injured": 2, "reviewed": 11,
        "review_hours": (10 + 30 + 1 + 4 + 10 + 10 + 2 + 3 + 5 + 7 + 10) / 11,
    })  # fmt: skip
    assert expected.encounters_by_month(everyone) == [
        [date(2025, 1, 1), 5, 4, 2], [date(2025, 2, 1), 4, 2, 3], [date(2025, 3, 1), 3, 2, 0],
    ]  # fmt: skip
    assert len(expected.counted(FIRST, LAST, {agency.alpha.pk})) == 8
    assert len(expected.counted(FIRST, LAST, {None})) == 1
    assert expected.training_and_outcomes(everyone, [agency.bravo], FIRST, LAST) == [
        ["Bravo", 1, 1.0, 0.8, 3, 2 / 3, 2 / 3]
    ]


def test_the_headline(viewer):
    scope, units = viewer
    shown = metrics.headline(facts(scope))
    wanted = expected.headline(expected.counted(FIRST, LAST, units))
    assert {key: shown[key] for key in HEADLINE_KEYS} == pytest.approx(wanted)


@pytest.mark.parametrize("slug", metrics.CHARTS)
def test_each_chart(viewer, slug):
    scope, units = viewer
    assert_rows(metrics.CHARTS[slug](scope).rows, oracle(slug, units))


def test_every_chart_has_an_independent_check():
    assert set(metrics.CHARTS) == {*expected.CHARTS, "training-and-outcomes"}


def test_rows_come_in_the_order_the_charts_promise(agency):
    charts = {
        chart.slug: chart.rows for chart in metrics.all_charts(scope_for(agency.chief, PERIOD))
    }
    months = [row[0] for row in charts["encounters-by-month"]]
    assert months == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]
    # Each bar chart largest first by what it draws: the rate, or the share.
    for slug, drawn in (("force-by-call-type", 3), ("crisis-outcomes", 2)):
        values = [row[drawn] or 0 for row in charts[slug]]
        assert values == sorted(values, reverse=True), slug
    by_technique = charts["force-by-technique"]
    assert by_technique[-1][0] == "No technique documented"  # last, as the comparison
    rates = [row[3] or 0 for row in by_technique[:-1]]
    assert rates == sorted(rates, reverse=True)
    assert [row[0] for row in charts["injuries"]] == ["Force used", "No force"]
    named = [row[0] for row in charts["review-time"] if row[0] != "No unit"]
    assert named == sorted(named) and len(named) == 2


def test_a_period_without_reports_draws_empty_charts(agency):
    scope = scope_for(agency.chief, "?from=2023-01&to=2023-06")
    assert metrics.headline(facts(scope))["encounters"] == 0
    assert metrics.headline(facts(scope))["review_hours"] is None
    for chart in metrics.all_charts(scope):
        if chart.slug == "injuries":
            assert [row[1:] for row in chart.rows] == [[0, 0, None, 0, None]] * 2
        elif chart.slug == "training-and-outcomes":
            assert [row[4] for row in chart.rows] == [0, 0]
        else:
            assert chart.rows == [], chart.slug


def _value(cell: str):
    for kind in (int, float):
        try:
            return kind(cell)
        except ValueError:
            pass
    return cell or None


@pytest.mark.parametrize("slug", metrics.CHARTS)
def test_the_csv_a_chart_links_to_holds_its_rows(client, agency, slug):
    """The dashboard's download link keeps the period and unit; the file has the chart's rows."""
    client.force_login(agency.chief)
    query = f"{PERIOD}&unit={agency.alpha.pk}"
    page = client.get(reverse("insights:dashboard") + query).content.decode()
    link = f"{reverse('insights:chart_csv', args=[slug])}?from=2025-01&amp;to=2025-03&amp;unit="
    assert f"{link}{agency.alpha.pk}" in page
    response = client.get(reverse("insights:chart_csv", args=[slug]) + query)
    header, *rows = csv.reader(io.StringIO(response.content.decode()))
    assert header == metrics.CHARTS[slug](scope_for(agency.chief, query)).columns
    wanted = [  # months go out as year-month
        [f"{cell:%Y-%m}" if isinstance(cell, date) else cell for cell in row]
        for row in oracle(slug, {agency.alpha.pk})
    ]
    shown = [[_value(cell) for cell in row] for row in rows]
    shown, wanted = (sorted(r, key=lambda row: str(row[0])) for r in (shown, wanted))
    assert len(shown) == len(wanted)
    for got, want in zip(shown, wanted, strict=True):
        assert got == pytest.approx(want, abs=5e-5)


def test_the_dashboard_shows_the_scope_s_headline(client, agency):
    client.force_login(agency.supervisor)
    response = client.get(reverse("insights:dashboard") + PERIOD)
    wanted = expected.headline(expected.counted(FIRST, LAST, {agency.alpha.pk}))
    assert {k: response.context["headline"][k] for k in HEADLINE_KEYS} == pytest.approx(wanted)
    assert [item["chart"].slug for item in response.context["charts"]] == list(metrics.CHARTS)


@pytest.mark.parametrize(
    "who, chosen, seen",
    [("chief", None, None), ("supervisor", None, "alpha"), ("chief", "bravo", "bravo")],
)
def test_the_monthly_summary_is_the_last_month_beside_the_one_before(
    client, agency, who, chosen, seen
):
    """The summary covers the period's last month (?to=) and the month before it."""
    units = {getattr(agency, seen).pk} if seen else expected.EVERY_UNIT
    query = "?from=2025-01&to=2025-02" + (f"&unit={getattr(agency, chosen).pk}" if chosen else "")
    client.force_login(getattr(agency, who))
    response = client.get(reverse("insights:summary") + query)
    assert response.context["month"] == date(2025, 2, 1)
    assert response.context["previous_month"] == date(2025, 1, 1)
    for key, month in (("this", date(2025, 2, 1)), ("previous", date(2025, 1, 1))):
        wanted = expected.headline(expected.counted(month, month, units))
        shown = response.context[key]
        assert {k: shown[k] for k in HEADLINE_KEYS} == pytest.approx(wanted), key
    assert "February 2025" in response.content.decode()


def test_the_summary_defaults_to_the_last_complete_month(client, agency):
    client.force_login(agency.chief)
    response = client.get(reverse("insights:summary"))
    assert response.context["month"] == month_before(timezone.localdate().replace(day=1))


def test_a_departed_officer_s_pass_is_not_shared_among_the_others(agency, user_with_role, played):
    departed = user_with_role(Role.OFFICER, unit=agency.bravo, is_active=False)
    played(departed, local(2025, 2, 20), True, 1.0)  # before leaving, in the period
    scope = scope_for(agency.chief, f"{PERIOD}&unit={agency.bravo.pk}")
    wanted = oracle("training-and-outcomes", {agency.bravo.pk})
    assert wanted[0][1:4] == [1, 1.0, 0.8]
    assert_rows(metrics.CHARTS["training-and-outcomes"](scope).rows, wanted)
