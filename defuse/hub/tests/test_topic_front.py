"""The topic page's front: a lead story, pictures that load well, the newsletter box."""

import re

import pytest
import wagtail_factories

from defuse.hub.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    return [item.title for item in response.context["items_page"].object_list]


@pytest.fixture
def picture(db):
    return wagtail_factories.ImageFactory(title="Road at dusk", width=1600, height=900)


def test_the_editors_lead_story_comes_first_and_is_not_listed_twice(
    client, topic_page, make_articles
):
    items = make_articles(4)
    topic_page.lead_story = items[2]
    topic_page.save_revision().publish()
    response = client.get("/de-escalation/")
    html = response.content.decode()
    lead = html.index('class="lead-story"')
    assert html.index(items[2].title, lead) < html.index('id="items-heading"')
    assert items[2].title not in listed(response)
    assert response.context["items_page"].paginator.count == 3


def test_without_a_choice_the_newest_item_with_a_picture_leads(
    client, topic_page, make_articles, picture
):
    newest, older, oldest = sorted(make_articles(3), key=lambda p: p.publication_date)[::-1]
    older.listing_image = picture
    older.save_revision().publish()
    response = client.get("/de-escalation/")
    assert 'class="lead-story"' in response.content.decode()
    assert listed(response) == [newest.title, oldest.title]


def test_no_lead_story_on_later_pages_or_filtered_lists(client, topic_page, make_articles):
    items = make_articles(23)
    topic_page.lead_story = items[0]
    topic_page.save_revision().publish()
    assert 'class="lead-story"' not in client.get("/de-escalation/?p=2").content.decode()
    filtered = client.get("/de-escalation/?audience=patrol")
    assert 'class="lead-story"' not in filtered.content.decode()
    assert filtered.context["items_page"].paginator.count == 23


def test_listing_pictures_are_responsive_modern_lazy_and_sized(
    client, topic_page, make_articles, picture
):
    lead, listed_item = make_articles(2)
    topic_page.lead_story = lead
    topic_page.save_revision().publish()
    for item in (lead, listed_item):
        item.listing_image = picture
        item.save_revision().publish()
    html = client.get("/de-escalation/").content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(pictures) == 2
    for markup in pictures:
        assert 'type="image/avif"' in markup and 'type="image/webp"' in markup
        assert "srcset=" in markup and "sizes=" in markup
        img = re.search(r"<img [^>]*>", markup).group()
        assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
        assert 'alt=""' in img
    lead_img, list_img = (re.search(r"<img [^>]*>", m).group() for m in pictures)
    assert 'loading="lazy"' not in lead_img and 'fetchpriority="high"' in lead_img
    assert 'loading="lazy"' in list_img


def test_the_newsletter_box_hands_the_address_to_the_sign_up_page(client, topic_page):
    ArticlePageFactory(parent=topic_page)
    html = client.get("/de-escalation/").content.decode()
    box = html[html.index('class="newsletter-box"') :]
    assert 'method="get" action="/newsletter/"' in box
    assert "csrfmiddlewaretoken" not in box  # the page is cached for every reader
    page = client.get("/newsletter/", {"email": "sam@example.org"}).content.decode()
    assert 'value="sam@example.org"' in page


def test_the_popular_box_sits_between_the_first_teasers_and_the_rest(
    client, topic_page, make_articles
):
    items = sorted(make_articles(6), key=lambda p: p.publication_date, reverse=True)
    topic_page.editors_picks.create(item=items[5])
    topic_page.save_revision().publish()
    html = client.get("/de-escalation/").content.decode()
    aside = html.index('class="topic-layout__aside"')
    assert html.index(items[2].teaser) < aside < html.index(items[3].teaser)


def test_the_lead_story_is_left_out_of_every_page_so_nothing_repeats(
    client, topic_page, make_articles
):
    items = sorted(make_articles(25), key=lambda p: p.publication_date, reverse=True)
    topic_page.lead_story = items[0]
    topic_page.save_revision().publish()
    first, second = client.get("/de-escalation/"), client.get("/de-escalation/?p=2")
    seen = listed(first) + listed(second)
    assert len(seen) == len(set(seen)) == 24 and items[0].title not in seen
    assert second.context["items_page"].paginator.count == 24
