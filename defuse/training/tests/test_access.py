"""The permission ladder for every training view: anonymous → login; wrong person or role →
403/404; the officer their own records, supervisors their units', chiefs all."""

import pytest
from django.urls import reverse

from defuse.training import player
from defuse.training.models import Assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(people, small_scenario, supervisor_assignment):
    attempt = player.start_or_resume(people["officer"], small_scenario)
    player.answer(attempt.pk, people["officer"], 0, "0")
    player.answer(attempt.pk, people["officer"], 1, "0")
    attempt.refresh_from_db()
    assert attempt.passed and attempt.assignment == supervisor_assignment
    return attempt


@pytest.fixture
def supervisor_assignment(people, small_scenario, unit):
    from datetime import timedelta

    from django.utils import timezone

    assignment = Assignment.objects.create(
        scenario=small_scenario,
        assigned_by=people["supervisor"],
        due_date=timezone.localdate() + timedelta(days=5),
        pass_mark=60,
    )
    assignment.units.add(unit)
    return assignment


RECORD_VIEWS = ["review", "attempt_xapi", "certificate"]
# (view, who, expected status)
RECORD_LADDER = [
    ("officer", 200),
    ("colleague", 404),
    ("stranger", 404),
    ("supervisor", 200),
    ("other_supervisor", 404),
    ("chief", 200),
    ("editor", 404),
]


@pytest.mark.parametrize("view", RECORD_VIEWS)
def test_attempt_records_anonymous_must_log_in(client, finished, view):
    response = client.get(reverse(f"training:{view}", args=[finished.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("view", RECORD_VIEWS)
@pytest.mark.parametrize("who, status", RECORD_LADDER)
def test_attempt_records_ladder(client, people, finished, view, who, status):
    client.force_login(people[who])
    assert client.get(reverse(f"training:{view}", args=[finished.pk])).status_code == status


SUPERVISOR_VIEWS = [
    ("dashboard", []),
    ("export_csv", []),
    ("xapi_export", []),
    ("scenario_stats", ["noise-complaint"]),
    ("assignment_new", []),
]


@pytest.mark.parametrize("view, args", SUPERVISOR_VIEWS)
def test_supervisor_views_ladder(client, people, small_scenario, view, args):
    url = reverse(f"training:{view}", args=args)
    assert "/accounts/login/" in client.get(url).url
    for who in ("officer", "editor"):
        client.force_login(people[who])
        assert client.get(url).status_code == 403, who
    for who in ("supervisor", "chief"):
        client.force_login(people[who])
        assert client.get(url).status_code == 200, who


def test_assignment_detail_ladder(client, people, supervisor_assignment):
    url = reverse("training:assignment", args=[supervisor_assignment.pk])
    assert "/accounts/login/" in client.get(url).url
    expected = {"officer": 403, "other_supervisor": 404, "supervisor": 200, "chief": 200}
    for who, status in expected.items():
        client.force_login(people[who])
        assert client.get(url).status_code == status, who


@pytest.mark.parametrize("view", ["my_training"])
def test_officer_views_need_login(client, people, view):
    url = reverse(f"training:{view}")
    assert "/accounts/login/" in client.get(url).url
    client.force_login(people["officer"])
    assert client.get(url).status_code == 200


def test_playing_views_need_login(client, small_scenario):
    for url in (
        reverse("training:scenario", args=[small_scenario.slug]),
        reverse("training:play", args=[1]),
    ):
        assert "/accounts/login/" in client.get(url).url
    response = client.post(reverse("training:start", args=[small_scenario.slug]))
    assert "/accounts/login/" in response.url


def test_dashboard_shows_only_the_supervisors_units(client, people, finished, small_scenario):
    stranger_attempt = player.start_or_resume(people["stranger"], small_scenario)
    player.answer(stranger_attempt.pk, people["stranger"], 0, "1")
    player.answer(stranger_attempt.pk, people["stranger"], 1, "1")
    client.force_login(people["supervisor"])
    page = client.get(reverse("training:dashboard")).content.decode()
    assert str(people["officer"].unit) in page
    # The full name: Faker's last names repeat, and the supervisor's own first name is on the page.
    assert people["stranger"].get_full_name() not in page
    csv_text = b"".join(client.get(reverse("training:export_csv")).streaming_content).decode()
    assert people["officer"].username in csv_text
    assert people["stranger"].username not in csv_text
    client.force_login(people["chief"])
    csv_text = b"".join(client.get(reverse("training:export_csv")).streaming_content).decode()
    assert people["stranger"].username in csv_text and people["officer"].username in csv_text


def test_supervisors_cannot_assign_outside_their_units(client, people, small_scenario):
    client.force_login(people["supervisor"])
    response = client.post(
        reverse("training:assignment_new"),
        {
            "scenario": small_scenario.pk,
            "officers": [people["stranger"].pk],
            "due_date": "2099-01-01",
            "pass_mark": "70",
        },
    )
    assert response.status_code == 400
    assert "not one of the available choices" in response.content.decode()
    assert not Assignment.objects.exists()


def test_debrief_notes_by_the_officers_supervisor_only(client, people, finished):
    url = reverse("training:add_note", args=[finished.pk, 0])
    for who, status in (("officer", 403), ("other_supervisor", 404), ("colleague", 404)):
        client.force_login(people[who])
        assert client.post(url, {"text": "Note"}).status_code == status, who
    client.force_login(people["supervisor"])
    response = client.post(url, {"text": "Good opening: you gave your name first."})
    assert response.status_code == 302
    client.force_login(people["officer"])
    review = client.get(reverse("training:review", args=[finished.pk])).content.decode()
    assert "Good opening: you gave your name first." in review
    assert "Debrief note on decision" not in review  # the officer cannot add notes


def test_an_empty_note_keeps_the_page_and_says_why(client, people, finished):
    client.force_login(people["supervisor"])
    response = client.post(reverse("training:add_note", args=[finished.pk, 1]), {"text": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
