"""A second factor: required of the roles configured, asked for after the password, recovery
codes good once each, and trusted from an identity provider that did one itself."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from defuse.accounts.mfa import provider_did_mfa
from defuse.accounts.models import AuditRecord
from defuse.accounts.tests.factories import TEST_PASSWORD

from .totp import totp

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PRIVATE = "/field/reports/"


@pytest.fixture
def required(settings):
    settings.DEFUSE_MFA_REQUIRED_ROLES = ["supervisor", "chief"]
    return settings


def sign_in(client, user, password=TEST_PASSWORD, next_path=PRIVATE):
    return client.post(
        f"{reverse('accounts:login')}?next={next_path}",
        {"login": user.username, "password": password},
    )


def test_a_supervisor_without_a_second_factor_is_sent_to_add_one(
    client, home_page, supervisor, required
):
    client.force_login(supervisor)
    response = client.get(PRIVATE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_index"))
    assert client.get(reverse("mfa_index")).status_code == 200  # its own pages stay open


def test_an_officer_is_not_asked_unless_the_agency_says(client, home_page, officer, required):
    client.force_login(officer)
    assert client.get(PRIVATE).status_code == 200


def test_the_password_is_followed_by_the_second_factor(client, home_page, supervisor, required):
    TOTP.activate(supervisor, SECRET)
    response = sign_in(client, supervisor)
    assert response.url.startswith(reverse("mfa_authenticate"))
    assert "_auth_user_id" not in client.session  # not signed in yet
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    done = client.post(reverse("mfa_authenticate"), {"code": totp(SECRET)})
    assert done.url == PRIVATE
    assert client.get(PRIVATE).status_code == 200
    actions = list(AuditRecord.objects.values_list("action", flat=True))
    assert "second factor failed" in actions and "second factor used" in actions


def test_each_recovery_code_works_once(client, home_page, supervisor, required):
    TOTP.activate(supervisor, SECRET)
    codes = RecoveryCodes.activate(supervisor).get_unused_codes()
    assert len(codes) == 10
    sign_in(client, supervisor)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).url == PRIVATE
    client.post(reverse("accounts:logout"))
    sign_in(client, supervisor)
    again = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert again.status_code == 200 and "_auth_user_id" not in client.session
    assert client.post(reverse("mfa_authenticate"), {"code": codes[1]}).url == PRIVATE


def test_only_an_amr_naming_a_second_factor_counts_as_the_provider_s(settings):
    class Account:
        def __init__(self, extra_data):
            self.extra_data = extra_data

    class Login:
        def __init__(self, amr):
            self.account = Account({"id_token": {"amr": amr}} if amr is not None else {})

    assert provider_did_mfa(Login(["pwd", "mfa"]))
    assert provider_did_mfa(Login(["hwk"]))
    assert not provider_did_mfa(Login(["pwd"]))
    assert not provider_did_mfa(Login(None))
    assert not provider_did_mfa(None)


def test_the_admin_s_own_password_page_sends_everyone_to_defuse_s_sign_in(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/pages/"
    posted = client.post("/admin/login/", {"username": "anyone", "password": "x"})
    assert "_auth_user_id" not in client.session and posted.status_code in (302, 405)
