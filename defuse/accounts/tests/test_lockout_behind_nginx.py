"""Behind the real nginx (deploy/nginx/'s rules), login lockouts key on the client's own address:
a stranger's wrong passwords lock the stranger out, never the real user."""

import re
from urllib.parse import urlsplit

import pytest
import requests
from requests.adapters import HTTPAdapter

from scripts.local_nginx import running_nginx

pytestmark = pytest.mark.django_db(transaction=True)


class FromAddress(HTTPAdapter):
    """Connect from a given loopback address, as a separate client machine would."""

    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def client(source: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(source))
    session.headers["Host"] = "localhost"
    return session


def log_in(session, proxy, username, password) -> requests.Response:
    page = session.get(f"{proxy.url}/accounts/login/", timeout=10)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, page.text[:300]
    token = found.group(1)
    return session.post(
        f"{proxy.url}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": username, "password": password},
        headers={"Referer": f"{proxy.url}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )


@pytest.fixture
def proxy(live_server, tmp_path, settings):
    settings.AXES_ENABLED = True
    settings.DEFUSE_TRUSTED_PROXIES = ["127.0.0.1/32"]  # nginx; the clients are 127.0.0.5 and .6
    with running_nginx(tmp_path / "nginx", urlsplit(live_server.url).netloc, tmp_path) as nginx:
        yield nginx


def test_a_strangers_wrong_passwords_never_lock_the_real_user_out(proxy, officer, settings):
    officer.set_password("the-right-one-42")
    officer.save()
    stranger, real_user = client("127.0.0.6"), client("127.0.0.5")
    # The stranger even claims to be the real user's address.
    stranger.headers["X-Forwarded-For"] = "127.0.0.5"
    answers = [
        log_in(stranger, proxy, officer.username, "guess").status_code
        for _ in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert answers[-1] == 429  # the stranger is locked out
    signed_in = log_in(real_user, proxy, officer.username, "the-right-one-42")
    assert signed_in.status_code == 302, signed_in.text[:500]
    # And the stranger stays locked out, even with the right password now.
    assert log_in(stranger, proxy, officer.username, "the-right-one-42").status_code == 429
