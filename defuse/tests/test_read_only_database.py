"""A database that refuses writes (read-only, disk full): readers read, writers get a plain 503."""

import pytest
from django.test import Client
from django.urls import reverse

from defuse.accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_with_a_read_only_database_readers_read_and_writers_get_a_503(
    topic_page, officer, read_only_database
):
    client = Client(raise_request_exception=False)  # as a browser sees it
    assert client.get("/").status_code == 200
    assert client.get(topic_page.url).status_code == 200
    assert client.get(reverse("hub:search") + "?q=distance").status_code == 200  # hit not counted
    signing_in = client.post(
        reverse("accounts:login"), {"login": officer.username, "password": TEST_PASSWORD}
    )
    assert signing_in.status_code == 503
    assert signing_in["Retry-After"] == "120"
    assert "Defuse cannot save right now" in signing_in.content.decode()
