"""What the feedback says an option is (its verdict: best, acceptable, mistake) and what its
points say must agree: an import refuses a disagreement, the admin publishes with a warning."""

import pytest
from django.urls import reverse

from defuse.training.formats import export_twee, read_scenario_text
from defuse.training.models import Scenario
from defuse.training.validation import Code, validate

from .test_admin import choice, form_data, passage

DOORWAY = """:: StoryTitle
Doorway

:: StoryData
{"ifid": "7A0E5C4B-2D1F-4E3A-9B8C-7D6E5F4A3B2C", "start": "Door"}

:: Settings [defuse-settings]
slug: doorway

:: Door
A woman blocks the doorway, shouting that nobody is coming in.
[[Step back and ask what happened->Calm]]
<!-- score: core=2 collect=2 -->
<!-- feedback: Distance and a question give her room to answer. -->
<!-- verdict: best -->
[[Tell her to calm down->Calm]]
<!-- score: act=1 -->
<!-- feedback: Telling someone to calm down rarely calms them. -->
<!-- verdict: acceptable -->
[[Push the door open->Struggle]]
<!-- screen-out: Forcing entry with no lawful grounds. -->
<!-- feedback: Forcing the door turns a shouting match into a fight. -->
<!-- verdict: mistake -->

:: Calm [ending:voluntary_compliance]
She lets you talk on the step.

:: Struggle [ending:force_used]
The door slams into her.
"""


def problems(text=DOORWAY):
    return validate(read_scenario_text(text, "doorway.twee"))


def test_verdicts_that_agree_with_the_points_pass_and_round_trip():
    assert problems() == []
    spec = read_scenario_text(DOORWAY, "doorway.twee")
    assert [c.verdict for c in spec.passage("Door").choices] == ["best", "acceptable", "mistake"]
    assert read_scenario_text(export_twee(spec), "again.twee").to_dict() == spec.to_dict()


@pytest.mark.parametrize(
    ("change", "says"),
    [
        # The option the feedback calls best scores less than another.
        (
            ("score: act=1", "score: act=2 core=2 collect=2"),
            'is marked best, but "Tell her to calm down" scores more',
        ),
        # The feedback calls a mistake what the points make the best option.
        (
            (
                "<!-- verdict: acceptable -->",
                "<!-- verdict: mistake -->\n<!-- score: core=2 collect=2 assess=1 -->",
            ),
            "is marked a mistake, but it is the best option here",
        ),
        # The option the feedback calls a mistake outscores every other.
        (
            (
                "<!-- verdict: best -->",
                "<!-- verdict: mistake -->\n<!-- score: core=2 collect=2 assess=2 -->",
            ),
            '"Step back and ask what happened" is marked a mistake, but it is the best option',
        ),
        # A screen-out can never be the best.
        (
            ("<!-- verdict: mistake -->", "<!-- verdict: best -->"),
            "is marked best, but it is a screen-out",
        ),
    ],
)
def test_an_import_refuses_points_that_contradict_the_feedback(change, says):
    found = problems(DOORWAY.replace(*change, 1))
    assert found and all(p.code == Code.VERDICT for p in found), found
    assert all(p.passage == "Door" and p.line for p in found)
    assert any(says in p.message for p in found), found


def test_a_mistake_that_outscores_an_acceptable_option_is_named():
    # Pushing the door is no longer a screen-out, and it scores 3 against calm-down's 2.
    text = DOORWAY.replace("score: act=1", "score: act=1 core=1", 1)
    text = text.replace(
        "<!-- screen-out: Forcing entry with no lawful grounds. -->", "<!-- score: core=2 act=1 -->"
    )
    found = problems(text)
    assert [p.code for p in found] == [Code.VERDICT]
    assert 'scores more than "Tell her to calm down", marked acceptable' in found[0].message


def test_an_unknown_verdict_is_refused():
    found = problems(DOORWAY.replace("verdict: acceptable", "verdict: fine"))
    assert [p.code for p in found] == [Code.BAD_METADATA]
    assert 'verdict "fine" is not one of best, acceptable, mistake' in found[0].message


@pytest.mark.django_db
def test_the_admin_publishes_a_disagreement_with_a_warning(client, supervisor):
    client.force_login(supervisor)
    passages = [
        passage(
            "Arrival",
            "Music is blaring.",
            [
                choice("Knock and wait", "Quiet", core=1, verdict="best"),
                choice("Ask them to turn it down", "Quiet", core=2, verdict="acceptable"),
            ],
        ),
        passage("Quiet", "They turn it down.", ending="voluntary_compliance"),
    ]
    response = client.post(reverse("wagtailsnippets_training_scenario:add"), form_data(passages))
    assert response.status_code == 302
    scenario = Scenario.objects.get()
    assert scenario.live and scenario.latest_version.number == 1
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("Published, but check this" in m and "marked best" in m for m in shown)
