"""Every page type on a 360 × 740 phone, over the demo site, as the person who uses it: axe-core
finds no violations, nothing scrolls sideways, the Menu button is in the first screen, and on
the listing pages the first teaser is too. Pages showing a flash message are among them."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page, expect

from defuse.field.models import Report
from defuse.hub.models import Author, HubItemPage
from defuse.training.models import Assignment, Attempt, Scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def demo_site(home_page):
    call_command("seed_demo", reports=60, no_progress=True, stdout=io.StringIO())


def phone_as(browser, live_server, username: str | None):
    context = browser.new_context(viewport=PHONE)
    if username:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context, context.new_page()


def check_page(page: Page, listing: bool = False):
    where = page.url
    results = Axe().run(page)
    assert results.violations_count == 0, f"{where}\n{results.generate_report()}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways ({width} px)"
    menu = page.locator(".menu-button")
    expect(menu).to_be_visible()
    box = menu.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], where
    if listing:
        shown = page.locator(".teaser").count()
        assert shown, f"{where} shows no teaser:\n{page.inner_text('main')}"
        first = page.locator(".teaser").first.bounding_box()
        assert first and first["y"] < PHONE["height"], f"{where}: first teaser below the fold"


def visit(page: Page, base: str, paths, listing=()):
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status < 400, (path, response)
        check_page(page, listing=path in listing)


def test_every_page_type_on_a_phone(live_server, browser, demo_site):
    base = live_server.url
    items = {item.specific_class.__name__: item.url for item in HubItemPage.objects.live()}
    author = Author.objects.filter(items__isnull=False).first()
    reader_pages = [
        "/",
        "/de-escalation/",
        "/de-escalation/?p=2",
        "/de-escalation/crisis-intervention/",
        *items.values(),
        f"/authors/{author.slug}/",
        "/search/?q=less+lethal",
        "/search/?q=tazer",
        "/search/?q=zebra+crossings",
        "/newsletter/?email=reader%40example.org",
        "/accounts/login/",
        "/field/checklist/",
        "/feeds/",
    ]
    context, page = phone_as(browser, live_server, None)
    visit(page, base, reader_pages, listing={"/", "/de-escalation/", "/search/?q=less+lethal"})
    # The Menu link opens the navigation without JavaScript's help too.
    page.goto(base + "/de-escalation/")
    page.locator(".menu-button").click()
    expect(page.get_by_role("link", name="Search", exact=True)).to_be_visible()
    context.close()

    scenario = Scenario.objects.playable().first()
    context, page = phone_as(browser, live_server, "officer")
    visit(
        page,
        base,
        ["/training/", f"/training/scenarios/{scenario.slug}/", "/field/reports/",
         "/search/?q=knife"],
    )  # fmt: skip
    page.goto(f"{base}/training/scenarios/{scenario.slug}/")
    page.get_by_role("button", name=re.compile("Start")).click()
    check_page(page)  # a decision
    page.locator("button.choice").first.click()
    check_page(page)
    page.goto(f"{base}/field/reports/")
    page.get_by_role("button", name="Start a new report").click()
    check_page(page)  # the report form
    page.get_by_role("button", name=re.compile("Save draft")).click()
    expect(page.locator(".messages")).to_contain_text("Draft saved")
    check_page(page)  # a page with a flash message
    draft = Report.objects.filter(author__username="officer").latest("pk")
    visit(page, base, [f"/field/reports/{draft.pk}/"])
    context.close()

    context, page = phone_as(browser, live_server, "supervisor")
    assignment = Assignment.objects.order_by("pk").first()
    attempt = Attempt.objects.exclude(finished_at=None).order_by("pk").first()
    visit(
        page,
        base,
        ["/training/dashboard/", "/training/assignments/new/",
         f"/training/assignments/{assignment.pk}/",
         f"/training/dashboard/scenarios/{assignment.scenario.slug}/", "/field/review/",
         "/field/archive/"] + ([f"/training/attempts/{attempt.pk}/review/"] if attempt else []),
    )  # fmt: skip
    context.close()

    context, page = phone_as(browser, live_server, "chief")
    visit(
        page,
        base,
        ["/insights/", "/insights/summary/", "/insights/open-data/", "/field/nufdc/",
         "/field/import/"],
    )  # fmt: skip
    context.close()


def test_the_menu_works_without_javascript(live_server, browser, topic_page):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/de-escalation/")
    search = page.get_by_role("link", name="Search", exact=True)
    expect(search).to_be_hidden()
    page.get_by_role("link", name="Menu").click()
    expect(search).to_be_visible()
    page.get_by_role("link", name="Close menu").click()
    expect(search).to_be_hidden()
    context.close()


def test_a_wide_screen_shows_the_navigation_without_a_menu_button(live_server, page, topic_page):
    page.goto(live_server.url + "/de-escalation/")
    expect(page.locator(".menu-button")).to_be_hidden()
    expect(page.get_by_role("link", name="Search", exact=True)).to_be_visible()
