"""The blank report a phone keeps for offline use (/field/reports/start/): who may open and
send it, and a report sent again with the same key (a retry after the connection came back)
arriving once."""

import pytest
from django.urls import reverse

from defuse.core.vocabulary import Technique
from defuse.field.models import Report

from .conftest import valid_report_data

pytestmark = pytest.mark.django_db

START = "/field/reports/start/"
KEY = "4f0c9a6e-3b7d-4c1e-9a55-0d2b8e7f6a13"
JSON = {"HTTP_ACCEPT": "application/json"}
OPENS = {
    "officer": 200, "named": 200, "colleague": 200, "stranger": 200, "supervisor": 200,
    "other_supervisor": 200, "chief": 403, "editor": 403, "administrator": 403,
}  # fmt: skip


def sent(**extra) -> dict:
    return valid_report_data(
        client_key=KEY,
        **{"techniques-0-technique": str(Technique.objects.get(code="time").pk)},
        **{"techniques-0-effect": "helped"},
        **extra,
    )


def test_the_address_is_the_one_the_service_worker_keeps():
    assert reverse("field:start") == START


@pytest.mark.parametrize("who, status", OPENS.items())
def test_who_opens_the_blank_report(client, people, who, status):
    client.force_login(people[who])
    response = client.get(START)
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert 'name="client_key"' in page and 'aria-invalid="true"' not in page
        assert not Report.objects.exists()  # opening it makes nothing


@pytest.mark.parametrize("who, status", OPENS.items())
def test_who_sends_one(client, people, who, status):
    client.force_login(people[who])
    response = client.post(START, sent(submit="1"), **JSON)
    assert response.status_code == status
    assert Report.objects.count() == (1 if status == 200 else 0)


def test_anonymous_is_told_the_session_is_gone_and_nothing_is_made(client):
    assert client.post(START, sent(submit="1"), **JSON).status_code == 401
    assert "/accounts/login/" in client.get(START).url
    assert not Report.objects.exists()


def test_sent_twice_it_arrives_once(client, people):
    client.force_login(people["officer"])
    first = client.post(START, sent(submit="1"), **JSON).json()
    again = client.post(START, sent(submit="1"), **JSON).json()
    report = Report.objects.get()
    assert first == again == {"url": f"/field/reports/{report.pk}/", "submitted": True}
    assert report.status == Report.Status.SUBMITTED and report.client_key == KEY
    assert [(t.technique.code, t.effect) for t in report.techniques.all()] == [("time", "helped")]
    assert report.events.filter(action="submitted").count() == 1


def test_an_incomplete_one_arrives_as_a_draft_with_everything_typed(client, people):
    client.force_login(people["officer"])
    answer = client.post(START, sent(submit="1", case_number=""), **JSON).json()
    report = Report.objects.get()
    assert answer == {"url": f"/field/reports/{report.pk}/edit/", "submitted": False}
    assert report.status == Report.Status.DRAFT
    assert report.draft_data["district"] == ["North"] and "client_key" not in report.draft_data
    page = client.get(answer["url"]).content.decode()
    assert "Caller worried about a neighbour" in page


def test_another_officers_key_is_refused(client, people):
    client.force_login(people["officer"])
    client.post(START, sent(), **JSON)
    client.force_login(people["colleague"])
    response = client.post(START, sent(submit="1"), **JSON)
    assert response.status_code == 409
    assert Report.objects.get().author == people["officer"]


@pytest.mark.parametrize("key", ["", "short", "x" * 65, "bad key with spaces!!", "a\x00" * 10])
def test_a_missing_or_malformed_key_is_a_clear_400(client, people, key):
    client.force_login(people["officer"])
    response = client.post(START, {**sent(), "client_key": key}, **JSON)
    assert response.status_code == 400
    assert "no key" in response.content.decode()
    assert not Report.objects.exists()


def test_without_javascript_it_files_like_any_report(client, people, checklist):
    client.force_login(people["officer"])
    response = client.post(START, sent(submit="1"))
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == f"/field/reports/{report.pk}/"
    assert client.post(START, sent(submit="1")).url == f"/field/reports/{report.pk}/"
    assert Report.objects.count() == 1
