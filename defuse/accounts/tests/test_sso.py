"""Single sign-on's rules without a browser: the sign-in page, passwords switched off but for
break-glass administrators, and how the provider's claims become roles and a unit."""

import pytest
from django.contrib.auth.models import Group

from defuse.accounts.models import User
from defuse.accounts.roles import Role
from defuse.accounts.sso import apply_claims, roles_from
from defuse.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://login.agency.example/tenant/v2.0"


@pytest.fixture
def sso(settings):
    settings.DEFUSE_OIDC_ISSUER = ISSUER
    settings.DEFUSE_OIDC_CLIENT_ID = "defuse"
    settings.DEFUSE_OIDC_NAME = "Agency account"
    settings.DEFUSE_OIDC_ROLE_GROUPS = {"G-Officers": "officer", "G-Chiefs": "chief"}
    settings.DEFUSE_OIDC_UNIT_CLAIM = "department"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [{"provider_id": "agency", "name": "Agency account", "client_id": "defuse",
                      "secret": "s", "settings": {"server_url": ISSUER}}]
        }
    }  # fmt: skip
    return settings


def test_the_sign_in_page_offers_the_agency_s_sign_in_and_lets_its_form_reach_it(client, sso):
    response = client.get("/accounts/login/?next=/field/reports/")
    page = response.content.decode()
    assert "Sign in with Agency account" in page
    assert 'action="/accounts/oidc/agency/login/"' in page
    policy = response["Content-Security-Policy"]
    assert "form-action 'self' https://login.agency.example" in policy


def test_without_single_sign_on_the_page_is_the_password_form_alone(client):
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with" not in page and 'name="password"' in page
    assert "https://" not in client.get("/accounts/login/")["Content-Security-Policy"]


def test_passwords_off_leave_only_the_break_glass_administrator(client, sso, officer):
    sso.DEFUSE_PASSWORD_SIGN_IN = False
    sso.DEFUSE_BREAK_GLASS = ["breakglass"]
    UserFactory(username="breakglass", role=Role.ADMINISTRATOR)
    page = client.get("/accounts/login/").content.decode()
    assert "Break-glass administrator sign-in" in page
    refused = client.post(
        "/accounts/login/", {"login": officer.username, "password": TEST_PASSWORD}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    client.post("/accounts/login/", {"login": "breakglass", "password": TEST_PASSWORD})
    assert client.session["_auth_user_id"] == str(User.objects.get(username="breakglass").pk)


def test_groups_map_to_roles_and_a_claim_to_the_unit(sso):
    assert roles_from({"groups": ["G-Chiefs", "Unrelated"]}) == {Role.CHIEF}
    assert roles_from({"groups": "G-Officers"}) == {Role.OFFICER}
    assert roles_from({}) == set()
    person = UserFactory(role=Role.OFFICER)
    person.groups.add(Group.objects.get(name=Role.EDITOR.group_name))
    apply_claims(person, {"groups": ["G-Chiefs"], "department": "East district"})
    person = User.objects.get(pk=person.pk)
    # The officer role the provider no longer gives is taken; a role it does not map is kept.
    assert person.group_names == {Role.CHIEF.group_name, Role.EDITOR.group_name}
    assert person.unit.name == "East district"


def test_signing_up_without_the_provider_is_closed(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200 and 'name="password1"' not in response.content.decode()
