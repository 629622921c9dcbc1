"""Breakdowns by the person's race, sex and age band: people in encounters (not encounters, not
residents), each row with its own denominator, force counted when it was used on the person, and
the caveat on the page. Counted by hand from the `agency` data set (conftest.PEOPLE)."""

import pytest
from django.urls import reverse

from defuse.insights import metrics
from defuse.insights.facts import rebuild
from defuse.insights.models import SubjectFact

from .builders import scope_for
from .conftest import PERIOD

pytestmark = pytest.mark.django_db


def table(chart) -> dict:
    return {row[0]: (row[1], row[2]) for row in chart.rows}


def test_race_counts_people_with_force_used_on_them(agency):
    scope = scope_for(agency.chief, PERIOD)
    assert table(metrics.CHARTS["force-by-race"](scope)) == {
        "White": (5, 1),  # the loner's second person: force recorded on no one, so on both
        "Black or African American": (5, 3),  # the assault's second person had no force
        "More than one race": (1, 1),
        "Race not recorded": (2, 1),  # one is the amendment's person, counted in its place
        "Unknown": (1, 0),
    }


def test_sex_and_age_band(agency):
    scope = scope_for(agency.chief, PERIOD)
    assert table(metrics.CHARTS["force-by-sex"](scope)) == {
        "Male": (7, 5), "Female": (5, 1), "Sex not recorded": (2, 0),
    }  # fmt: skip
    ages = metrics.CHARTS["force-by-age-band"](scope)
    assert [row[0] for row in ages.rows] == [
        "Under 18", "18–24", "25–34", "35–44", "45–54", "55 and over", "Age not recorded",
    ]  # fmt: skip
    assert table(ages)["55 and over"] == (1, 1) and table(ages)["Age not recorded"] == (2, 0)


def test_a_supervisor_sees_only_their_units_people(agency):
    scope = scope_for(agency.supervisor, PERIOD)
    people = sum(row[1] for row in metrics.CHARTS["force-by-sex"](scope).rows)
    assert people == 9  # alpha's seven encounters, one with a second person, and the amendment


def people_facts() -> list[tuple]:
    fields = ["month", "unit", "sex", "race", "age_band", "force_used", "injured", "people"]
    return sorted(SubjectFact.objects.values_list(*fields), key=lambda row: tuple(map(str, row)))


def test_a_slice_rebuilt_alone_gives_the_same_people(agency):
    everything = people_facts()
    for month, unit in set(SubjectFact.objects.values_list("month", "unit")):
        rebuild(month, unit)
    assert people_facts() == everything


def test_the_page_says_these_are_encounters_not_population_rates(client, agency):
    client.force_login(agency.chief)
    page = client.get(reverse("insights:dashboard") + PERIOD).content.decode()
    assert "Force by the person&#x27;s race" in page or "Force by the person's race" in page
    assert "not population rates" in page
