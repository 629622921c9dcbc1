"""The shared cache in front of Defuse: a real nginx with deploy/nginx/'s rules before the live
server. Publishing, unpublishing, moving and deleting purge the page and the listings showing
it; signed-in people and personal pages never come from the shared cache."""

from urllib.parse import urlsplit

import pytest
import requests
from wagtail.models import Page

from defuse.hub.models import ArticlePage
from scripts.local_nginx import running_nginx

from .factories import ArticlePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

HOST = "localhost"  # the test site's hostname: the cache key and Wagtail's purges use it


@pytest.fixture
def proxy(live_server, tmp_path, settings):
    upstream = urlsplit(live_server.url).netloc
    with running_nginx(tmp_path / "nginx", upstream, tmp_path / "var") as nginx:
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": nginx.purge_url,
            }
        }
        yield nginx


def fetch(proxy, path, cookies=None):
    return requests.get(
        proxy.url + path,
        headers={"Host": HOST},
        cookies=cookies or {},
        allow_redirects=False,
        timeout=10,
    )


def cached_twice(proxy, path) -> requests.Response:
    """Read until the shared cache answers; the answer it gave."""
    fetch(proxy, path)
    response = fetch(proxy, path)
    assert response.headers["X-Cache-Status"] == "HIT", path
    return response


@pytest.fixture
def article(topic_page):
    return ArticlePageFactory(parent=topic_page, title="Slowing the scene down", slug="slowing")


def test_anonymous_pages_are_kept_and_publishing_purges_the_page_and_its_listings(
    proxy, topic_page, article
):
    first = fetch(proxy, "/de-escalation/slowing/")
    assert first.status_code == 200
    assert first.headers["X-Cache-Status"] == "MISS"
    for path in ("/de-escalation/slowing/", "/de-escalation/", "/", "/de-escalation/feed/rss/"):
        assert "Slowing the scene down" in cached_twice(proxy, path).text

    revision = ArticlePage.objects.get(pk=article.pk)
    revision.title = "Time and distance first"
    revision.save_revision().publish()

    for path in ("/de-escalation/slowing/", "/de-escalation/", "/", "/de-escalation/feed/rss/"):
        response = fetch(proxy, path)
        assert response.headers["X-Cache-Status"] == "MISS", path
        assert "Time and distance first" in response.text, path
        assert "Slowing the scene down" not in response.text, path


def test_unpublishing_purges(proxy, topic_page, article):
    cached_twice(proxy, "/de-escalation/slowing/")
    cached_twice(proxy, "/de-escalation/")

    article.unpublish()

    assert fetch(proxy, "/de-escalation/slowing/").status_code == 404
    assert "Slowing the scene down" not in fetch(proxy, "/de-escalation/").text


def test_moving_purges_the_old_address_and_both_listings(proxy, home_page, topic_page, article):
    other = TopicPageFactory(parent=home_page, title="Crisis intervention", slug="crisis")
    cached_twice(proxy, "/de-escalation/slowing/")
    cached_twice(proxy, "/de-escalation/")
    cached_twice(proxy, "/crisis/")

    Page.objects.get(pk=article.pk).move(other, pos="last-child")

    old_address = fetch(proxy, "/de-escalation/slowing/")
    assert old_address.status_code == 301  # Wagtail's automatic redirect, not the cached page
    assert old_address.headers["Location"].endswith("/crisis/slowing/")
    assert "Slowing the scene down" not in fetch(proxy, "/de-escalation/").text
    assert "Slowing the scene down" in fetch(proxy, "/crisis/").text
    assert fetch(proxy, "/crisis/slowing/").status_code == 200


def test_deleting_purges(proxy, topic_page, article):
    cached_twice(proxy, "/de-escalation/slowing/")
    cached_twice(proxy, "/de-escalation/")

    Page.objects.get(pk=article.pk).delete()

    assert fetch(proxy, "/de-escalation/slowing/").status_code == 404
    assert "Slowing the scene down" not in fetch(proxy, "/de-escalation/").text


def test_a_signed_in_reader_never_gets_or_leaves_a_shared_copy(
    proxy, client, topic_page, article, officer
):
    anonymous = cached_twice(proxy, "/de-escalation/")
    client.force_login(officer)
    session = {"sessionid": client.cookies["sessionid"].value}

    for _ in range(2):
        signed_in = fetch(proxy, "/de-escalation/", cookies=session)
        assert signed_in.headers["X-Cache-Status"] == "BYPASS"
        assert officer.get_full_name() in signed_in.text
        assert "private" in signed_in.headers["Cache-Control"]
    for _ in range(2):
        personal = fetch(proxy, "/training/", cookies=session)
        assert personal.status_code == 200
        assert personal.headers["X-Cache-Status"] == "BYPASS"

    after = fetch(proxy, "/de-escalation/")
    assert after.headers["X-Cache-Status"] == "HIT"
    assert officer.get_full_name() not in after.text
    assert after.text == anonymous.text


def test_forms_and_query_strings_are_never_kept(proxy, topic_page, article):
    for path in ("/newsletter/", "/accounts/login/", "/de-escalation/?audience=patrol"):
        for _ in range(2):
            response = fetch(proxy, path)
            assert response.status_code == 200, path
            assert response.headers["X-Cache-Status"] in ("MISS", "BYPASS"), path


def test_purges_come_only_through_the_loopback_purge_address(proxy, topic_page, article):
    cached_twice(proxy, "/de-escalation/")
    requests.request("PURGE", proxy.url + "/de-escalation/", headers={"Host": HOST}, timeout=10)
    assert fetch(proxy, "/de-escalation/").headers["X-Cache-Status"] == "HIT"

    purge = requests.request(
        "PURGE", proxy.purge_url + "/de-escalation/", headers={"Host": HOST}, timeout=10
    )
    assert purge.status_code == 200
    assert fetch(proxy, "/de-escalation/").headers["X-Cache-Status"] == "MISS"
    # Purging what is not in the cache is not an error (Wagtail would log one).
    missing = requests.request(
        "PURGE", proxy.purge_url + "/never-read/", headers={"Host": HOST}, timeout=10
    )
    assert missing.status_code == 200
