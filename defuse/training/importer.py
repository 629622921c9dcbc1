"""Importing a scenario file, one way: parse it into a spec, validate the spec once, then save it
as a draft for an editor to publish (draft_spec), or publish it at once (import_spec), in one
transaction or not at all.

The scenario's StreamField is written from the spec only as the editor's copy; the version never
reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from wagtail.models import Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from defuse.hub.models import Audience, Subtopic

from .formats import read_scenario_file, read_scenario_text
from .models import Scenario, ScenarioVersion
from .spec import ScenarioSpec
from .stream import stream_data
from .validation import Code, Problem, References, ScenarioInvalid, draft_problems, validate
from .versions import publish_spec

SOURCES = {".twee": "twee", ".tw": "twee", ".html": "html", ".htm": "html"}
EDITOR_FIELDS = (
    "title", "summary", "estimated_minutes", "difficulty", "pass_mark", "start", "twine",
)  # fmt: skip


@dataclass
class Draft:
    """An import waiting for an editor to publish it."""

    scenario: Scenario
    spec: ScenarioSpec  # what the file says
    revision: Revision | None  # None: the file says what the scenario already says
    warnings: list[Problem]  # what to finish before publishing, the summary line first

    @property
    def unchanged(self) -> bool:
        return self.revision is None

    @property
    def scored(self) -> bool:
        return not self.warnings or self.warnings[0].code != Code.UNSCORED


def source_of(filename: str | Path) -> str:
    return SOURCES.get(Path(filename).suffix.lower(), "yaml")


def import_file(path: str | Path, user=None) -> ScenarioVersion:
    return import_spec(read_scenario_file(path), user=user, source=source_of(path))


def import_text(text: str, filename: str, user=None) -> ScenarioVersion:
    return import_spec(read_scenario_text(text, filename), user=user, source=source_of(filename))


def draft_text(text: str, filename: str, user=None) -> Draft:
    return draft_spec(read_scenario_text(text, filename), user=user, source=source_of(filename))


def draft_file(path: str | Path, user=None) -> Draft:
    return draft_spec(read_scenario_file(path), user=user, source=source_of(path))


def draft_spec(spec: ScenarioSpec, user=None, source: str = "yaml") -> Draft:
    """Save the spec as the draft of the scenario with spec.slug, for an editor to publish.
    An unscored story may be unfinished (draft_problems); re-importing what the scenario
    already says writes nothing."""
    refusals, warnings = draft_problems(validate(spec, References.from_database()))
    if refusals:
        raise ScenarioInvalid(refusals)
    warnings = warnings[:1] + list(spec.notes) + warnings[1:]
    with transaction.atomic():
        scenario = Scenario.objects.filter(slug=spec.slug).first()
        if scenario is not None and _says_already(scenario, spec):
            return Draft(scenario, spec, None, warnings)
        if scenario is None:  # saved empty first: a revision needs a primary key
            scenario = Scenario(slug=spec.slug, title=spec.title, start=spec.start, live=False)
            scenario.save()
        show_in_editor(scenario, spec)
        scenario.imported_from = source
        Scenario.objects.filter(pk=scenario.pk).update(imported_from=source)
        with disable_reference_index_auto_update():  # a draft: the live scenario is unchanged
            revision = scenario.save_revision(user=user, log_action=True, clean=False)
    return Draft(scenario, spec, revision, warnings)


def _says_already(scenario: Scenario, spec: ScenarioSpec) -> bool:
    latest = scenario.get_latest_revision_as_object() if scenario.latest_revision_id else None
    if latest is not None:
        return _meaning(latest.to_spec().to_dict()) == _meaning(spec.to_dict())
    version = scenario.latest_version
    return version is not None and _meaning(version.definition) == _meaning(spec.to_dict())


def _meaning(definition: dict) -> dict:
    """A definition without what says nothing: a criterion scored 0 (the editor keeps none)."""
    for passage in definition.get("passages", []):
        for choice in passage.get("choices", []):
            choice["score"] = {k: v for k, v in choice.get("score", {}).items() if v != 0}
    return definition


def import_spec(spec: ScenarioSpec, user=None, source: str = "yaml") -> ScenarioVersion:
    """Create or update the scenario with spec.slug and publish the spec as its next version
    at once: for the demo and for operators (`import_scenario --publish`); editors' imports
    are drafts (draft_spec)."""
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
