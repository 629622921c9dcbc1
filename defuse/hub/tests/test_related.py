import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defuse.core.vocabulary import Technique
from defuse.hub.tests.factories import ArticlePageFactory, SubtopicFactory

pytestmark = pytest.mark.django_db


def related_titles(client, item):
    return [entry["title"] for entry in client.get(item.url).context["related_items"]]


@pytest.fixture
def tagged(topic_page):
    crisis, policy = SubtopicFactory(slug="crisis"), SubtopicFactory(slug="policy")
    distance = Technique.objects.get(code="distance")
    time = Technique.objects.get(code="time")

    def article(title, subtopics=(), techniques=()):
        page = ArticlePageFactory(parent=topic_page, title=title)
        page.subtopics.set(subtopics)
        page.techniques.set(techniques)
        page.save()
        return page

    return {
        "subject": article("Subject", [crisis, policy], [distance, time]),
        "three": article("Shares three", [crisis, policy], [distance]),
        "two": article("Shares two", [crisis], [time]),
        "one": article("Shares one", [policy]),
        "one_more": article("Also shares one", [], [distance]),
        "none": article("Shares nothing"),
    }


def test_related_items_rank_by_shared_subtopics_and_techniques(client, tagged):
    titles = related_titles(client, tagged["subject"])
    assert titles[:2] == ["Shares three", "Shares two"]
    assert set(titles[2:]) == {"Shares one", "Also shares one"}
    assert "Subject" not in titles


def test_text_similarity_fills_the_gaps(client, topic_page):
    subject = ArticlePageFactory(parent=topic_page, title="Crossbar drills for patrol")
    ArticlePageFactory(parent=topic_page, title="More crossbar drills")
    ArticlePageFactory(parent=topic_page, title="Unrelated piece")
    titles = related_titles(client, subject)
    assert titles[0] == "More crossbar drills"
    assert "Crossbar drills for patrol" not in titles


def test_unpublished_items_are_never_related(client, tagged):
    tagged["three"].unpublish()
    assert "Shares three" not in related_titles(client, tagged["subject"])


def test_related_costs_the_same_queries_whatever_the_hub_size(client, tagged, topic_page):
    subject = tagged["subject"]

    def queries_for_fresh_page():
        from django.core.cache import caches

        from defuse.platform import content_cache

        caches["versioned"].clear()
        content_cache._memo.clear()  # the content version read again too, each time
        with CaptureQueriesContext(connection) as captured:
            client.get(subject.url)
        return len(captured)

    before = queries_for_fresh_page()
    crisis = subject.subtopics.first()
    for number in range(15):
        page = ArticlePageFactory(parent=topic_page, title=f"Extra {number}")
        page.subtopics.set([crisis])
        page.save()
    assert queries_for_fresh_page() == before
