"""Playing without JavaScript: one decision at a time, timed on the server, safe against reloads,
the back button and double submits; scored against the best path."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.roles import Role
from defuse.training import player
from defuse.training.importer import import_file
from defuse.training.models import Attempt, AttemptStep, Scenario
from defuse.training.scoring import best_path

from .conftest import FILES


def step_of(response) -> str:
    found = re.search(r'name="step" value="(\d+)"', response.content.decode())
    assert found, "no step field on the page"
    return found.group(1)


def start(client, scenario) -> str:
    response = client.post(reverse("training:start", args=[scenario.slug]))
    assert response.status_code == 302
    return response.url


def choose(client, url, choice, step=None):
    if step is None:
        step = step_of(client.get(url))
    return client.post(url, {"step": step, "choice": choice})


def test_best_path_is_computed_from_the_graph(small_scenario):
    best = best_path(small_scenario.latest_version.spec)
    assert best.steps == [("Doorstep", 0), ("Talking", 0)]
    assert best.total == 8
    assert best.ending == "Agreed"
    # Per criterion, what the ideal play earns: assess only comes through the Standoff detour,
    # which the ideal play never takes, so it is not assessed there.
    assert best.criterion_max["assess"] == 0


def test_an_officer_plays_to_an_ending_and_sees_the_review(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    page = client.get(url)
    assert page.status_code == 200
    assert "A man opens the door" in page.content.decode()
    assert "Decision 1" in page.content.decode()
    assert choose(client, url, "0").url.endswith(url + "#passage")
    done = choose(client, url, "0")
    attempt = Attempt.objects.get()
    assert done.url == reverse("training:review", args=[attempt.pk])
    assert attempt.status == Attempt.Status.COMPLETED
    assert (attempt.total_points, attempt.scaled, attempt.passed) == (8, 1.0, True)
    assert attempt.outcome == "voluntary_compliance"
    review = client.get(done.url).content.decode()
    assert "Passed" in review and "100%" in review
    assert "Starting calm sets the tone." in review


def test_a_screen_out_fails_the_attempt_whatever_the_points(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    choose(client, url, "0")
    choose(client, url, "1")  # push past him: screen-out
    attempt = Attempt.objects.get()
    assert attempt.screened_out and attempt.passed is False
    review = client.get(reverse("training:review", args=[attempt.pk])).content.decode()
    assert "Critical error" in review and "Entering without lawful grounds." in review
    assert "Offer to speak with the neighbour too" in review  # the best option is shown


def test_a_double_submit_records_one_step(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    first = client.post(url, {"step": "0", "choice": "0"})
    second = client.post(url, {"step": "0", "choice": "1"})
    assert first.status_code == second.status_code == 302
    attempt = Attempt.objects.get()
    assert attempt.step_count == 1
    assert list(attempt.steps.values_list("choice_index", flat=True)) == [0]
    assert attempt.current_passage == "Talking"


def test_the_back_button_cannot_rewrite_history(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    old_page = client.get(url)  # the page the back button would show again
    choose(client, url, "0")
    stale = client.post(url, {"step": step_of(old_page), "choice": "1"}, follow=True)
    assert "already recorded" in stale.content.decode()
    attempt = Attempt.objects.get()
    assert attempt.current_passage == "Talking" and attempt.step_count == 1
    assert client.get(url)["Cache-Control"].startswith("max-age=0")


def test_reloading_a_finished_attempt_goes_to_the_review(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    choose(client, url, "0")
    choose(client, url, "0")
    again = client.post(url, {"step": "1", "choice": "1"})
    attempt = Attempt.objects.get()
    assert again.url == reverse("training:review", args=[attempt.pk])
    assert attempt.steps.count() == 2 and not attempt.screened_out


def test_a_late_answer_takes_the_no_decision_branch(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    Attempt.objects.update(shown_at=timezone.now() - timedelta(seconds=40))  # timer is 30 s
    page = client.get(url).content.decode()
    assert "Time ran out" in page
    choose(client, url, "0", step="0")  # clicking the best choice no longer counts
    step = AttemptStep.objects.get()
    assert step.timed_out and step.choice_index is None and step.target == "Standoff"
    assert step.seconds >= 40


def test_an_answer_within_the_timer_counts(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    Attempt.objects.update(shown_at=timezone.now() - timedelta(seconds=25))
    choose(client, url, "0", step="0")
    assert AttemptStep.objects.get().choice_index == 0


def test_no_decision_is_refused_before_the_time_is_up(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    response = client.post(url, {"step": "0", "choice": "timeout"}, follow=True)
    assert "has not run out" in response.content.decode()
    assert not AttemptStep.objects.exists()


@pytest.mark.parametrize(
    "data", [{"step": "0", "choice": "9"}, {"step": "x", "choice": "0"}, {"choice": "-1"}, {}]
)
def test_bad_answers_get_a_message_not_an_error(client, officer, small_scenario, data):
    client.force_login(officer)
    url = start(client, small_scenario)
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert not AttemptStep.objects.exists()


def test_an_unfinished_attempt_is_resumed(client, officer, small_scenario):
    client.force_login(officer)
    url = start(client, small_scenario)
    choose(client, url, "0")
    assert start(client, small_scenario) == url
    page = client.get(reverse("training:my_training")).content.decode()
    assert "Resume" in page and "decision 2" in page
    assert Attempt.objects.count() == 1


def test_start_over_abandons_the_open_attempt(client, officer, small_scenario):
    client.force_login(officer)
    first = start(client, small_scenario)
    client.post(reverse("training:start", args=[small_scenario.slug]), {"restart": "1"})
    assert Attempt.objects.filter(status=Attempt.Status.ABANDONED).count() == 1
    assert client.get(first).status_code == 404


def test_an_attempt_stays_on_the_version_it_started(client, officer, small_scenario, write_file):
    client.force_login(officer)
    url = start(client, small_scenario)
    text = (FILES / "small.twee").read_text().replace("Noise complaint", "Noise complaint (v2)")
    text = text.replace("[[Order him outside->Standoff]]", "[[Order him outside->Struggle]]")
    import_file(write_file("small.twee", text))
    small_scenario.refresh_from_db()
    assert small_scenario.latest_version.number == 2
    choose(client, url, "1")  # "Order him outside" went to Standoff in version 1
    attempt = Attempt.objects.get()
    assert attempt.version.number == 1 and attempt.current_passage == "Standoff"
    new_attempt = player.start_or_resume(officer, small_scenario)
    assert new_attempt == attempt  # one open attempt per scenario, still version 1


def test_another_officer_cannot_play_or_see_my_attempt(
    client, officer, small_scenario, user_with_role, unit
):
    client.force_login(officer)
    url = start(client, small_scenario)
    colleague = user_with_role(Role.OFFICER, unit=unit)
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    assert client.post(url, {"step": "0", "choice": "0"}).status_code == 404
    assert not AttemptStep.objects.exists()


def test_a_passage_plays_its_captioned_video(client, officer, demo_scenarios):
    scenario = Scenario.objects.get(slug="footbridge-crisis")
    attempt = player.start_or_resume(officer, scenario)
    Attempt.objects.filter(pk=attempt.pk).update(current_passage="Pushback")
    client.force_login(officer)
    page = client.get(reverse("training:play", args=[attempt.pk])).content.decode()
    assert "<video controls" in page and '<track kind="captions"' in page
    assert "tactical-pause-demo" in page
