import json
import re
from pathlib import Path

import pytest

from defuse.hub.tests.factories import (
    ArticlePageFactory,
    CaseStudyPageFactory,
    VideoPageFactory,
    WebinarPageFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(html):
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(payload)


@pytest.mark.parametrize(
    "factory, schema_type",
    [
        (ArticlePageFactory, "Article"),
        (CaseStudyPageFactory, "Article"),
        (VideoPageFactory, "VideoObject"),
        (WebinarPageFactory, "Event"),
    ],
)
def test_item_pages_describe_themselves(client, topic_page, factory, schema_type):
    item = factory(parent=topic_page)
    html = client.get(item.url).content.decode()
    full_url = f"http://localhost{item.url}"
    assert f'<link rel="canonical" href="{full_url}">' in html
    assert f'<meta property="og:title" content="{item.title}">' in html
    assert f'<meta property="og:description" content="{item.teaser}">' in html
    assert '<meta property="og:type" content="article">' in html
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type
    assert data["url"] == full_url
    if schema_type == "Event":
        assert data["startDate"].startswith(str(item.starts_at.astimezone().year))
        assert data["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    if schema_type == "VideoObject":
        assert data["contentUrl"].endswith(".mp4")


def test_json_ld_cannot_close_its_script(client, topic_page):
    item = ArticlePageFactory(parent=topic_page, title="</script><script>alert(1)</script>")
    html = client.get(item.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_topic_pages_have_canonical_urls_with_page_numbers(client, topic_page, make_articles):
    make_articles(25)
    assert '<link rel="canonical" href="http://localhost/de-escalation/">' in (
        client.get("/de-escalation/").content.decode()
    )
    assert '<link rel="canonical" href="http://localhost/de-escalation/?p=2">' in (
        client.get("/de-escalation/?p=2").content.decode()
    )
    filtered = client.get("/de-escalation/?audience=patrol").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in filtered


def test_print_stylesheet_hides_navigation_and_extras():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/site.css")).read_text()
    print_blocks = " ".join(css.split("@media print")[1:])
    for selector in (".site-header", ".related", ".filters", ".beacon", ".pagination"):
        assert selector in print_blocks
