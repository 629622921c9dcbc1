"""One outcome vocabulary: each outcome spelt once, each offered by reports, scenarios or both."""

from defuse.core.vocabulary import (
    OUTCOME_ALIASES,
    REPORT_OUTCOMES,
    SCENARIO_OUTCOMES,
    Outcome,
    outcome_choices,
)


def test_every_outcome_is_offered_by_reports_or_scenarios():
    assert set(REPORT_OUTCOMES) | set(SCENARIO_OUTCOMES) == set(Outcome)
    for offered in (REPORT_OUTCOMES, SCENARIO_OUTCOMES):
        assert len(set(offered)) == len(offered)


def test_both_sides_share_the_outcomes_they_have_in_common():
    shared = [o.value for o in REPORT_OUTCOMES if o in SCENARIO_OUTCOMES]
    assert shared == ["voluntary_compliance", "referral", "transported_to_care", "disengaged"]
    assert dict(outcome_choices(SCENARIO_OUTCOMES))["referral"] == "Referred to services"


def test_an_alias_is_an_old_spelling_never_a_code():
    assert OUTCOME_ALIASES == {"referred": Outcome.REFERRAL}
    assert not set(OUTCOME_ALIASES) & set(Outcome.values)
