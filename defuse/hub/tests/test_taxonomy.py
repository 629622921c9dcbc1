"""Where audiences, subtopics and authors live on the site.

An author has a page of their own; an audience or a subtopic is a filter of a topic's listing
(`?audience=patrol`, `?subtopic=crisis-intervention`), and a subtopic with a subtopic page is
that page.
"""

import pytest

from defuse.hub.models import Audience, TopicPage
from defuse.hub.tests.factories import ArticlePageFactory, AuthorFactory, SubtopicFactory

pytestmark = pytest.mark.django_db


def listed(response) -> set[str]:
    return {item.title for item in response.context["items_page"].object_list}


@pytest.fixture
def crisis(topic_page):
    return SubtopicFactory(name="Crisis intervention", slug="crisis-intervention")


def add_subtopic_page(topic_page, subtopic, *, publish: bool = True) -> TopicPage:
    page = topic_page.add_child(
        instance=TopicPage(title=subtopic.name, slug=subtopic.slug, subtopic=subtopic, live=False)
    )
    if publish:
        page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    "slug, expected",
    [
        ("patrol", "/de-escalation/?audience=patrol"),
        ("supervisors", "/de-escalation/?audience=supervisors"),
        ("chiefs", "/de-escalation/?audience=chiefs"),
    ],
)
def test_an_audience_is_the_topic_listing_filtered_by_it(topic_page, slug, expected):
    assert Audience.objects.get(slug=slug).get_absolute_url() == expected


def test_a_subtopic_without_a_page_is_the_topic_listing_filtered_by_it(topic_page, crisis):
    assert crisis.get_absolute_url() == "/de-escalation/?subtopic=crisis-intervention"


def test_a_subtopic_with_a_page_is_that_page(topic_page, crisis):
    add_subtopic_page(topic_page, crisis)
    assert crisis.get_absolute_url() == "/de-escalation/crisis-intervention/"


def test_a_draft_subtopic_page_is_not_where_a_subtopic_lives(topic_page, crisis):
    add_subtopic_page(topic_page, crisis, publish=False)
    assert crisis.get_absolute_url() == "/de-escalation/?subtopic=crisis-intervention"


def test_the_listing_is_the_first_top_level_topic(home_page, topic_page, crisis):
    later = TopicPage(title="Use of force", slug="use-of-force")
    home_page.add_child(instance=later)
    add_subtopic_page(topic_page, SubtopicFactory(slug="policy-and-law"))
    assert Audience.objects.get(slug="patrol").get_absolute_url().startswith("/de-escalation/?")
    assert crisis.get_absolute_url().startswith("/de-escalation/?")


def test_the_urls_list_what_they_name(client, topic_page, crisis):
    tagged = ArticlePageFactory(parent=topic_page, title="Tagged", audiences=["chiefs"])
    tagged.subtopics.set([crisis])
    tagged.save_revision().publish()
    ArticlePageFactory(parent=topic_page, title="Untagged", audiences=["patrol"])
    chiefs = Audience.objects.get(slug="chiefs")
    assert listed(client.get(chiefs.get_absolute_url())) == {"Tagged"}
    assert listed(client.get(crisis.get_absolute_url())) == {"Tagged"}
    add_subtopic_page(topic_page, crisis)
    assert listed(client.get(crisis.get_absolute_url())) == {"Tagged"}


def test_an_author_is_their_own_page(db):
    assert AuthorFactory(slug="maria-okafor").get_absolute_url() == "/authors/maria-okafor/"
