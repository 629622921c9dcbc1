"""The main navigation links each person to the parts of Defuse they can use."""

import pytest

from defuse.accounts.roles import Role

pytestmark = pytest.mark.django_db

EXPECTED = {
    None: ["Checklist"],
    Role.OFFICER: ["Training", "Checklist", "Reports"],
    Role.SUPERVISOR: ["Training", "Checklist", "Reports", "Insights"],
    Role.CHIEF: ["Training", "Checklist", "Reports", "Insights"],
    Role.EDITOR: ["Training", "Checklist"],
}


@pytest.mark.parametrize("role, labels", EXPECTED.items())
def test_links_by_role(client, home_page, user_with_role, role, labels):
    if role:
        client.force_login(user_with_role(role))
    response = client.get("/")
    assert [label for label, _ in response.context["work_links"]] == labels
    for _label, url in response.context["work_links"]:
        assert f'<a href="{url}"' in response.content.decode()
