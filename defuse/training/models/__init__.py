from .assignments import Assignment, AssignmentReminder
from .attempts import Attempt, AttemptStep, DebriefNote
from .scenarios import Scenario, ScenarioVersion
from .xapi import XapiStatement

__all__ = [
    "Assignment",
    "AssignmentReminder",
    "Attempt",
    "AttemptStep",
    "DebriefNote",
    "Scenario",
    "ScenarioVersion",
    "XapiStatement",
]
