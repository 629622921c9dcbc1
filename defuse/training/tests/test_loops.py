"""Loops (act, review, re-assess): a passage's visit limit bounds the loop, the validator proves
every loop can be left for an ending, and scoring judges each visit against the options open
on it."""

import pytest

from defuse.training import player
from defuse.training.formats import export_twee, read_scenario_text
from defuse.training.formats.yaml_format import export_yaml
from defuse.training.importer import import_text
from defuse.training.review import build_review
from defuse.training.scoring import best_path, score
from defuse.training.stream import spec_from_scenario
from defuse.training.validation import Code, validate

from .conftest import play

PLATFORM = """:: StoryTitle
Platform edge

:: StoryData
{"ifid": "5E1F0C2A-1B2C-4D3E-8F90-0A1B2C3D4E5F", "start": "Start"}

:: Settings [defuse-settings]
slug: platform-edge

:: Start
A man paces close to the platform edge.
[[Talk to him from where you are->Assess]]
<!-- score: core=2 collect=1 -->
[[Grab his arm->Grab]]
<!-- screen-out: Grabbing someone at the edge puts you both on the tracks. -->

:: Assess
He answers, but keeps pacing.
[[Keep talking, then look again->Talk again]]
<!-- score: assess=2 options=1 -->
[[Hand over to the crisis team->Care]]
<!-- score: act=1 -->

:: Talk again [visits:2]
You ask about his day. He slows down.
[[Re-assess->Assess]]
<!-- score: assess=1 -->

:: Care [ending:transported_to_care]
He walks to the ambulance with the crisis worker.

:: Grab [ending:injury]
You both fall.
"""


def spec_of(text=PLATFORM):
    return read_scenario_text(text, "platform.twee")


def test_a_bounded_loop_is_valid_and_the_ideal_play_goes_round_it_then_leaves():
    spec = spec_of()
    assert validate(spec) == []
    ideal = best_path(spec)
    assert [name for name, _ in ideal.steps] == [
        "Start", "Assess", "Talk again", "Assess", "Talk again", "Assess",
    ]  # fmt: skip
    assert ideal.ending == "Care"
    passages = spec.by_name()
    chosen = [
        {"passage": name, "points": passages[name].choices[index].score, "screen_out": False}
        for name, index in ideal.steps
    ]
    result = score(spec, chosen, 70, ending="Care")
    # Third visit to Assess: "Keep talking" is closed, so the hand-over is the best open.
    assert result.best_at == [0, 0, 0, 0, 0, 1]
    assert (result.total, result.available, result.scaled, result.passed) == (12, 12, 1.0, True)
    assert all(share in (1.0, None) for share in result.criterion_scaled.values())


def test_leaving_the_loop_early_is_judged_against_what_each_visit_offered():
    spec = spec_of()
    chosen = [
        {"passage": "Start", "points": {"core": 2, "collect": 1}, "screen_out": False},
        {"passage": "Assess", "points": {"act": 1}, "screen_out": False},
    ]
    result = score(spec, chosen, 70, ending="Care")
    assert (result.total, result.available) == (4, 6)  # 3 + 1 of 3 + 3
    assert not result.passed


def test_a_loop_without_a_visit_limit_is_refused():
    problems = validate(spec_of(PLATFORM.replace(":: Talk again [visits:2]", ":: Talk again")))
    assert [p.code for p in problems] == [Code.CYCLE]
    assert "nothing limits the loop" in problems[0].message


def test_a_loop_that_could_trap_the_officer_is_refused():
    # The limit on Assess closes the only way on from "Talk again".
    text = PLATFORM.replace(":: Talk again [visits:2]", ":: Talk again")
    text = text.replace(":: Assess\n", ":: Assess [visits:3]\n")
    problems = validate(spec_of(text))
    assert [(p.code, p.passage) for p in problems] == [(Code.CYCLE, "Talk again")]
    assert "no option here is left that leads on to an ending" in problems[0].message


@pytest.mark.parametrize("visits", ["0", "21", "x"])
def test_a_visit_limit_is_a_whole_number_from_1_to_20(visits):
    problems = validate(spec_of(PLATFORM.replace("[visits:2]", f"[visits:{visits}]")))
    assert any("visit limit must be a whole number from 1 to 20" in p.message for p in problems)


def test_the_visit_limit_survives_twee_yaml_and_the_editor():
    spec = spec_of()
    assert read_scenario_text(export_twee(spec), "again.twee").to_dict() == spec.to_dict()
    assert read_scenario_text(export_yaml(spec), "again.yaml").passage("Talk again").visits == 2


@pytest.mark.django_db
def test_the_editor_copy_keeps_the_visit_limit(home_page):
    version = import_text(PLATFORM, "platform.twee")
    assert spec_from_scenario(version.scenario).passage("Talk again").visits == 2


@pytest.mark.django_db
def test_the_player_stops_offering_an_option_once_its_passage_has_had_its_visits(
    home_page, officer
):
    scenario = import_text(PLATFORM, "platform.twee").scenario
    attempt = play(officer, scenario, ["0", "0", "0", "0", "0"])
    assert attempt.current_passage == "Assess"
    offered = player.open_choices(attempt, attempt.version.spec.passage("Assess"))
    assert [label for _, choice in offered for label in [choice.label]] == [
        "Hand over to the crisis team"
    ]
    with pytest.raises(ValueError, match="no longer open"):
        player.answer(attempt.pk, officer, 5, "0")
    player.answer(attempt.pk, officer, 5, "1")
    attempt.refresh_from_db()
    assert (attempt.status, attempt.passed, attempt.scaled) == ("completed", True, 1.0)
    review = build_review(attempt)
    assert all(step.was_best for step in review["steps"])
    assert review["steps"][-1].best_choice.label == "Hand over to the crisis team"


@pytest.mark.django_db
def test_the_play_page_shows_only_the_open_options(client, home_page, officer):
    scenario = import_text(PLATFORM, "platform.twee").scenario
    attempt = play(officer, scenario, ["0", "0", "0", "0", "0"])
    client.force_login(officer)
    page = client.get(f"/training/attempts/{attempt.pk}/").content.decode()
    assert "Hand over to the crisis team" in page
    assert "Keep talking, then look again" not in page


def test_the_preview_draws_a_loop_and_its_scoring_check():
    from defuse.training.diagram import scenario_diagram
    from defuse.training.scoring import scoring_check

    spec = spec_of()
    drawing = str(scenario_diagram(spec))
    assert drawing.count("<svg") == 1 and "Talk again" in drawing
    check = scoring_check(spec)
    assert check.ideal.ending == "Care" and len(check.ideal.steps) == 6
