"""The permission ladder of every Insights URL: anonymous visitors go to the login page (and come
back), the wrong role gets 403, supervisors and chiefs get the page; only chiefs export open data
or see the link to it."""

import pytest
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URLS = {
    "dashboard": ("insights:dashboard", []),
    "summary": ("insights:summary", []),
    "chart CSV": ("insights:chart_csv", ["force-by-call-type"]),
    "unknown chart CSV": ("insights:chart_csv", ["no-such-chart"]),
    "open data": ("insights:open_data", []),
    "open data dictionary": ("insights:open_data_page", []),
    "open data totals": ("insights:open_data_totals", []),
}
OVERSEEN = {Role.SUPERVISOR: 200, Role.CHIEF: 200}
EXPECTED = {
    "dashboard": OVERSEEN,
    "summary": OVERSEEN,
    "chart CSV": OVERSEEN,
    "unknown chart CSV": {Role.SUPERVISOR: 404, Role.CHIEF: 404},
    "open data": {Role.CHIEF: 200},
    "open data dictionary": {Role.CHIEF: 200},
    "open data totals": {Role.CHIEF: 200},
}
ROLES = [Role.OFFICER, Role.EDITOR, Role.WRITER, Role.ADMINISTRATOR, Role.SUPERVISOR, Role.CHIEF]
LADDER = [(name, role, EXPECTED[name].get(role, 403)) for name in URLS for role in ROLES]


def url(name: str) -> str:
    view, args = URLS[name]
    return reverse(view, args=args)


@pytest.mark.parametrize("name", URLS)
def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, name):
    response = client.get(url(name) + "?from=2025-01")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/insights/")
    assert "from%3D2025-01" in response.url


@pytest.mark.parametrize("name, role, status", LADDER)
def test_the_ladder(client, user_with_role, name, role, status):
    client.force_login(user_with_role(role))
    assert client.get(url(name)).status_code == status


def test_a_signed_in_person_without_a_role_is_refused(client):
    client.force_login(UserFactory())
    assert {client.get(url(name)).status_code for name in URLS} == {403}


@pytest.mark.parametrize("role, shown", [(Role.CHIEF, True), (Role.SUPERVISOR, False)])
def test_only_chiefs_see_the_open_data_link(client, user_with_role, role, shown):
    client.force_login(user_with_role(role))
    page = client.get(url("dashboard")).content.decode()
    assert (url("open data dictionary") in page) is shown
