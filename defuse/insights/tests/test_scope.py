"""The Scope an Insights request covers: months from ?from= to ?to= (malformed values fall back,
a reversed period is turned round, and each change is said on the page), one unit with ?unit=
only if it is in the viewer's reach, and reports without a unit only in a chief's whole
agency."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.roles import Role
from defuse.insights import metrics
from defuse.insights.queries import facts, reports
from defuse.platform.months import month_after

from . import expected
from .builders import scope_for
from .conftest import FIRST, LAST, PERIOD

pytestmark = pytest.mark.django_db

MARCH = date(2025, 3, 1)
TWELVE_TO_MARCH = date(2024, 4, 1)


@pytest.mark.parametrize(
    "query, start, last",
    [
        ("?from=2025-01&to=2025-03", date(2025, 1, 1), MARCH),
        ("?from=2025-03&to=2025-03", MARCH, MARCH),
        ("?from=2024-11&to=2025-02", date(2024, 11, 1), date(2025, 2, 1)),
        ("?from=2025-06&to=2025-03", MARCH, date(2025, 6, 1)),  # reversed: turned round
        ("?from=2025-13&to=2025-03", TWELVE_TO_MARCH, MARCH),
        ("?from=2025-1&to=2025-03", TWELVE_TO_MARCH, MARCH),
        ("?from=1999-01&to=2025-03", TWELVE_TO_MARCH, MARCH),
        ("?from=2025-01-01&to=2025-03", TWELVE_TO_MARCH, MARCH),
        ("?to=2025-03", TWELVE_TO_MARCH, MARCH),
        ("?from=2099-01&to=2025-3", "default", "default"),
        ("?from=x&to=2101-01", "default", "default"),
        ("", "default", "default"),
    ],
)
def test_the_months(chief, query, start, last):
    this_month = timezone.localdate().replace(day=1)
    if last == "default":
        start, last = month_after(date(this_month.year - 1, this_month.month, 1)), this_month
    scope = scope_for(chief, query)
    assert (scope.start, scope.last_month, scope.end) == (start, last, month_after(last))
    again = scope_for(chief, "?" + scope.query())  # links keep the scope
    assert (again.start, again.end, again.unit) == (scope.start, scope.end, scope.unit)


@pytest.mark.parametrize(
    "query, said",
    [
        ("?from=2025-09&to=2025-03", "The period ran backwards (September 2025 to March 2025): "
                                     "it is shown from March 2025 to September 2025."),
        ("?from=2025-13&to=2025-03", "“2025-13” is not a month between 2000 and 2100"),
        ("?to=2099-01", "The period cannot end after this month"),
        ("?from=2099-01", "The period cannot start after this month (January 2099)"),
    ],
)  # fmt: skip
def test_a_period_that_cannot_be_is_said_on_the_page(client, chief, query, said):
    client.force_login(chief)
    page = client.get(reverse("insights:dashboard") + query).content.decode()
    assert said in page.replace("&#x27;", "'")
    assert scope_for(chief, query).problems


def test_a_sound_period_says_nothing(chief):
    assert scope_for(chief, "?from=2025-01&to=2025-03").problems == ()


def test_the_default_is_the_twelve_months_to_this_one(chief):
    scope = scope_for(chief)
    months = (scope.end.year - scope.start.year) * 12 + scope.end.month - scope.start.month
    assert months == 12 and scope.last_month == timezone.localdate().replace(day=1)


@pytest.mark.parametrize("raw", ["abc", "99999", "", "-1", "1.0", "１", "12345678901"])
def test_a_unit_that_is_not_one_falls_back_to_the_whole_agency(agency, raw):
    scope = scope_for(agency.chief, f"{PERIOD}&unit={raw}")
    assert scope.unit is None and scope.everyone
    assert metrics.headline(facts(scope))["encounters"] == len(expected.counted(FIRST, LAST))


def test_a_chief_chooses_a_unit(agency):
    scope = scope_for(agency.chief, f"{PERIOD}&unit={agency.bravo.pk}")
    assert scope.unit == agency.bravo and not scope.everyone
    assert reports(scope).count() == len(expected.counted(FIRST, LAST, {agency.bravo.pk})) == 3


def test_a_supervisor_cannot_choose_a_unit_they_do_not_supervise(agency):
    scope = scope_for(agency.supervisor, f"{PERIOD}&unit={agency.bravo.pk}")
    assert scope.unit is None and not scope.everyone
    assert list(scope.units) == [agency.alpha]
    assert set(reports(scope).values_list("unit", flat=True)) == {agency.alpha.pk}


def test_reports_without_a_unit_count_only_for_the_whole_agency(agency):
    loner = reports(scope_for(agency.chief, PERIOD)).filter(author=agency.loner)
    assert loner.count() == 1
    for scope in (scope_for(agency.supervisor, PERIOD),
                  scope_for(agency.chief, f"{PERIOD}&unit={agency.alpha.pk}")):  # fmt: skip
        assert not reports(scope).filter(author=agency.loner).exists()
        assert not facts(scope).filter(unit=None).exists()


def test_a_supervisor_of_no_unit_sees_nothing_rather_than_everything(agency, user_with_role):
    scope = scope_for(user_with_role(Role.SUPERVISOR), PERIOD)
    assert not scope.everyone
    assert metrics.headline(facts(scope))["encounters"] == 0
    assert not reports(scope).exists()


def test_the_reports_and_the_counts_cover_the_same_months(agency):
    """scope.reports (open data) and scope.facts (charts) agree at both ends of the period."""
    for query in (PERIOD, "?from=2025-02&to=2025-02", "?from=2024-12&to=2025-04"):
        scope = scope_for(agency.chief, query)
        assert reports(scope).count() == metrics.headline(facts(scope))["encounters"], query


@pytest.mark.parametrize("who, label", [("chief", "Whole agency"), ("supervisor", "All my units")])
def test_the_unit_menu_lists_the_units_in_reach(client, agency, who, label):
    client.force_login(getattr(agency, who))
    page = client.get(reverse("insights:dashboard") + PERIOD).content.decode()
    assert f'<option value="">{label}</option>' in page
    assert (f'<option value="{agency.bravo.pk}"' in page) is (who == "chief")
    assert f'<option value="{agency.alpha.pk}"' in page
