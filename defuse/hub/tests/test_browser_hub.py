"""End-to-end hub tests in Debian's Chromium: filters, search suggestions, webinar registration,
captioned video, print layout, and axe-core accessibility checks on every kind of page."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import Page, expect

from defuse.hub.models import TopicPage
from defuse.hub.tests.factories import (
    ArticlePageFactory,
    CaseStudyPageFactory,
    PolicyBriefPageFactory,
    SubtopicFactory,
    ToolProfilePageFactory,
    VideoPageFactory,
    WebinarPageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hub(topic_page):
    crisis = SubtopicFactory(name="Crisis intervention", slug="crisis-intervention")
    items = {
        "article": ArticlePageFactory(
            parent=topic_page, title="Crossbar tactic for patrol", audiences=["patrol"]
        ),
        "chiefs_article": ArticlePageFactory(
            parent=topic_page, title="Budget notes", audiences=["chiefs"]
        ),
        "video": VideoPageFactory(parent=topic_page, title="Crossbar video", audiences=["patrol"]),
        "webinar": WebinarPageFactory(parent=topic_page, title="Crisis calls webinar"),
        "case_study": CaseStudyPageFactory(parent=topic_page),
        "policy_brief": PolicyBriefPageFactory(parent=topic_page),
        "tool_profile": ToolProfilePageFactory(parent=topic_page),
    }
    items["article"].subtopics.set([crisis])
    items["article"].save()
    subtopic_page = topic_page.add_child(
        instance=TopicPage(title="Crisis intervention", slug="crisis-intervention", subtopic=crisis)
    )
    subtopic_page.save_revision().publish()
    return items


def assert_accessible(page: Page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations(live_server, page: Page, hub):
    paths = [
        "/",
        "/de-escalation/?audience=patrol&type=article",
        "/de-escalation/crisis-intervention/",
        "/search/?q=crossbar",
        "/search/?q=zeppelin",
        "/newsletter/",
        "/accounts/login/",
        *[item.url for item in hub.values()],
    ]
    for path in paths:
        page.goto(live_server.url + path)
        assert_accessible(page)


def test_axe_on_a_phone_sized_screen(live_server, browser, hub):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    for path in ["/", "/de-escalation/", hub["webinar"].url]:
        phone.goto(live_server.url + path)
        assert_accessible(phone)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways on a 360 px screen ({width} px)"
    context.close()


def test_reader_filters_a_topic_page_by_audience_and_type(live_server, page: Page, hub):
    page.goto(f"{live_server.url}/de-escalation/")
    filters = page.locator("form.filters")
    filters.get_by_label(re.compile(r"^Patrol")).check()
    filters.get_by_label(re.compile(r"^Video")).check()
    filters.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"audience=patrol.*type=video"))
    expect(page.locator(".teaser")).to_have_count(1)
    expect(page.locator(".teaser").first).to_contain_text("Crossbar video")
    expect(filters.get_by_label(re.compile(r"^Patrol"))).to_be_checked()
    page.get_by_role("link", name="Clear all filters").click()
    expect(page.locator(".teaser")).to_have_count(7)


def test_reader_searches_with_suggestions(live_server, page: Page, hub):
    page.goto(f"{live_server.url}/search/")
    box = page.get_by_role("combobox")
    box.press_sequentially("crossbar", delay=40)
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")  # plain submit: the results page
    expect(page.get_by_role("heading", name=re.compile("Results for"))).to_be_visible()
    expect(page.locator(".search-results mark").first).to_have_text(
        re.compile("crossbar", re.IGNORECASE)
    )
    expect(page.locator(".search-results li")).to_have_count(2)


def test_reader_registers_for_a_webinar_and_gets_the_ics(live_server, page: Page, hub):
    webinar = hub["webinar"]
    page.goto(live_server.url + webinar.url)
    page.get_by_label("Full name").fill("Dana Ruiz")
    page.get_by_label("E-mail address").fill("not-an-address")
    page.get_by_label("Agency").fill("Riverton PD")
    page.get_by_label("Role").select_option("supervisor")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Dana Ruiz")

    page.get_by_label("E-mail address").fill("dana@agency.invalid")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("status")).to_contain_text("You are registered")
    (message,) = mail.outbox
    filename, content, _ = message.attachments[0]
    assert filename == "webinar.ics"
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["summary"]) == webinar.title

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    assert Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")


def test_reader_plays_a_captioned_video(live_server, page: Page, hub, wait_until):
    page.goto(live_server.url + hub["video"].url)
    video = page.locator("video")
    expect(video).to_be_visible()
    page.evaluate("document.querySelector('video').muted = true")
    video.evaluate("v => v.play()")
    wait_until(page, "document.querySelector('video').currentTime > 0.5")
    tracks = page.evaluate(
        """() => {
            const track = document.querySelector('video').textTracks[0];
            return {kind: track.kind, mode: track.mode, cues: track.cues ? track.cues.length : 0};
        }"""
    )
    assert tracks == {"kind": "captions", "mode": "showing", "cues": 3}


def test_articles_print_without_navigation(live_server, page: Page, hub):
    page.goto(live_server.url + hub["case_study"].url)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".timeline")).to_be_visible()
