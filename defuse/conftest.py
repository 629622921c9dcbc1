"""Fixtures shared by every app's tests. Data is built inside fixtures, never at import time."""

import pytest
from wagtail.models import Page, Site

from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UnitFactory, UserFactory
from defuse.hub.tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
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
def editor(user_with_role):
    return user_with_role(Role.EDITOR)


@pytest.fixture
def administrator(user_with_role):
    return user_with_role(Role.ADMINISTRATOR)
