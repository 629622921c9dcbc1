"""The plumbing learns about the apps only from what each AppConfig declares."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from defuse.platform import checks, declarations
from defuse.platform.backup import contents
from defuse.platform.middleware import ReaderCacheMiddleware


def declared(attribute):
    return [c for c in apps.get_app_configs() if hasattr(c, attribute)]


def test_every_declared_private_prefix_is_private_and_nothing_else_is():
    prefixes = declarations.private_url_prefixes()
    for config in declared("private_url_prefixes"):
        assert set(config.private_url_prefixes) <= set(prefixes), config.label
    assert all(p.startswith("/") and p.endswith("/") for p in prefixes)
    assert "/" not in prefixes  # reading pages stay cacheable


@pytest.mark.parametrize(
    "path, public", [("/", True), ("/admin/", False), ("/documents/1/", False)]
)
def test_the_middleware_follows_the_declarations(rf: RequestFactory, path, public):
    request = rf.get(path)
    request.user = AnonymousUser()
    response = ReaderCacheMiddleware(lambda r: HttpResponse("page"))(request)
    assert ("public" in response["Cache-Control"]) is public
    for prefix in declarations.private_url_prefixes():
        request = rf.get(prefix + "anything/")
        request.user = AnonymousUser()
        response = ReaderCacheMiddleware(lambda r: HttpResponse("page"))(request)
        assert "private" in response["Cache-Control"], prefix


def test_backup_counts_name_real_models_and_are_counted(db):
    counts = declarations.backup_counts()
    assert counts, "no app declared anything for backups to count"
    for label in counts.values():
        assert apps.get_model(label) is not None
    assert set(contents()) == set(counts)
    assert all(isinstance(n, int) for n in contents().values())


def test_work_links_come_from_the_apps_in_installed_order(monkeypatch):
    def links(label):
        config = Declaring()
        config.work_links = lambda user: [(label, f"/{label}/")] if user.is_authenticated else []
        return config

    configs = [links("first"), Declaring(), links("second")]  # the middle one declares none
    monkeypatch.setattr(declarations.apps, "get_app_configs", lambda: configs)
    assert declarations.work_links(AnonymousUser()) == []
    signed_in = type("SignedIn", (), {"is_authenticated": True})()
    assert declarations.work_links(signed_in) == [("first", "/first/"), ("second", "/second/")]


class Declaring:
    label = name = "example"

    def __init__(self, **declared):
        self.__dict__.update(declared)


@pytest.mark.parametrize(
    "declared, error",
    [
        ({"private_url_prefixes": "/field/"}, "defuse.E001"),  # a string, not a tuple
        ({"private_url_prefixes": ("/",)}, "defuse.E001"),  # everything private
        ({"private_url_prefixes": ("field/",)}, "defuse.E001"),
        ({"backup_counts": {"rows": "nowhere.Model"}}, "defuse.E002"),
        ({"backup_counts": {"pages": "wagtailcore.Page"}}, "defuse.E003"),  # hub's name
        ({"work_links": ["Insights"]}, "defuse.E004"),
    ],
)
def test_a_wrong_declaration_stops_django_with_a_message(monkeypatch, declared, error):
    assert checks.check_declarations() == []
    configs = [*apps.get_app_configs(), Declaring(**declared)]
    monkeypatch.setattr(checks.apps, "get_app_configs", lambda: configs)
    assert [found.id for found in checks.check_declarations()] == [error]
