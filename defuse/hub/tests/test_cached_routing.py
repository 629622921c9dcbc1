"""Serving a page reads the site, its route and its view restrictions from the cache, and none
of them outlives a change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

pytestmark = pytest.mark.django_db


def test_a_signed_out_topic_page_costs_few_queries(client, topic_page, make_articles):
    make_articles(3)
    client.get("/de-escalation/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/de-escalation/").status_code == 200
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "wagtailcore_pageviewrestriction" not in tables
    assert len(queries) <= 3, [q["sql"][:80] for q in queries.captured_queries]


def test_a_restriction_added_applies_at_once(client, topic_page, make_articles):
    (item,) = make_articles(1)
    assert client.get(item.url).status_code == 200
    PageViewRestriction.objects.create(page=topic_page, restriction_type="login")
    response = client.get(item.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_moved_or_unpublished_page_is_not_served_from_the_route_cache(
    client, topic_page, make_articles
):
    first, second = make_articles(2)
    url = first.url
    assert client.get(url).status_code == 200
    first.unpublish()
    assert client.get(url).status_code == 404
    old = second.url
    assert client.get(old).status_code == 200
    second.slug = "renamed"
    second.save_revision().publish()
    assert client.get(old).status_code == 404
    assert client.get("/de-escalation/renamed/").status_code == 200


def test_a_changed_site_is_seen_at_once(client, topic_page):
    assert client.get("/de-escalation/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = topic_page
    site.save()
    assert client.get("/").context["page"].pk == topic_page.pk
