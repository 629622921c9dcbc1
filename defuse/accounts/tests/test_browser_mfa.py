"""A supervisor's second factor in Chromium: made to enrol one at the first sign-in, then signing
in with a real TOTP code, and with a passkey held by Chromium's virtual authenticator."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from defuse.accounts.tests.factories import TEST_PASSWORD

from .totp import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PRIVATE = "/field/reports/"


@pytest.fixture
def site(live_server, settings, home_page):
    settings.DEFUSE_MFA_REQUIRED_ROLES = ["supervisor"]
    # Security keys need a host name (an IP address cannot be a WebAuthn relying party).
    return live_server.url.replace("127.0.0.1", "localhost")


def sign_in_with_password(page, site, user):
    page.goto(f"{site}/accounts/login/?next={PRIVATE}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def assert_accessible(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def sign_out(page):
    page.get_by_role("button", name=re.compile("Sign out")).click()


def test_a_supervisor_enrols_an_app_then_signs_in_with_its_code(site, supervisor, page):
    sign_in_with_password(page, site, supervisor)
    expect(page.get_by_text("Your role needs a second way to prove it is you")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Activate").click()
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp(secret))
    page.get_by_role("button", name="Activate").click()
    page.goto(f"{site}{PRIVATE}")
    expect(page).to_have_url(f"{site}{PRIVATE}")  # enrolled: no longer sent away
    sign_out(page)

    sign_in_with_password(page, site, supervisor)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    assert_accessible(page)
    page.get_by_placeholder("Code").fill(totp(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{site}{PRIVATE}")


def test_a_supervisor_signs_in_with_a_passkey(site, supervisor, page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    sign_in_with_password(page, site, supervisor)
    page.goto(f"{site}/accounts/2fa/webauthn/add/")
    page.get_by_role("button", name="Add").click()
    expect(page).not_to_have_url(re.compile("/webauthn/add/"))
    page.goto(f"{site}{PRIVATE}")
    expect(page).to_have_url(f"{site}{PRIVATE}")
    sign_out(page)

    sign_in_with_password(page, site, supervisor)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    page.get_by_role("button", name="Use a security key").click()
    expect(page).to_have_url(f"{site}{PRIVATE}")
