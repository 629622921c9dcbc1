import pytest
from wagtail.models import Page

from defuse.hub.models import TopicPage
from defuse.hub.models.pages import TEASERS_PER_PAGE
from defuse.hub.tests.factories import (
    ArticlePageFactory,
    SubtopicFactory,
    VideoPageFactory,
    WebinarPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(topic_page):
    crisis = SubtopicFactory(name="Crisis intervention", slug="crisis-intervention")
    policy = SubtopicFactory(name="Policy and law", slug="policy-and-law")
    items = {
        "patrol_article": ArticlePageFactory(parent=topic_page, audiences=["patrol"]),
        "chiefs_article": ArticlePageFactory(parent=topic_page, audiences=["chiefs"]),
        "patrol_video": VideoPageFactory(parent=topic_page, audiences=["patrol", "supervisors"]),
        "chiefs_webinar": WebinarPageFactory(parent=topic_page, audiences=["chiefs"]),
    }
    items["patrol_article"].subtopics.set([crisis])
    items["patrol_video"].subtopics.set([crisis, policy])
    items["chiefs_webinar"].subtopics.set([policy])
    for item in items.values():
        item.save()
    return items


def listed(response):
    return {item.title for item in response.context["items_page"].object_list}


def counts(response, facet):
    (found,) = [f for f in response.context["facets"] if f.name == facet]
    return {option.value: option.count for option in found.options}


def test_filter_by_audience(client, catalogue):
    response = client.get("/de-escalation/?audience=patrol")
    assert listed(response) == {catalogue["patrol_article"].title, catalogue["patrol_video"].title}


def test_values_within_a_facet_are_alternatives(client, catalogue):
    response = client.get("/de-escalation/?type=video&type=webinar")
    assert listed(response) == {catalogue["patrol_video"].title, catalogue["chiefs_webinar"].title}


def test_facets_combine(client, catalogue):
    response = client.get(
        "/de-escalation/?audience=patrol&type=article&subtopic=crisis-intervention"
    )
    assert listed(response) == {catalogue["patrol_article"].title}


def test_counts_apply_the_other_facets(client, catalogue):
    response = client.get("/de-escalation/?audience=chiefs")
    assert counts(response, "type") == {
        "article": 1,
        "video": 0,
        "webinar": 1,
        "case-study": 0,
        "policy-brief": 0,
        "tool-profile": 0,
    }
    # the audience facet ignores its own choice, so other audiences still show their totals
    assert counts(response, "audience") == {"patrol": 2, "supervisors": 1, "chiefs": 2}
    assert counts(response, "subtopic") == {"crisis-intervention": 0, "policy-and-law": 1}


def test_filter_form_works_without_javascript(client, catalogue):
    html = client.get("/de-escalation/?audience=patrol").content.decode()
    assert '<form method="get" action="/de-escalation/"' in html
    assert 'name="audience" value="patrol" id="filter-audience-patrol" checked' in html
    assert 'Patrol <span class="filters__count">(2' in html
    assert "Apply filters" in html


def test_pagination_keeps_the_filters(client, topic_page, make_articles):
    make_articles(TEASERS_PER_PAGE + 2, audiences=["supervisors"])
    make_articles(3, audiences=["chiefs"])
    first = client.get("/de-escalation/?audience=supervisors")
    assert first.context["items_page"].paginator.count == TEASERS_PER_PAGE + 2
    assert 'href="?audience=supervisors&amp;p=2"' in first.content.decode()
    second = client.get("/de-escalation/?audience=supervisors&p=2")
    assert len(second.context["items_page"].object_list) == 2


@pytest.mark.parametrize(
    "query",
    [
        "audience=nobody",
        "type=%3Cscript%3E",
        "subtopic=%27%20OR%201%3D1--",
        "audience=" + "x" * 5000,
        "audience=patrol&audience=patrol",
        "type=",
        "audience[]=patrol",
        "p=2&p=1",
    ],
)
def test_bad_filter_values_answer_200_and_are_ignored(client, catalogue, query):
    response = client.get(f"/de-escalation/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_unknown_values_are_reported(client, catalogue):
    response = client.get("/de-escalation/?audience=nobody")
    assert "were not recognised" in response.content.decode()
    assert len(listed(response)) == 4


def test_no_match_offers_to_clear(client, catalogue):
    html = client.get("/de-escalation/?audience=supervisors&type=webinar").content.decode()
    assert "No items match these filters." in html


def test_subtopic_page_lists_its_parents_items_with_that_subtopic(client, topic_page, catalogue):
    crisis = catalogue["patrol_article"].subtopics.get()
    subtopic_page = topic_page.add_child(
        instance=TopicPage(title="Crisis intervention", slug="crisis-intervention", subtopic=crisis)
    )
    subtopic_page.save_revision().publish()
    response = client.get("/de-escalation/crisis-intervention/")
    assert listed(response) == {catalogue["patrol_article"].title, catalogue["patrol_video"].title}
    assert (
        'href="/de-escalation/crisis-intervention/"'
        in client.get("/de-escalation/").content.decode()
    )
    # filters work on subtopic pages too
    filtered = client.get("/de-escalation/crisis-intervention/?type=video")
    assert listed(filtered) == {catalogue["patrol_video"].title}


def test_counts_refresh_after_publishing(client, topic_page, catalogue):
    assert counts(client.get("/de-escalation/"), "type")["article"] == 2
    page = ArticlePageFactory.build(title="Fresh", slug="fresh", teaser="t")
    topic_page.add_child(instance=page)
    page.audiences.set([])
    page.save_revision().publish()
    assert counts(client.get("/de-escalation/"), "type")["article"] == 3
    Page.objects.get(slug="fresh").specific.unpublish()
    assert counts(client.get("/de-escalation/"), "type")["article"] == 2
