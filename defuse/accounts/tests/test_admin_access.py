"""The permission ladder for the Wagtail admin: anonymous, wrong role, right role."""

import pytest

from defuse.accounts.roles import Role

pytestmark = pytest.mark.django_db


def admin_urls(topic_page, unit):
    return {
        "dashboard": "/admin/",
        "add_article": f"/admin/pages/add/hub/articlepage/{topic_page.pk}/",
        "edit_topic": f"/admin/pages/{topic_page.pk}/edit/",
        "users": "/admin/users/",
        "units": "/admin/snippets/accounts/unit/",
        "edit_unit": f"/admin/snippets/accounts/unit/edit/{unit.pk}/",
        "scenarios": "/admin/snippets/training/scenario/",
        "add_scenario": "/admin/snippets/training/scenario/add/",
    }


# (page, roles allowed). Everyone else who is signed in is refused.
LADDER = [
    ("dashboard", {Role.SUPERVISOR, Role.WRITER, Role.EDITOR, Role.ADMINISTRATOR}),
    ("add_article", {Role.WRITER, Role.EDITOR, Role.ADMINISTRATOR}),
    ("edit_topic", {Role.WRITER, Role.EDITOR, Role.ADMINISTRATOR}),
    ("users", {Role.ADMINISTRATOR}),
    ("units", {Role.ADMINISTRATOR}),
    ("edit_unit", {Role.ADMINISTRATOR}),
    # Supervisors, trainers and editors write, import and publish scenarios; hub writers do not.
    ("scenarios", {Role.SUPERVISOR, Role.EDITOR, Role.ADMINISTRATOR}),
    ("add_scenario", {Role.SUPERVISOR, Role.EDITOR, Role.ADMINISTRATOR}),
]


@pytest.mark.parametrize("page, allowed", LADDER)
def test_anonymous_is_sent_to_login(client, topic_page, unit, page, allowed):
    response = client.get(admin_urls(topic_page, unit)[page])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("page, allowed", LADDER)
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_roles_are_allowed_or_refused(
    client, topic_page, unit, user_with_role, page, allowed, role
):
    client.force_login(user_with_role(role))
    url = admin_urls(topic_page, unit)[page]
    response = client.get(url)
    if role in allowed:
        assert response.status_code == 200
    else:
        # Wagtail refuses with 403, or by redirecting to its dashboard or the login page.
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] != url
