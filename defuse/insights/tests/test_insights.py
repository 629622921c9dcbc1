"""Insights: the figures are right on a small known set, every chart has an accessible SVG and a
data table and downloads as CSV, filters are forgiving, approvals and the command recount.
(The permission ladder is in test_access.py, the figures on a larger set in test_figures.py.)"""

import csv
import io

import pytest
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UnitFactory
from defuse.field import workflow
from defuse.field.models import Report
from defuse.insights import metrics
from defuse.insights.facts import rebuild
from defuse.insights.queries import facts, technique_facts

from .builders import report, scope_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(officer, user_with_role, unit):
    other = user_with_role(Role.OFFICER, unit=UnitFactory(name="Other unit"))
    report(officer, techniques=["distance", "time"])
    report(officer, force=True, techniques=["distance"], call_type="assault", subject_injured=True)
    report(officer, force=True, call_type="assault")
    report(officer, crisis=True, techniques=["time"], outcome="transported_to_care")
    report(officer, is_training=True, force=True)  # never counted
    report(officer, status=Report.Status.SUBMITTED)  # not yet approved: not counted
    report(other, techniques=["time"])
    rebuild(everything=True)
    return other


def test_the_figures(chief, known):
    scope = scope_for(chief)
    numbers = metrics.headline(facts(scope))
    assert numbers["encounters"] == 5
    assert numbers["documented_share"] == pytest.approx(4 / 5)
    assert numbers["without_force_share"] == pytest.approx(3 / 5)
    assert numbers["crisis_share"] == pytest.approx(1 / 5)
    assert numbers["subject_injured"] == 1
    assert numbers["review_hours"] == pytest.approx(10, abs=0.01)
    charts = metrics.force_by_technique(facts(scope), technique_facts(scope))
    by_technique = {row[0]: row[1:] for row in charts.rows}
    assert by_technique["Distance"][:2] == [2, 1]
    assert by_technique["No technique documented"][:2] == [1, 1]
    by_call = {row[0]: row[3] for row in metrics.force_by_call_type(facts(scope)).rows}
    assert by_call["Assault"] == 1.0 and by_call["Disturbance"] == 0.0


def test_a_supervisor_sees_only_their_units(supervisor, known, client):
    client.force_login(supervisor)
    response = client.get(reverse("insights:chart_csv", args=["review-time"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows[1:]] == [str(supervisor.supervised_units.get())]
    assert "Other unit" not in client.get(reverse("insights:dashboard")).content.decode()


def test_every_chart_draws_an_svg_with_a_table_and_a_csv(client, chief, known):
    client.force_login(chief)
    page = client.get(reverse("insights:dashboard")).content.decode()
    for slug in metrics.CHARTS:
        assert f'aria-labelledby="{slug}-title {slug}-desc"' in page
        assert reverse("insights:chart_csv", args=[slug]) in page
        response = client.get(reverse("insights:chart_csv", args=[slug]))
        assert response["Content-Type"].startswith("text/csv")
        assert len(list(csv.reader(io.StringIO(response.content.decode())))) >= 2, slug
    assert "Correlation, not cause." in page
    assert page.count("<table") >= len(metrics.CHARTS)


@pytest.mark.parametrize(
    "query",
    ["?from=2026-99&to=x", "?unit=abc", "?unit=99999", "?from=1999-01", "?to=2026-02&from=2027-01"],
)
def test_bad_filters_fall_back(client, chief, known, query):
    client.force_login(chief)
    assert client.get(reverse("insights:dashboard") + query).status_code == 200


def test_the_monthly_summary(client, chief, known):
    client.force_login(chief)
    page = client.get(reverse("insights:summary")).content.decode()
    assert "De-escalation summary" in page and "Resolved without force" in page


def test_unknown_chart_is_404(client, chief):
    client.force_login(chief)
    assert client.get(reverse("insights:chart_csv", args=["nope"])).status_code == 404


def test_approving_a_report_updates_insights(
    client, officer, supervisor, chief, django_capture_on_commit_callbacks
):
    made = report(officer, status=Report.Status.SUBMITTED, force=True)
    scope = scope_for(chief)
    assert metrics.headline(facts(scope))["encounters"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        workflow.review(made, supervisor, approve=True, comment="")
    numbers = metrics.headline(facts(scope))
    assert numbers["encounters"] == 1 and numbers["without_force_share"] == 0


def test_the_rebuild_command(chief, known, capsys):
    from django.core.management import call_command

    call_command("rebuild_insights")
    assert "Insights recounted" in capsys.readouterr().out
    assert metrics.headline(facts(scope_for(chief)))["encounters"] == 5
