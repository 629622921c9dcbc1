"""The demo scenarios are whole: each imports cleanly, has at least 12 decision passages and 3
endings, and seed_demo brings them in through the same importers (Twee included)."""

import pytest

from defuse.demo.training import SCENARIO_DIR, SCENARIO_FILES, ensure_demo_scenarios
from defuse.training.formats import read_scenario_file
from defuse.training.models import Scenario


@pytest.mark.parametrize("name", SCENARIO_FILES)
def test_each_demo_scenario_is_big_enough(name, db):
    spec = read_scenario_file(SCENARIO_DIR / name)
    assert len(spec.decision_passages()) >= 12
    assert len(spec.endings()) >= 3
    assert any(choice.screen_out for p in spec.passages for choice in p.choices)


def test_seed_imports_all_demo_scenarios_once(demo_hub):
    assert ensure_demo_scenarios() == len(SCENARIO_FILES)
    assert ensure_demo_scenarios() == 0
    sources = dict(Scenario.objects.values_list("slug", "latest_version__source"))
    assert sorted(sources.values()) == ["twee", "twee", "twee", "yaml", "yaml"]
    assert all(Scenario.objects.get(slug=slug).live for slug in sources)
