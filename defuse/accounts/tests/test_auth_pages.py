import re

import pytest

from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.platform.tests.mail import delivered

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/password-reset/", "/accounts/password-reset/sent/"]
)
def test_account_pages_render_in_site_look(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "Skip to main content" in html


def test_login_and_logout(client, home_page, officer):
    response = client.post(
        "/accounts/login/", {"login": officer.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == officer
    assert client.post("/accounts/logout/").status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_keeps_username_and_explains(client, home_page, officer):
    response = client.post("/accounts/login/", {"login": officer.username, "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{officer.username}"' in html
    assert "username and/or password you specified are not correct" in html


def test_login_redirects_to_next_only_on_this_site(client, home_page, officer):
    credentials = {"login": officer.username, "password": TEST_PASSWORD}
    response = client.post("/accounts/login/?next=https://evil.example/", credentials)
    assert response["Location"] == "/"
    client.logout()
    response = client.post("/accounts/login/", {**credentials, "next": "/de-escalation/"})
    assert response["Location"] == "/de-escalation/"


def test_password_reset_round_trip(client, home_page, officer):
    response = client.post("/accounts/password-reset/", {"email": officer.email})
    assert response.status_code == 302
    assert len(delivered()) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", delivered()[0].body)
    assert link, delivered()[0].body
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a brand new passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert client.login(username=officer.username, password=new_password)


def test_password_reset_for_unknown_address_reveals_nothing(client, home_page):
    response = client.post("/accounts/password-reset/", {"email": "nobody@defuse.invalid"})
    assert response.status_code == 302
    assert delivered() == []
