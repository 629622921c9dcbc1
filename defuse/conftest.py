"""Fixtures shared by every app's tests. Data is built inside fixtures, never at import time."""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection, transaction
from wagtail.models import Collection, Locale, Page, Site

from defuse.accounts.roles import Role, ensure_role_groups
from defuse.accounts.tests.factories import UnitFactory, UserFactory
from defuse.core.vocabulary import TECHNIQUES, Technique
from defuse.demo.field import ensure_demo_checklist
from defuse.demo.hub import tree as demo_tree
from defuse.demo.hub.typed_items import ensure_typed_items
from defuse.demo.training import ensure_demo_scenarios
from defuse.field.models import Checklist
from defuse.hub.models import Audience
from defuse.hub.tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory
from defuse.records.defaults import create_default_rules


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so no count or page survives from another."""
    from django.core.cache import caches

    from defuse.platform import content_cache

    def empty():
        caches["versioned"].clear()  # the default cache, and with Redis each process's copy
        content_cache._memo.clear()  # versions are re-read from the (rolled back) shared cache

    empty()
    yield
    empty()


@pytest.fixture(autouse=True)
def mail_through_the_queue(settings):
    """Mail goes where it goes in production: queued in the database by django-post-office, and
    delivered (here to django.core.mail.outbox) when the transaction commits. Django's test
    setup would otherwise put the in-memory backend in its place."""
    settings.EMAIL_BACKEND = "defuse.platform.mail.QueuedEmailBackend"


@pytest.fixture
def read_only_database():
    """The database refuses every write, as a read-only or full one does."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = ON")
        yield
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
        return
    # PostgreSQL: read-only from a savepoint on; rolling back to it makes the test's own
    # transaction writable again for its end-of-test constraint checks.
    savepoint = transaction.savepoint()
    with connection.cursor() as cursor:
        cursor.execute("SET transaction_read_only = on")
    yield
    transaction.savepoint_rollback(savepoint)


def restore_migration_data():
    """Transactional tests (the browser ones) end by emptying every table, including the rows
    that data migrations made: Wagtail's root page, collection and locale, our audiences and
    role groups, the force types, the editorial workflow, the review chain, the data codes, the
    retention schedule and the search's starter synonyms.
    The next test that needs them builds them again."""
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    for order, (slug, name) in enumerate(Audience.CHOICES, start=1):
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (code, label, description) in enumerate(TECHNIQUES, start=1):
        Technique.objects.get_or_create(
            code=code, defaults={"label": label, "description": description, "sort_order": order}
        )
    ensure_role_groups()
    workflow_migration = importlib.import_module("defuse.hub.migrations.0006_editorial_workflow")
    workflow_migration.create_workflow(django_apps, None)
    for migration in ("0002_force_types", "0004_more_force_types"):
        importlib.import_module(f"defuse.field.migrations.{migration}").create(django_apps, None)
    chain = importlib.import_module("defuse.field.migrations.0006_review_chain")
    chain.start_the_chain(django_apps, None)
    codes = importlib.import_module("defuse.field.migrations.0009_move_to_people")
    codes.create_codes(django_apps, None)
    categories = importlib.import_module("defuse.field.migrations.0012_nufdc_elements")
    categories.create_categories(django_apps, None)
    create_default_rules(django_apps, None)
    Synonym = django_apps.get_model("hub", "Synonym")
    if not Synonym.objects.exists():
        search_index = importlib.import_module("defuse.hub.migrations.0010_search_index")
        search_index.add_starter_synonyms(django_apps, None)
    return root


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node() or restore_migration_data()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root, title="Defuse", slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Defuse"},
    )
    return home


@pytest.fixture
def topic_page(home_page):
    return TopicPageFactory(
        parent=home_page, title="De-escalation", slug="de-escalation", show_in_menus=True
    )


@pytest.fixture
def make_articles(topic_page):
    def make(count, **fields):
        return [ArticlePageFactory(parent=topic_page, **fields) for _ in range(count)]

    return make


@pytest.fixture
def demo_hub(home_page):
    """The hub demo content the demo scenarios link to (subtopics, articles, typed items)."""
    topic = demo_tree.ensure_topic_page(home_page)
    subtopics, authors = demo_tree.ensure_subtopics(), demo_tree.ensure_authors()
    demo_tree.ensure_articles(topic, subtopics, authors)
    ensure_typed_items(topic, subtopics, authors)
    return topic


@pytest.fixture
def demo_scenarios(demo_hub):
    """The five demo scenarios, imported through the importers a trainer uses."""
    ensure_demo_scenarios()


@pytest.fixture
def checklist(home_page):
    """The demo checklist, published."""
    ensure_demo_checklist()
    return Checklist.objects.current()


@pytest.fixture
def unit(db):
    return UnitFactory()


@pytest.fixture
def user_with_role(db):
    def make(role: Role, **fields):
        return UserFactory(role=role, **fields)

    return make


@pytest.fixture
def officer(user_with_role, unit):
    return user_with_role(Role.OFFICER, unit=unit)


@pytest.fixture
def supervisor(user_with_role, unit):
    user = user_with_role(Role.SUPERVISOR)
    unit.supervisors.add(user)
    return user


@pytest.fixture
def chief(user_with_role):
    return user_with_role(Role.CHIEF)


@pytest.fixture
def people(user_with_role, unit):
    """The permission ladder's cast around one officer of `unit`: a colleague and an officer
    `named` in the same unit, a `stranger` of another unit, the unit's supervisor, another
    unit's supervisor, a chief, an editor and an administrator."""
    other_unit = UnitFactory()
    cast = {
        "officer": user_with_role(Role.OFFICER, unit=unit),
        "named": user_with_role(Role.OFFICER, unit=unit),
        "colleague": user_with_role(Role.OFFICER, unit=unit),
        "stranger": user_with_role(Role.OFFICER, unit=other_unit),
        "supervisor": user_with_role(Role.SUPERVISOR),
        "other_supervisor": user_with_role(Role.SUPERVISOR),
        "chief": user_with_role(Role.CHIEF),
        "editor": user_with_role(Role.EDITOR),
        "administrator": user_with_role(Role.ADMINISTRATOR),
    }
    unit.supervisors.add(cast["supervisor"])
    other_unit.supervisors.add(cast["other_supervisor"])
    return cast


@pytest.fixture
def editor(user_with_role):
    return user_with_role(Role.EDITOR)


@pytest.fixture
def administrator(user_with_role):
    return user_with_role(Role.ADMINISTRATOR)


# Browser tests: Playwright drives Debian's Chromium (Playwright cannot download its own here).
# Playwright's sync API runs an event loop in this thread; Django's guard against database
# access from async code would otherwise refuse the fixtures' queries.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("DEFUSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
]
FAILURE_SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "test-results"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser tab; if the test fails, a screenshot is saved under var/test-results/."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        FAILURE_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() else "-" for c in request.node.nodeid)
        tab.screenshot(path=str(FAILURE_SCREENSHOTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def wait_until():
    """wait_until(page, "JavaScript expression", timeout=10): poll until the expression holds."""
    return poll_until


def poll_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a page expression from Python. (Playwright's wait_for_function evaluates strings with
    eval(), which our Content-Security-Policy rightly forbids.)"""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => Boolean({expression})"):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)
