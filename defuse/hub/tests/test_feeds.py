import feedparser
import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(make_articles):
    patrol = make_articles(3, audiences=["patrol"])
    chiefs = make_articles(2, audiences=["chiefs"])
    return patrol, chiefs


@pytest.mark.parametrize("kind, version", [("rss", "rss20"), ("atom", "atom10")])
@pytest.mark.parametrize("url", ["/feed/{kind}/", "/de-escalation/feed/{kind}/"])
def test_feeds_parse_without_error(client, articles, kind, version, url):
    response = client.get(url.format(kind=kind))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == version
    assert len(parsed.entries) == 5
    newest = max(articles[0] + articles[1], key=lambda item: item.publication_date)
    entry = parsed.entries[0]
    assert entry.title == newest.title
    assert entry.summary == newest.teaser
    assert entry.link == f"http://localhost/de-escalation/{newest.slug}/"
    assert entry.published_parsed[:3] == newest.publication_date.timetuple()[:3]


def test_feed_filtered_by_audience(client, articles):
    patrol, _ = articles
    parsed = feedparser.parse(client.get("/de-escalation/feed/rss/?audience=patrol").content)
    assert {entry.title for entry in parsed.entries} == {item.title for item in patrol}
    assert "patrol" in parsed.feed.title.lower()


@pytest.mark.parametrize(
    "url",
    [
        "/de-escalation/feed/rss/?audience=nobody",
        "/de-escalation/feed/rss/?audience=%27%20OR%201=1",
        "/de-escalation/feed/json/",
        "/feed/xml/",
    ],
)
def test_bad_feed_requests_are_404(client, articles, url):
    assert client.get(url).status_code == 404


def test_pages_announce_their_feeds(client, articles):
    html = client.get("/de-escalation/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/de-escalation/feed/atom/"' in html
    assert 'href="/feed/rss/"' in html


def test_feed_query_count_is_constant(client, make_articles, django_assert_max_num_queries):
    make_articles(30)
    client.get("/feed/rss/")
    with django_assert_max_num_queries(12):
        client.get("/feed/rss/")


def test_sitemap_lists_live_items(client, make_articles):
    live, hidden = make_articles(2)
    hidden.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/de-escalation/{live.slug}/" in body
    assert f"/de-escalation/{hidden.slug}/" not in body


def test_robots_txt_points_to_sitemap_and_keeps_out_of_admin(client, home_page):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_the_feeds_page_gives_people_every_feed_address(client, topic_page):
    from defuse.hub.tests.factories import ArticlePageFactory

    ArticlePageFactory(parent=topic_page)
    response = client.get("/feeds/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "http://testserver/feed/rss/" in html
    assert "http://testserver/de-escalation/feed/atom/" in html
    assert "http://testserver/de-escalation/feed/rss/?audience=chiefs" in html
    home = client.get("/").content.decode()
    assert 'href="/feeds/"' in home  # the footer's link goes to this page, not raw XML
    for address in ("/feed/rss/", "/de-escalation/feed/rss/?audience=chiefs"):
        assert client.get(address).status_code == 200


def test_a_feed_is_built_once_per_content_version(
    client, make_articles, django_assert_max_num_queries
):
    make_articles(3)
    first = client.get("/de-escalation/feed/rss/?utm_source=newsletter")
    with django_assert_max_num_queries(2):  # the topic page it belongs to, none of its items
        again = client.get("/de-escalation/feed/rss/")
    assert again.content == first.content
    assert again["Last-Modified"] == first["Last-Modified"]
    assert b"utm_source" not in first.content  # its own address, without what was tacked on
    (new,) = make_articles(1, title="Published a moment ago", publication_date=timezone.localdate())
    new.save_revision().publish()
    parsed = feedparser.parse(client.get("/de-escalation/feed/rss/").content)
    assert parsed.entries[0].title == "Published a moment ago"


def test_the_audience_feeds_are_cached_apart(client, articles):
    patrol, chiefs = articles
    everyone = feedparser.parse(client.get("/de-escalation/feed/rss/").content)
    for_chiefs = feedparser.parse(client.get("/de-escalation/feed/rss/?audience=chiefs").content)
    assert len(everyone.entries) == 5
    assert {entry.title for entry in for_chiefs.entries} == {item.title for item in chiefs}
