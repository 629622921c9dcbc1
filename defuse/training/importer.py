"""Importing a scenario file, one way: parse it into a spec, validate the spec once, then publish
a version built from that spec and the file's format, in one transaction or not at all.

The scenario's StreamField is written from the spec only as the editor's copy; the version never
reads it back.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from defuse.hub.models import Audience, Subtopic

from .formats import read_scenario_file, read_scenario_text
from .models import Scenario, ScenarioVersion
from .spec import ScenarioSpec
from .stream import stream_data
from .validation import References, ScenarioInvalid, validate
from .versions import publish_spec

SOURCES = {".twee": "twee", ".tw": "twee", ".html": "html", ".htm": "html"}
EDITOR_FIELDS = ("title", "summary", "estimated_minutes", "difficulty", "pass_mark", "start")


def source_of(filename: str | Path) -> str:
    return SOURCES.get(Path(filename).suffix.lower(), "yaml")


def import_file(path: str | Path, user=None) -> ScenarioVersion:
    return import_spec(read_scenario_file(path), user=user, source=source_of(path))


def import_text(text: str, filename: str, user=None) -> ScenarioVersion:
    return import_spec(read_scenario_text(text, filename), user=user, source=source_of(filename))


def import_spec(spec: ScenarioSpec, user=None, source: str = "yaml") -> ScenarioVersion:
    """Create or update the scenario with spec.slug and publish the spec as its next version."""
    problems = validate(spec, References.from_database())
    if problems:
        raise ScenarioInvalid(problems)
    with transaction.atomic():
        scenario = Scenario.objects.filter(slug=spec.slug).first()
        if scenario is None:  # saved empty first: a revision needs a primary key
            scenario = Scenario(slug=spec.slug, title=spec.title, start=spec.start, live=False)
            scenario.save()
        show_in_editor(scenario, spec)
        return publish_spec(scenario, spec, source, user=user)


def show_in_editor(scenario: Scenario, spec: ScenarioSpec) -> None:
    """Set the scenario's admin fields and StreamField to the spec, for editors to see."""
    for field in EDITOR_FIELDS:
        setattr(scenario, field, getattr(spec, field))
    scenario.passages = stream_data(spec)
    scenario.audiences = list(Audience.objects.filter(slug__in=spec.audiences))
    scenario.subtopics = list(Subtopic.objects.filter(slug__in=spec.subtopics))
