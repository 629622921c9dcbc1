"""End-to-end field work in Chromium on a phone-sized screen: the checklist offline, and a report
filed with ticked checklist items, returned, fixed, resubmitted, approved, and counted in the
chief's Insights."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from defuse.accounts.tests.factories import TEST_PASSWORD
from defuse.field.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def log_in(page, base, user, next_path):
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}{next_path}")


def assert_accessible(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_checklist_works_offline_on_a_phone(live_server, browser, checklist, wait_until):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/field/checklist/")
    expect(page.get_by_text("Saved on this device")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.reload()  # the worker now controls the page and has cached it
    wait_until(page, "navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="De-escalation checklist")).to_be_visible()
    expect(page.get_by_text("Use time, distance and cover")).to_be_visible()
    context.close()


def row(page, legend):
    """One person's or officer's part of the report form, by its heading ("Person 1")."""
    return page.locator(f"fieldset.report-row:has(> legend:text-is('{legend}'))")


def describe_person(page, number, age="34", sex="Male", race="White", weapon="None"):
    person = row(page, f"Person {number}")
    person.get_by_label(re.compile(r"^Age")).fill(age)
    person.get_by_label("Sex").select_option(label=sex)
    person.get_by_label(race, exact=True).check()
    person.get_by_label("Ethnicity").select_option(label="Not Hispanic or Latino")
    person.get_by_role("combobox", name=re.compile(r"^Weapon")).select_option(label=weapon)


def fill_report(page):
    page.get_by_label("Case number").fill("24-004321")
    page.get_by_label(re.compile(r"^Date and time")).fill("2026-11-20T22:15")
    page.get_by_label("District").fill("North")
    page.get_by_label("Type of location").select_option(label="Residence or home")
    page.get_by_label("Call type").select_option(label="Mental health / behavioural crisis")
    page.get_by_label("Reason for the first contact").select_option(
        label="Medical, mental-health or welfare check"
    )
    page.get_by_label("Reason for contact").fill("A neighbour heard shouting and crying.")
    describe_person(page, 1)
    page.get_by_label("Outcome").select_option(label="Voluntary compliance")
    page.get_by_label("What de-escalation did you try").fill("Gave my name, sat down, listened.")


def test_a_report_goes_from_officer_to_supervisor_and_back(
    live_server, browser, officer, supervisor, chief, checklist
):
    officer_page = browser.new_context(viewport=PHONE).new_page()
    log_in(officer_page, live_server.url, officer, "/field/checklist/")
    officer_page.get_by_label("Use time, distance and cover").check()
    officer_page.get_by_label("One voice: introduce yourself and listen").check()
    officer_page.get_by_role("button", name="Start a report from these").click()
    fill_report(officer_page)
    officer_page.get_by_role("button", name="Submit to my supervisor").click()
    expect(officer_page.locator("#error-summary")).to_contain_text("Say what it did")
    officer_page.locator("select[name=techniques-0-effect]").select_option(label="Helped")
    officer_page.locator("select[name=techniques-1-effect]").select_option(label="Not sure")
    expect(officer_page.get_by_text(re.compile("Draft saved at"))).to_be_visible()
    assert_accessible(officer_page)
    assert officer_page.evaluate("document.documentElement.scrollWidth") <= 360
    officer_page.get_by_role("button", name="Submit to my supervisor").click()
    expect(officer_page.get_by_text("Report submitted")).to_be_visible()
    report = Report.objects.get()
    assert [t.technique.code for t in report.techniques.all()] == [
        "distance",
        "tactical-communication",
    ]

    boss = browser.new_context().new_page()
    log_in(boss, live_server.url, supervisor, "/field/review/")
    boss.get_by_role("link", name="24-004321").click()
    boss.get_by_label("Comment to the officer").fill("Say how long you talked before he sat down.")
    boss.get_by_role("button", name="Return for changes").click()
    expect(boss.get_by_text("Report returned to the officer.")).to_be_visible()

    officer_page.goto(f"{live_server.url}/field/reports/")
    officer_page.get_by_role("link", name="24-004321").click()
    expect(officer_page.get_by_text("Say how long you talked before he sat down.")).to_be_visible()
    narrative = officer_page.get_by_label("What de-escalation did you try")
    narrative.fill("Gave my name, sat down, listened for about ten minutes before he sat too.")
    officer_page.get_by_role("button", name="Submit to my supervisor").click()
    expect(officer_page.get_by_text("Report submitted")).to_be_visible()

    boss.goto(f"{live_server.url}/field/review/")
    boss.get_by_role("link", name="24-004321").click()
    boss.get_by_role("button", name="Approve and close").click()
    expect(boss.get_by_text("Report approved and closed.")).to_be_visible()
    assert Report.objects.get().status == Report.Status.CLOSED

    top = browser.new_context().new_page()
    log_in(top, live_server.url, chief, f"/field/reports/{report.pk}/")
    expect(top.get_by_text("Approved and closed", exact=True)).to_be_visible()
    expect(top.get_by_text("about ten minutes")).to_be_visible()
    top.goto(f"{live_server.url}/insights/")
    encounters = top.locator(".headline div").filter(has_text="Encounters").locator("dd")
    expect(encounters).to_have_text("1")
    expect(top.locator(".headline")).to_contain_text("100.0%")  # documented, no force
    assert_accessible(top)


def test_the_checklist_prints_on_one_page(live_server, page, checklist):
    page.goto(f"{live_server.url}/field/checklist/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = page.pdf(format="Letter", print_background=False)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1, f"the checklist prints on {pages} pages"


def test_typing_survives_a_lost_connection_and_an_expired_session(
    live_server, browser, officer, checklist
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, officer, "/field/reports/")
    page.get_by_role("button", name="Start a new report").click()
    # Offline before the page's script has loaded would test nothing: wait for autosave to be on.
    expect(page.get_by_text("Your draft saves as you type.")).to_be_visible()
    edit_url = page.url
    narrative = page.get_by_label("What de-escalation did you try")

    context.set_offline(True)
    narrative.fill("Typed in a basement with no signal.")
    expect(page.get_by_text("Not saved yet (no connection)")).to_be_visible()
    context.set_offline(False)
    page.reload()
    expect(narrative).to_have_value("Typed in a basement with no signal.")
    expect(page.get_by_text(re.compile("Draft saved at"))).to_be_visible()
    report = Report.objects.get()
    assert report.draft_data["narrative_deescalation"] == ["Typed in a basement with no signal."]

    context.clear_cookies()  # the session expires
    narrative.fill("Typed after my session ran out.")
    expect(page.get_by_text("Your session has expired")).to_be_visible()
    page.get_by_role("link", name="sign in again to carry on.").click()
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(edit_url)
    expect(page.get_by_label("What de-escalation did you try")).to_have_value(
        "Typed after my session ran out."
    )
    expect(page.get_by_text(re.compile("Draft saved at"))).to_be_visible()
    report.refresh_from_db()
    assert report.draft_data["narrative_deescalation"] == ["Typed after my session ran out."]
    context.close()


def test_signing_out_leaves_no_draft_in_the_browser(live_server, browser, officer, checklist):
    """On a shared device, text the officer typed offline does not outlive the sign-out."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, officer, "/field/reports/")
    page.get_by_role("button", name="Start a new report").click()
    expect(page.get_by_text("Your draft saves as you type.")).to_be_visible()
    context.set_offline(True)
    page.get_by_label("What de-escalation did you try").fill("Typed with no signal.")
    expect(page.get_by_text("Not saved yet (no connection)")).to_be_visible()
    assert "Typed with no signal." in page.evaluate("JSON.stringify(window.localStorage)")
    context.set_offline(False)
    page.get_by_role("button", name="Menu").click()  # on a phone, sign out is in the menu
    page.get_by_role("button", name=re.compile("Sign out")).click()
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert page.evaluate("window.localStorage.length") == 0
    context.close()


def test_other_officers_are_found_by_name_across_the_agency(live_server, browser, people):
    stranger = people["stranger"]
    page = browser.new_context(viewport=PHONE).new_page()
    log_in(page, live_server.url, people["officer"], "/field/reports/")
    page.get_by_role("button", name="Start a new report").click()
    officers = page.locator("select[name=officers-1-user]")
    colleague = officers.locator("option", has_text=people["colleague"].get_full_name())
    wanted = officers.locator("option", has_text=stranger.get_full_name())
    expect(colleague).to_have_count(1)
    page.get_by_label("Find a name").fill(stranger.last_name.lower())
    expect(wanted).to_have_count(1)
    colleague_label = f"{people['colleague'].get_full_name()} ({people['colleague'].unit})"
    if stranger.last_name.lower() not in colleague_label.lower():  # Faker's names may repeat
        expect(colleague).to_have_count(0)
    officers.select_option(label=f"{stranger.get_full_name()} ({stranger.unit})")
    page.get_by_label("Find a name").fill("no such officer zzz")
    expect(officers).to_have_value(str(stranger.pk))  # the chosen name stays
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_report_form_on_a_phone(live_server, browser, officer, checklist):
    """Touch-sized tick boxes with their labels, what submitting needs marked, the force
    questions shown once force is ticked, and the error summary focused."""
    page = browser.new_context(viewport=PHONE).new_page()
    log_in(page, live_server.url, officer, "/field/reports/")
    page.get_by_role("button", name="Start a new report").click()
    expect(page.get_by_text("(required to submit)").first).to_be_visible()
    assert page.get_by_label("Case number").get_attribute("aria-required") == "true"
    why = page.get_by_label("Why was force used?")
    expect(why).to_be_hidden()
    tick = page.locator("[name=subjects-0-threat_perceived]")
    box = tick.bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 24
    force = page.locator("select[name=force-0-force_type]")
    force.select_option(label="Takedown (level 2)")
    expect(why).to_be_visible()
    force.select_option("")
    expect(why).to_be_hidden()
    assert "Ems" not in page.locator("form.report-form").inner_text()
    page.get_by_role("button", name="Submit to my supervisor").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_without_javascript_every_force_question_is_there(live_server, browser, officer, checklist):
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    log_in(page, live_server.url, officer, "/field/reports/")
    page.get_by_role("button", name="Start a new report").click()
    expect(page.get_by_label("Why was force used?")).to_be_visible()
    expect(page.get_by_label("Find a name")).to_have_count(0)  # the whole list instead


def cached(page, path) -> bool:
    return page.evaluate(f"() => caches.match('{path}').then(Boolean)")


def test_a_report_ticked_started_and_filled_offline_arrives_once_back_online(
    live_server, browser, officer, checklist, wait_until
):
    """Ticks made offline start a report from the blank one the phone keeps; it is filled in
    and submitted offline, and arrives exactly once when the connection returns, with the
    techniques and what each did."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, officer, "/field/checklist/")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")  # installed, active
    page.reload()  # the worker now controls the page, caches it and the blank report
    wait_until(page, "navigator.serviceWorker.controller !== null")
    for _ in range(100):
        if cached(page, "/field/reports/start/"):
            break
        page.wait_for_timeout(100)
    assert cached(page, "/field/reports/start/")
    context.set_offline(True)
    page.reload()
    page.get_by_label("Use time, distance and cover").check()
    page.get_by_label("One voice: introduce yourself and listen").check()
    page.reload()  # still offline: the ticks were kept on the device
    expect(page.get_by_label("Use time, distance and cover")).to_be_checked()
    page.get_by_role("button", name="Start a report from these").click()

    expect(page.get_by_text("The techniques you ticked are listed")).to_be_visible()
    expect(page.locator("select[name=techniques-0-effect]")).to_have_value("")  # asked, not assumed
    fill_report(page)
    page.locator("select[name=techniques-0-effect]").select_option(label="Helped")
    page.locator("select[name=techniques-1-effect]").select_option(label="No visible change")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Submit to my supervisor").click()
    expect(page.get_by_text("your report is kept on this phone")).to_be_visible()
    assert not Report.objects.exists()

    context.set_offline(False)
    expect(page.get_by_text("has been sent for review")).to_be_visible()
    report = Report.objects.get()
    assert report.status == Report.Status.SUBMITTED
    assert [(t.technique.code, t.effect) for t in report.techniques.all()] == [
        ("distance", "helped"),
        ("tactical-communication", "no_change"),
    ]
    page.goto(f"{live_server.url}/field/reports/")  # any field page sends what waits: nothing
    page.get_by_role("link", name="24-004321").click()
    expect(page.get_by_text("Awaiting review")).to_be_visible()
    assert Report.objects.count() == 1
    assert page.evaluate("() => localStorage.getItem('defuse-report-outbox')") == "[]"
    context.close()


def test_a_field_page_offline_shows_the_offline_page(
    live_server, browser, officer, checklist, wait_until
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, officer, "/field/checklist/")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    wait_until(page, "navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    page.goto(f"{live_server.url}/field/reports/")
    expect(page.get_by_role("heading", name="No connection")).to_be_visible()
    expect(page.get_by_role("link", name="de-escalation checklist")).to_be_visible()
    assert officer.get_full_name() not in page.content()  # cached signed out: names nobody
    assert_accessible(page)
    context.close()


def test_a_force_report_goes_up_the_review_chain_on_phones(
    live_server, browser, officer, supervisor, user_with_role, checklist
):
    """Two people and three officers (one of another agency), force by two of them on one
    person, filed at 360 px; signed off by the supervisor, returned by command staff, fixed,
    then signed off at all three levels; each sign-off in the audit trail."""
    from django.contrib.auth.models import Group

    from defuse.accounts.roles import Role

    commander = user_with_role(Role.SUPERVISOR, first_name="Casey", last_name="Commander")
    investigator = user_with_role(Role.SUPERVISOR, first_name="Ira", last_name="Investigator")
    partner = user_with_role(Role.OFFICER, unit=officer.unit, first_name="Rowan", last_name="Pike")
    commander.groups.add(Group.objects.get(name="Command staff"))
    investigator.groups.add(Group.objects.get(name="Internal affairs"))

    filer = browser.new_context(viewport=PHONE).new_page()
    log_in(filer, live_server.url, officer, "/field/reports/")
    filer.get_by_role("button", name="Start a new report").click()
    fill_report(filer)
    filer.get_by_role("button", name="Add a person").click()
    describe_person(filer, 2, age="17", sex="Female", race="Asian")
    row(filer, "Officer 2").get_by_label("Officer (anyone in the agency)").select_option(
        label=f"{partner.get_full_name()} ({officer.unit})"
    )
    filer.get_by_role("button", name="Add an officer").click()
    third = row(filer, "Officer 3")
    third.get_by_label("Or: name of an officer").fill("Dana Whitlock")
    third.get_by_label("Their agency").fill("County Sheriff")
    filer.locator("select[name=techniques-0-technique]").select_option(label="Distance")
    filer.locator("select[name=techniques-0-effect]").select_option(label="No visible change")
    filer.locator("select[name=force-0-force_type]").select_option(label="Takedown (level 2)")
    filer.locator("select[name=force-0-officer]").select_option("1")
    filer.locator("select[name=force-0-subject]").select_option("1")
    filer.get_by_role("button", name="Add a force entry").click()
    filer.locator("select[name=force-1-force_type]").select_option(
        label="Hands-on control (level 1)"
    )
    filer.locator("select[name=force-1-officer]").select_option("2")
    filer.locator("select[name=force-1-subject]").select_option("1")
    row(filer, "Person 1").get_by_label("The person was injured").check()
    filer.get_by_label("When a supervisor was told").fill("2026-11-20T22:40")
    for question, answer in (
        ("Why was force used?", "He ran at the road."),
        ("Why that type and level of force?", "The least that stopped him."),
        ("What injuries or complaints of injury were there?", "A grazed knee."),
        ("What medical aid was given, and were EMS called?", "First aid; EMS checked him."),
        ("Was anyone taken to hospital, and by whom?", "No one."),
    ):
        filer.get_by_label(question).fill(answer)
    assert filer.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(filer)
    filer.get_by_role("button", name="Submit to my supervisor").click()
    expect(filer.get_by_text("Report submitted")).to_be_visible()
    report = Report.objects.get()
    assert report.subjects.count() == 2
    assert [str(o) for o in report.officers.order_by("order")] == [
        officer.get_full_name(),
        "Rowan Pike",
        "Dana Whitlock (County Sheriff)",
    ]
    used = {(f.force_type.name, str(f.officer), f.subject.order) for f in report.force.all()}
    assert used == {("Takedown", officer.get_full_name(), 1), ("Hands-on control", "Rowan Pike", 1)}

    def sign(who, button, message, comment=""):
        page = browser.new_context(viewport=PHONE).new_page()
        log_in(page, live_server.url, who, "/field/review/")
        page.get_by_role("link", name="24-004321").click()
        expect(
            page.get_by_text(f"Takedown (level 2): {officer.get_full_name()} on Person 1")
        ).to_be_visible()
        if comment:
            page.get_by_label("Comment to the officer").fill(comment)
        page.get_by_role("button", name=button).click()
        expect(page.get_by_text(message)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.context.close()

    on_to_command = "Signed off: the report goes on to Command staff."
    sign(supervisor, "Sign off: on to Command staff", on_to_command)
    sign(commander, "Return for changes", "Report returned", "Say what the road was.")
    filer.goto(f"{live_server.url}/field/reports/{report.pk}/edit/")
    expect(filer.get_by_text("Say what the road was.")).to_be_visible()
    expect(row(filer, "Officer 3").get_by_label("Their agency")).to_have_value("County Sheriff")
    filer.get_by_label("Reason for contact").fill("A man ran at the ring road in the rain.")
    filer.get_by_role("button", name="Submit to my supervisor").click()
    expect(filer.get_by_text("Report submitted")).to_be_visible()
    sign(supervisor, "Sign off: on to Command staff", on_to_command)
    sign(commander, "Sign off: on to Internal affairs", "goes on to Internal affairs")
    sign(investigator, "Approve and close", "Report approved and closed.")

    report.refresh_from_db()
    assert report.status == Report.Status.CLOSED
    assert (report.subjects.count(), report.officers.count(), report.force.count()) == (2, 3, 2)
    trail = list(
        report.events.filter(action__in=["signed_off", "returned", "approved"]).values_list(
            "action", "user__last_name"
        )
    )
    assert trail == [
        ("signed_off", supervisor.last_name), ("returned", "Commander"),
        ("signed_off", supervisor.last_name), ("signed_off", "Commander"),
        ("approved", "Investigator"),
    ]  # fmt: skip
