"""Single sign-on in Chromium through a real OpenID Connect provider on loopback (discovery,
signed tokens, redirects): the person lands with the role and unit their groups map to; removed
from Defuse's groups they are refused and disabled at the next sign-in, and removed at the
provider they are disabled by the next sync. A second factor the provider asserts (`amr`) is
not asked for again."""

import re

import pytest
from playwright.sync_api import expect

from defuse.accounts.models import AuditRecord, User
from defuse.accounts.roles import Role
from defuse.accounts.sso import sync_accounts

from .factories import UserFactory
from .oidc_server import CLIENT_ID, CLIENT_SECRET, PYTHON, OidcProvider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUPS = {"Defuse-Officers": "officer", "Defuse-Supervisors": "supervisor"}


@pytest.fixture
def provider(tmp_path, live_server, settings, home_page):
    if not PYTHON.exists():
        pytest.fail(f"The test OpenID Connect provider is not installed at {PYTHON}; "
                    "scripts/test.sh installs it.")  # fmt: skip
    server = OidcProvider(tmp_path)
    server.set_up(f"{live_server.url}/accounts/oidc/agency/login/callback/")
    server.start()
    settings.DEFUSE_OIDC_ISSUER = server.issuer
    settings.DEFUSE_OIDC_CLIENT_ID = CLIENT_ID
    settings.DEFUSE_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.DEFUSE_OIDC_NAME = "Test agency"
    settings.DEFUSE_OIDC_ROLE_GROUPS = GROUPS
    settings.DEFUSE_OIDC_UNIT_CLAIM = "department"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [{
                "provider_id": "agency", "name": "Test agency", "client_id": CLIENT_ID,
                "secret": CLIENT_SECRET,
                "settings": {
                    "server_url": server.issuer,
                    "scope": ["openid", "profile", "email", "groups", "offline_access"],
                },
            }],
        }
    }  # fmt: skip
    yield server
    server.stop()


def sign_in_at_the_provider(page, base, name, password, next_path="/field/reports/"):
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_role("button", name="Sign in with Test agency").click()
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in at the provider").click()


def test_a_person_signs_in_with_the_role_and_unit_their_groups_give(provider, live_server, page):
    provider.add("morgan", "provider-pw-1", ["Defuse-Supervisors", "Other-App"], "North")
    sign_in_at_the_provider(page, live_server.url, "morgan", "provider-pw-1")
    expect(page).to_have_url(f"{live_server.url}/field/reports/")
    morgan = User.objects.get(username="morgan")
    assert morgan.is_active and morgan.email == "morgan@agency.example"
    assert morgan.group_names == {Role.SUPERVISOR.group_name}
    assert morgan.unit.name == "North"
    assert AuditRecord.objects.filter(action="sign-in", actor="morgan").exists()


def test_a_local_account_with_the_verified_address_is_joined_not_doubled(
    provider, live_server, page
):
    local = UserFactory(username="j.quinn", email="quinn@agency.example", role=Role.OFFICER)
    provider.add("quinn", "provider-pw-7", ["Defuse-Officers"])
    sign_in_at_the_provider(page, live_server.url, "quinn", "provider-pw-7")
    expect(page).to_have_url(f"{live_server.url}/field/reports/")
    assert User.objects.filter(email__iexact="quinn@agency.example").count() == 1
    assert local.socialaccount_set.get().provider == "agency"


def test_removed_from_defuse_groups_the_next_sign_in_is_refused_and_disables(
    provider, live_server, page
):
    provider.add("riley", "provider-pw-2", ["Defuse-Officers"], "South")
    sign_in_at_the_provider(page, live_server.url, "riley", "provider-pw-2")
    expect(page).to_have_url(f"{live_server.url}/field/reports/")
    page.context.clear_cookies()
    provider.add("riley", "provider-pw-2", ["Other-App"], "South")  # left Defuse's groups
    sign_in_at_the_provider(page, live_server.url, "riley", "provider-pw-2")
    expect(page.get_by_role("heading", name=re.compile("not given you access"))).to_be_visible()
    riley = User.objects.get(username="riley")
    assert not riley.is_active
    assert AuditRecord.objects.get(action="account disabled").detail["reason"] == (
        "no Defuse group at the identity provider"
    )


def test_removed_at_the_provider_the_next_sync_disables_the_account(provider, live_server, page):
    provider.add("casey", "provider-pw-3", ["Defuse-Officers"])
    provider.add("drew", "provider-pw-4", ["Defuse-Officers"])
    for name, password in (("casey", "provider-pw-3"), ("drew", "provider-pw-4")):
        sign_in_at_the_provider(page, live_server.url, name, password)
        expect(page).to_have_url(f"{live_server.url}/field/reports/")
        page.context.clear_cookies()
    assert sync_accounts() == []  # both still there: their sign-ins refresh
    provider.remove("casey")
    assert sync_accounts() == ["casey"]
    assert not User.objects.get(username="casey").is_active
    assert User.objects.get(username="drew").is_active
    page.goto(f"{live_server.url}/accounts/login/")  # and casey cannot come back
    sign_in_at_the_provider(page, live_server.url, "casey", "provider-pw-3")
    expect(page.get_by_text(re.compile("Please enter a correct username"))).to_be_visible()


def test_a_second_factor_at_the_provider_is_not_asked_for_again(
    provider, live_server, page, settings
):
    settings.DEFUSE_MFA_REQUIRED_ROLES = ["supervisor"]
    provider.add("avery", "provider-pw-5", ["Defuse-Supervisors"], amr=("pwd", "mfa"))
    sign_in_at_the_provider(page, live_server.url, "avery", "provider-pw-5")
    expect(page).to_have_url(f"{live_server.url}/field/reports/")
    page.context.clear_cookies()
    provider.add("blake", "provider-pw-6", ["Defuse-Supervisors"], amr=("pwd",))
    sign_in_at_the_provider(page, live_server.url, "blake", "provider-pw-6")
    expect(page).to_have_url(re.compile("/accounts/2fa/"))  # a password alone: add a factor
