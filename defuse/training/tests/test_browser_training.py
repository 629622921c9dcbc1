"""End-to-end training in Debian's Chromium: playing with JavaScript on and off, the timer, a
supervisor's assignment seen through to the dashboard, and axe-core checks."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.training.importer import import_file
from defuse.training.models import Attempt, AttemptStep

from .conftest import FILES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, user, next_path="/training/"):
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}{next_path}")


def play_first_choices(page: Page, limit=20):
    """Click the first choice until the review shows; return the number of decisions made."""
    for made in range(limit):
        heading = page.get_by_role("heading", level=1)
        if heading.inner_text() == "After-action review":
            return made
        before = heading.inner_text()
        page.locator("button.choice").first.click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text(before)
    raise AssertionError("no ending reached")


def test_officer_plays_a_demo_scenario_with_javascript(
    live_server, page: Page, officer, demo_scenarios
):
    log_in(page, live_server.url, officer)
    page.get_by_role("link", name="Person in crisis on a footbridge").click()
    page.get_by_role("button", name="Start the scenario").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision 1")
    page.wait_for_load_state("load")
    loads = []
    page.on("load", lambda _: loads.append(page.url))
    page.locator("button.choice").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision 2")
    assert loads == []  # the next decision came in without reloading the page
    assert page.evaluate("document.activeElement.id") == "passage-heading"
    decisions = 1 + play_first_choices(page)
    assert decisions == 7
    expect(page.get_by_role("heading", name="Passed")).to_be_visible()
    expect(page.locator(".result")).to_contain_text("Transported to care")
    attempt = Attempt.objects.get()
    assert attempt.status == Attempt.Status.COMPLETED and attempt.steps.count() == 7


def test_officer_plays_a_demo_scenario_without_javascript(
    live_server, browser, officer, demo_scenarios
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, officer)
    page.get_by_role("link", name="Man with a knife outside a corner shop").click()
    page.get_by_role("button", name="Start the scenario").click()
    assert play_first_choices(page) >= 6
    expect(page.get_by_role("heading", name="What you did")).to_be_visible()
    expect(page.get_by_role("heading", name="The best path")).to_be_visible()
    assert Attempt.objects.get().status == Attempt.Status.COMPLETED
    context.close()


def test_the_timer_runs_out_in_the_browser(live_server, page: Page, officer, write_file, home_page):
    text = (FILES / "small.twee").read_text().replace("[timer:30]", "[timer:3]")
    scenario = import_file(write_file("quick.twee", text)).scenario
    log_in(page, live_server.url, officer, f"/training/scenarios/{scenario.slug}/")
    page.get_by_role("button", name="Start the scenario").click()
    expect(page.locator("[data-timer-count]")).to_be_visible()
    expect(page.get_by_text("He folds his arms in the doorway.")).to_be_visible(timeout=10_000)
    step = AttemptStep.objects.get()
    assert step.timed_out and step.target == "Standoff"


def test_supervisor_assigns_and_sees_the_completion(
    live_server, browser, supervisor, officer, small_scenario, unit
):
    boss = browser.new_context().new_page()
    log_in(boss, live_server.url, supervisor, "/training/dashboard/")
    boss.get_by_role("link", name="Assign a scenario").click()
    boss.get_by_label("Scenario").select_option(label="Noise complaint")
    boss.get_by_label(str(unit), exact=True).check()
    boss.get_by_label("Due date").fill("2099-06-30")
    boss.get_by_label("Pass mark").fill("60")
    boss.get_by_role("button", name="Assign").click()
    expect(boss.get_by_text("0 of 1")).to_be_visible()

    officer_page = browser.new_context().new_page()
    log_in(officer_page, live_server.url, officer)
    row = officer_page.get_by_role("row", name=re.compile("Noise complaint"))
    row.get_by_role("link", name=re.compile("Start")).click()
    officer_page.get_by_role("button", name="Start the scenario").click()
    play_first_choices(officer_page)
    expect(officer_page.get_by_role("link", name="Completion certificate")).to_be_visible()

    boss.reload()
    expect(boss.get_by_text("1 of 1")).to_be_visible()
    expect(boss.get_by_role("row", name=re.compile(officer.last_name))).to_contain_text("Done")
    boss.goto(f"{live_server.url}/training/dashboard/")
    heat_map = boss.get_by_role("region", name="Mean score per CDM step by unit")
    expect(heat_map.get_by_role("row", name=re.compile(str(unit)))).to_contain_text("100%")


def assert_accessible(page: Page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_and_phone_layout(live_server, browser, supervisor, officer, small_scenario):
    for user, paths in (
        (officer, ["/training/", f"/training/scenarios/{small_scenario.slug}/"]),
        (supervisor, ["/training/dashboard/", "/training/assignments/new/",
                      f"/training/dashboard/scenarios/{small_scenario.slug}/"]),
    ):  # fmt: skip
        page = browser.new_context().new_page()
        log_in(page, live_server.url, user, paths[0])
        for path in paths:
            page.goto(live_server.url + path)
            assert_accessible(page)
    phone = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    log_in(phone, live_server.url, officer, f"/training/scenarios/{small_scenario.slug}/")
    phone.get_by_role("button", name="Start the scenario").click()
    for number in (2, 3):
        assert_accessible(phone)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{phone.url} scrolls sideways on a 360 px screen ({width} px)"
        phone.locator("button.choice").first.click()
        if number == 2:
            expect(phone.get_by_role("heading", level=1)).to_have_text("Decision 2")
    phone.wait_for_url(re.compile(r"/review/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("After-action review")
    assert_accessible(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def background_when_hovered(page: Page, selector: str) -> tuple[str, str]:
    """(background, background with :hover forced on): the state a finger leaves behind on a
    touch screen, set through the DevTools protocol as Chromium would keep it."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    style = f"getComputedStyle(document.querySelector('{selector}')).backgroundColor"
    before = page.evaluate(style)
    cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": ["hover"]})
    return before, page.evaluate(style)


def test_choices_highlight_on_hover_only_where_a_pointer_hovers(
    live_server, browser, officer, small_scenario
):
    """On a touch screen :hover sticks where the finger was, so the next decision's button in
    that place would look chosen already: hover styles apply only to hovering pointers."""
    for touch, highlighted in ((True, False), (False, True)):
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, has_touch=touch, is_mobile=touch
        )
        phone = context.new_page()
        log_in(phone, live_server.url, officer, f"/training/scenarios/{small_scenario.slug}/")
        start = phone.get_by_role("button", name="Start the scenario")
        start.or_(phone.get_by_role("link", name=re.compile("^Resume"))).first.click()
        expect(phone.locator("button.choice").first).to_be_visible()
        phone.wait_for_load_state()
        plain, hovered = background_when_hovered(phone, "button.choice")
        assert (plain != hovered) is highlighted, (touch, plain, hovered)
        context.close()
