"""Scoring by decision on a small scenario whose detour used to pay more than the ideal path,
and the validator's scoring rules: screen-outs earn nothing and are never the only way on, an
unscored story is refused with a count of what was found, and the ideal play must end well."""

import dataclasses

import pytest
from django.urls import reverse

from defuse.training import player
from defuse.training.formats import read_scenario_text
from defuse.training.scoring import best_path, score
from defuse.training.spec import CRITERIA
from defuse.training.validation import Code, validate

from .conftest import FILES


@pytest.fixture
def spec():
    return read_scenario_text((FILES / "small.twee").read_text(), "small.twee")


def step(spec, name, index=None, timed_out=False):
    choice = spec.passage(name).choices[index] if index is not None else None
    return {
        "passage": name,
        "points": {c: choice.points(c) for c in CRITERIA if choice.points(c)} if choice else {},
        "screen_out": bool(choice.screen_out) if choice else False,
        "timed_out": timed_out,
    }


def test_the_ideal_play_is_100_and_the_detour_pays_less(spec):
    ideal = score(spec, [step(spec, "Doorstep", 0), step(spec, "Talking", 0)], 60, "Agreed")
    assert (ideal.total, ideal.available, ideal.scaled, ideal.passed) == (8, 8, 1.0, True)
    assert ideal.criterion_scaled["assess"] is None  # no decision faced could earn it
    assert ideal.criterion_scaled["act"] == 1.0
    detour = [step(spec, "Doorstep", 1), step(spec, "Standoff", 0), step(spec, "Talking", 0)]
    result = score(spec, detour, 60, "Agreed")
    # 1 of 4 at the door, 2 of 2 at the standoff, 4 of 4 talking: 7 of 10, less than 100 %.
    assert (result.total, result.available, result.scaled) == (7, 10, 0.7)
    # The order earned a powers point, but no best option here asks for powers: not assessed.
    assert result.criterion_scaled["powers"] is None
    assert result.criterion_scaled["core"] == 0.0  # the door's best option offered 1; none earned


def test_force_at_the_end_fails_unless_justified(spec):
    to_force = [step(spec, "Doorstep", 1), step(spec, "Standoff", 1)]
    result = score(spec, to_force, 0, "Struggle")
    assert not result.acceptable_ending and not result.passed
    struggle = dataclasses.replace(spec.passage("Struggle"), justified="He drew a weapon.")
    spec.passages = [struggle if p.name == "Struggle" else p for p in spec.passages]
    assert score(spec, to_force, 0, "Struggle").passed


def test_freezing_fails_where_the_author_says_it_is_critical(spec):
    doorstep = dataclasses.replace(spec.passage("Doorstep"), timeout_screen_out="Failed to act.")
    spec.passages = [doorstep if p.name == "Doorstep" else p for p in spec.passages]
    steps = [step(spec, "Doorstep", timed_out=True), step(spec, "Standoff", 0)]
    steps += [step(spec, "Talking", 0)]
    result = score(spec, steps, 0, "Agreed")
    assert result.screened_out and not result.passed


def test_the_best_option_is_never_a_screen_out(spec):
    ideal = best_path(spec)
    assert ideal.steps == [("Doorstep", 0), ("Talking", 0)]
    for name, index in ideal.steps:
        assert not spec.passage(name).choices[index].screen_out


def replace_choice(spec, passage, index, **changes):
    old = spec.passage(passage)
    choices = list(old.choices)
    choices[index] = dataclasses.replace(choices[index], **changes)
    new = dataclasses.replace(old, choices=choices)
    spec.passages = [new if p.name == passage else p for p in spec.passages]


def codes(spec):
    return [problem.code for problem in validate(spec)]


def test_the_small_scenario_is_valid(spec):
    assert codes(spec) == []


def test_a_screen_out_that_scores_is_refused(spec):
    replace_choice(spec, "Talking", 1, score={"act": 2})
    assert codes(spec) == [Code.SCREEN_OUT_SCORED]


def test_a_decision_with_only_screen_outs_is_refused(spec):
    replace_choice(spec, "Talking", 0, screen_out="Promises you cannot keep.", score={})
    assert Code.NO_SAFE_OPTION in codes(spec)


def test_an_unscored_story_is_refused_with_what_was_found(spec):
    for passage in spec.decision_passages():
        for index, _ in enumerate(passage.choices):
            replace_choice(spec, passage.name, index, score={})
    problems = validate(spec)
    assert [p.code for p in problems] == [Code.UNSCORED]
    assert problems[0].message.startswith("not yet a scored scenario: 3 decisions, 2 endings")


def test_an_ideal_play_that_ends_in_force_is_refused(spec):
    agreed = dataclasses.replace(spec.passage("Agreed"), ending="injury")
    spec.passages = [agreed if p.name == "Agreed" else p for p in spec.passages]
    assert codes(spec) == [Code.IDEAL_ENDING]
    spec.passages = [
        dataclasses.replace(agreed, justified="Written so.") if p.name == "Agreed" else p
        for p in spec.passages
    ]
    assert codes(spec) == []


def test_twee_reads_the_justification_and_a_critical_no_decision():
    text = (FILES / "small.twee").read_text()
    text = text.replace("<!-- no-decision -->", "<!-- no-decision -->\n<!-- screen-out: Froze. -->")
    text = text.replace(
        "He pushes back and the call ends in a struggle.",
        "He pushes back and the call ends in a struggle.\n<!-- justified: He drew a knife. -->",
    )
    spec = read_scenario_text(text, "small.twee")
    assert spec.passage("Doorstep").timeout_screen_out == "Froze."
    assert spec.passage("Struggle").justified == "He drew a knife."


def test_the_review_names_the_best_option_and_what_failed(client, officer, small_scenario):
    attempt = player.start_or_resume(officer, small_scenario)
    for index, choice in enumerate(["1", "1"]):  # an order, then a threat: the struggle
        player.answer(attempt.pk, officer, index, choice)
    client.force_login(officer)
    page = client.get(reverse("training:review", args=[attempt.pk])).content.decode()
    assert "Best option here: <em>Introduce yourself and lower your voice</em>" in page
    assert "Best option here: <em>Step back and start again</em>" in page
    assert "The encounter ended in force or injury that was avoidable." in page
    assert "below the pass mark" in page
    assert "Not assessed" in page  # no best option on this path asks for every criterion
