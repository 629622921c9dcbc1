"""Demo scenarios, written for Defuse. Three ship as Twee (for Twine) and two as YAML, and all go
through the same importers a trainer uses."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from defuse.accounts.models import Unit, User
from defuse.training.formats import read_scenario_file
from defuse.training.importer import import_file
from defuse.training.models import Assignment, Scenario

SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"
SCENARIO_FILES = ["bridge.twee", "knife.twee", "traffic-stop.yaml", "school.yaml", "bar.twee"]


def ensure_demo_scenarios() -> int:
    """Import each demo scenario that does not exist yet; returns how many were imported."""
    created = 0
    for name in SCENARIO_FILES:
        path = SCENARIO_DIR / name
        if not Scenario.objects.filter(slug=read_scenario_file(path).slug).exists():
            import_file(path)
            created += 1
    return created


def ensure_demo_assignment() -> None:
    """The demo supervisor assigns the footbridge scenario to A Squad, due in a week."""
    supervisor = User.objects.filter(username="supervisor").first()
    unit = Unit.objects.filter(name="A Squad").first()
    scenario = Scenario.objects.filter(slug="footbridge-crisis").first()
    if (
        not (supervisor and unit and scenario)
        or Assignment.objects.filter(scenario=scenario).exists()
    ):
        return
    assignment = Assignment.objects.create(
        scenario=scenario,
        assigned_by=supervisor,
        due_date=timezone.localdate() + timedelta(days=7),
        pass_mark=70,
        note="Everyone on A Squad, before the crisis-intervention refresher.",
    )
    assignment.units.add(unit)
