"""Importing a scenario file: read, validate, then write everything in one transaction or
nothing at all."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from .formats import read_scenario_file, read_scenario_text
from .spec import ScenarioSpec
from .validation import References, ScenarioInvalid, validate

SOURCES = {".twee": "twee", ".tw": "twee", ".html": "html", ".htm": "html"}


def import_file(path: str | Path, user=None):
    spec = read_scenario_file(path)
    return import_spec(spec, user=user, source=SOURCES.get(Path(path).suffix.lower(), "yaml"))


def import_text(text: str, filename: str, user=None):
    spec = read_scenario_text(text, filename)
    return import_spec(spec, user=user, source=SOURCES.get(Path(filename).suffix.lower(), "yaml"))


def import_spec(spec: ScenarioSpec, user=None, source: str = "yaml"):
    """Create or update the scenario with spec.slug and publish it as a new version."""
    from defuse.hub.models import Audience, Subtopic

    from .models import Scenario
    from .stream import stream_data

    problems = validate(spec, References.from_database())
    if problems:
        raise ScenarioInvalid(problems)
    with transaction.atomic():
        scenario = Scenario.objects.filter(slug=spec.slug).first()
        if scenario is None:  # saved empty first: a revision needs a primary key
            scenario = Scenario(slug=spec.slug, title=spec.title, start=spec.start, live=False)
            scenario.save()
        for field in ("title", "summary", "estimated_minutes", "difficulty", "pass_mark", "start"):
            setattr(scenario, field, getattr(spec, field))
        scenario.passages = stream_data(spec)
        scenario.audiences = list(Audience.objects.filter(slug__in=spec.audiences))
        scenario.subtopics = list(Subtopic.objects.filter(slug__in=spec.subtopics))
        # Already validated above, against the database too; the model's clean() would repeat it.
        revision = scenario.save_revision(user=user, log_action=True, clean=False)
        revision.publish(user=user)
        scenario.refresh_from_db()
        version = scenario.latest_version
        version.source = source
        version.save(update_fields=["source"])
    return version
