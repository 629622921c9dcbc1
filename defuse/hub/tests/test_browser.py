"""End-to-end: a reader browses the topic hub; an editor publishes an article."""

import re

import pytest
from playwright.sync_api import Page, expect

from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.hub.models import ArticlePage
from defuse.hub.models.pages import TEASERS_PER_PAGE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_reader_goes_home_topic_page_two_article_and_back(
    live_server, page: Page, topic_page, make_articles
):
    articles = make_articles(TEASERS_PER_PAGE + 5)
    oldest = min(articles, key=lambda article: article.publication_date)

    page.goto(live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="De-escalation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De-escalation")

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Page 2").click()
    expect(page).to_have_url(re.compile(r"/de-escalation/\?p=2$"))
    expect(page.locator(".teaser")).to_have_count(5)

    page.get_by_role("link", name=oldest.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(oldest.title)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="De-escalation"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/de-escalation/")
    expect(page.locator(".teaser")).to_have_count(TEASERS_PER_PAGE)


def test_editor_writes_and_publishes_an_article_that_tops_the_topic_page(
    live_server, page: Page, topic_page, make_articles, user_with_role
):
    make_articles(3)
    editor = user_with_role(Role.EDITOR, username="evan")

    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/"))
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/hub/articlepage/{topic_page.pk}/")
    page.locator("#id_title").fill("Slowing down a mental-health call")
    page.locator("#id_teaser").fill(
        "Time and distance gave a frightened man room to put the knife down."
    )
    page.get_by_label("Patrol").check()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("created and published")).to_be_visible()

    published = ArticlePage.objects.get(title="Slowing down a mental-health call")
    assert published.live

    page.goto(f"{live_server.url}/de-escalation/")
    first = page.locator(".teaser").first
    expect(first.get_by_role("link")).to_have_text("Slowing down a mental-health call")
    expect(first).to_contain_text("Time and distance gave a frightened man room")
