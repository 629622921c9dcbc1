"""Every path through every demo scenario, scored as the player would: the ideal play is 100 %
and passes, every screen-out fails, every ending in force or injury the author did not justify
fails, and the best option at a decision is never a screen-out nor worth less than the option
taken. The walk below is written apart from scoring.py: it enumerates the paths itself."""

import pytest

from defuse.demo.training import SCENARIO_DIR, SCENARIO_FILES
from defuse.training.formats import read_scenario_file
from defuse.training.scoring import best_path, decisions, score
from defuse.training.spec import CRITERIA

FORCE_ENDINGS = {"force_used", "injury"}


def paths(spec, name=None, taken=()):
    """Every path from the start: lists of (passage, choice index or None for no decision)."""
    passages = spec.by_name()
    name = name or spec.start
    passage = passages[name]
    if passage.is_ending:
        yield list(taken), name
        return
    for index, choice in enumerate(passage.choices):
        yield from paths(spec, choice.target, (*taken, (name, index)))
    if passage.timeout:
        yield from paths(spec, passage.timeout, (*taken, (name, None)))


def steps_of(spec, path):
    passages = spec.by_name()
    steps = []
    for name, index in path:
        passage = passages[name]
        choice = passage.choices[index] if index is not None else None
        critical = choice.screen_out if choice else passage.timeout_screen_out
        steps.append(
            {
                "passage": name,
                "points": {c: choice.points(c) for c in CRITERIA} if choice else {},
                "screen_out": bool(critical),
                "timed_out": choice is None,
            }
        )
    return steps


@pytest.fixture(scope="module", params=SCENARIO_FILES)
def spec(request):
    return read_scenario_file(SCENARIO_DIR / request.param)


def test_the_ideal_play_scores_100_and_passes(spec):
    ideal = best_path(spec)
    result = score(spec, steps_of(spec, ideal.steps), spec.pass_mark, ideal.ending)
    assert result.scaled == 1.0 and result.passed, (spec.slug, ideal.ending)
    for criterion, value in result.criterion_scaled.items():
        assert value in (1.0, None), (spec.slug, criterion, value)


def test_every_path_is_scored_by_the_rules(spec):
    passages, open_at = spec.by_name(), decisions(spec)
    walked = 0
    for path, ending in paths(spec):
        walked += 1
        steps = steps_of(spec, path)
        result = score(spec, steps, spec.pass_mark, ending)
        end = passages[ending]
        screened = any(step["screen_out"] for step in steps)
        if screened:
            assert not result.passed, (spec.slug, path)
        if end.ending in FORCE_ENDINGS and not end.justified:
            assert not result.passed, (spec.slug, path, ending)
        earned = sum(sum(step["points"].values()) for step in steps)
        available = sum(open_at[name].best_total for name, _ in path)
        assert result.total == earned and result.available == available
        if available:
            assert result.scaled == pytest.approx(min(earned / available, 1.0))
        for name, index in path:
            best = open_at[name]
            assert best.best_index is not None, (spec.slug, name)
            best_choice = passages[name].choices[best.best_index]
            assert not best_choice.screen_out, (spec.slug, name)
            if index is not None:
                assert best_choice.total >= passages[name].choices[index].total
    assert walked > 10, spec.slug  # the demo scenarios branch


def test_screen_outs_and_their_feedback_agree_with_the_points(spec):
    for passage in spec.decision_passages():
        for choice in passage.choices:
            if choice.screen_out:
                assert choice.total == 0, (spec.slug, passage.name, choice.label)


@pytest.mark.parametrize("filename", SCENARIO_FILES)
def test_each_options_feedback_agrees_with_its_points(filename):
    """Each option's verdict (what its feedback says it is, labelled from the feedback alone)
    agrees with the points, checked here apart from the validator: a best option has the most
    points at its decision and is no screen-out; a mistake has fewer than the best, and no more
    than any option marked best or acceptable there; every screen-out is a mistake."""
    spec = read_scenario_file(SCENARIO_DIR / filename)
    for passage in spec.decision_passages():
        verdicts = {choice.label: choice.verdict for choice in passage.choices}
        assert all(verdicts.values()), (passage.name, verdicts)
        safe = [c.total for c in passage.choices if not c.screen_out]
        kept = [c.total for c in passage.choices if c.verdict in ("best", "acceptable")]
        for choice in passage.choices:
            where = (filename, passage.name, choice.label)
            if choice.screen_out:
                assert choice.verdict == "mistake", where
            elif choice.verdict == "best":
                assert choice.total == max(safe), where
            elif choice.verdict == "mistake":
                assert choice.total < max(safe) and choice.total <= min(kept), where
