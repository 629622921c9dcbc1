"""Writing a scenario in the Wagtail admin: the same validator, publishing makes a version, and
the preview draws the graph."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from defuse.accounts.roles import Role
from defuse.training import player
from defuse.training.models import Scenario

pytestmark = pytest.mark.django_db

CRITERIA_ZERO = dict.fromkeys(("core", "collect", "assess", "powers", "options", "act"), "0")


def choice(label, target, **points):
    return {
        "value": {
            "label": label,
            "target": target,
            **CRITERIA_ZERO,
            **{k: str(v) for k, v in points.items()},
            "techniques": "time",  # one value; SelectMultiple reads it with getlist
            "feedback": f"Feedback on {label}.",
            "screen_out": "",
            "learn": "",
        },
        "deleted": "",
        "order": "0",
        "id": "",
    }


def passage(name, text, choices=(), ending=""):
    listing = {"count": str(len(choices))}
    for index, item in enumerate(choices):
        listing[str(index)] = {**item, "order": str(index)}
    return {
        "name": name,
        "text": text,
        "ending": ending,
        "timer": "",
        "timeout": "",
        "image": "",
        "media": "",
        "captions": "",
        "choices": listing,
    }


def form_data(passages, action="action-publish", start="Arrival"):
    data = nested_form_data(
        {
            "title": "Loud party",
            "slug": "loud-party",
            "summary": "Written in the admin.",
            "estimated_minutes": "5",
            "difficulty": "basic",
            "pass_mark": "70",
            "start": start,
            "passages": streamfield([("passage", p) for p in passages]),
        }
    )
    data[action] = "action"
    return data


GOOD = [
    passage("Arrival", "Music is blaring.", [choice("Knock and wait", "Door", core=2, act=1)]),
    passage("Door", "A student answers.", [choice("Ask them to turn it down", "Quiet", options=2)]),
    passage("Quiet", "They turn it down.", ending="voluntary_compliance"),
]


@pytest.fixture
def trainer(client, supervisor):
    client.force_login(supervisor)
    return supervisor


def test_a_supervisor_writes_and_publishes_a_scenario(client, trainer):
    response = client.post(reverse("wagtailsnippets_training_scenario:add"), form_data(GOOD))
    assert response.status_code == 302, response.content.decode()[:3000]
    scenario = Scenario.objects.get()
    assert scenario.live
    version = scenario.latest_version
    assert version.number == 1 and version.created_by == trainer
    assert version.spec.passage("Arrival").choices[0].score == {"core": 2, "act": 1}
    assert version.spec.passage("Arrival").choices[0].techniques == ["time"]


def test_editing_publishes_a_new_version_and_keeps_the_old(client, trainer):
    client.post(reverse("wagtailsnippets_training_scenario:add"), form_data(GOOD))
    scenario = Scenario.objects.get()
    changed = [
        passage("Arrival", "Music is very loud.", [choice("Knock and wait", "Door", core=2)]),
        *GOOD[1:],
    ]
    response = client.post(
        reverse("wagtailsnippets_training_scenario:edit", args=[scenario.pk]), form_data(changed)
    )
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert [v.number for v in scenario.versions.all()] == [2, 1]
    assert scenario.latest_version.spec.passage("Arrival").text == "Music is very loud."
    assert scenario.versions.get(number=1).spec.passage("Arrival").text == "Music is blaring."


def test_the_admin_refuses_a_broken_graph_and_keeps_the_input(client, trainer):
    broken = [GOOD[0], passage("Door", "A student answers.", [choice("Leave", "Nowhere")]), GOOD[2]]
    response = client.post(reverse("wagtailsnippets_training_scenario:add"), form_data(broken))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nowhere" in page and "does not exist" in page
    assert "Music is blaring." in page  # what was typed is still there
    assert not Scenario.objects.exists()


def test_preview_draws_the_graph(client, trainer):
    url = reverse("wagtailsnippets_training_scenario:preview_on_add")
    client.post(url, form_data(GOOD, action="unused"))
    page = client.get(url).content.decode()
    assert '<svg class="scenario-diagram"' in page
    assert "Scoring check" in page and "5 points) scores <strong>100 %</strong>" in page
    assert "Best option here" in page
    assert "Ask them to turn it down" in page


def test_officers_cannot_reach_scenario_admin(client, user_with_role):
    client.force_login(user_with_role(Role.OFFICER))
    response = client.get(reverse("wagtailsnippets_training_scenario:add"))
    assert response.status_code in (302, 403)
    assert not Scenario.objects.exists()


def test_a_played_scenario_cannot_be_deleted(client, administrator, officer, small_scenario):
    player.start_or_resume(officer, small_scenario)
    client.force_login(administrator)
    url = reverse("wagtailsnippets_training_scenario:delete", args=[small_scenario.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Scenario.objects.filter(pk=small_scenario.pk).exists()


def test_an_unplayed_scenario_can_be_deleted(client, administrator, small_scenario):
    client.force_login(administrator)
    url = reverse("wagtailsnippets_training_scenario:delete", args=[small_scenario.pk])
    assert client.post(url).status_code == 302
    assert not Scenario.objects.exists()
