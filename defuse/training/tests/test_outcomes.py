"""Scenario endings use the shared outcome vocabulary (defuse.core.vocabulary): the codes field
reports use. "referred", the older spelling of "referral", is still read from scenario files,
and the migration renamed it wherever a training outcome was stored."""

import dataclasses
import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from wagtail.models import Revision

from defuse.core.vocabulary import SCENARIO_OUTCOMES, Outcome
from defuse.training.formats import read_scenario_text
from defuse.training.formats.yaml_format import SCHEMA_PATH
from defuse.training.models import Attempt, Scenario, ScenarioVersion
from defuse.training.stream import stream_data
from defuse.training.validation import Code, validate

from .conftest import FILES
from .test_importer import DEMO

REFERRAL = importlib.import_module("defuse.training.migrations.0002_outcome_referral")


@pytest.mark.parametrize(
    "path, ending, written",
    [
        (FILES / "small.twee", "ending:voluntary_compliance", "ending:referred"),
        (FILES / "story.html", "ending:voluntary_compliance", "ending:referred"),
        (DEMO / "school.yaml", "ending: referral", "ending: referred"),
    ],
    ids=["twee", "html", "yaml"],
)
def test_files_may_still_say_referred(path, ending, written):
    text = path.read_text(encoding="utf-8")
    assert text.count(ending) == 1
    spec = read_scenario_text(text.replace(ending, written), path.name)
    endings = [passage.ending for passage in spec.endings()]
    assert Outcome.REFERRAL in endings and "referred" not in endings
    assert not validate(spec)


@pytest.mark.parametrize(
    "ending, valid",
    [(outcome.value, True) for outcome in SCENARIO_OUTCOMES]
    + [("advice", False), ("citation", False), ("referred", False)],
)
def test_an_ending_is_one_of_the_scenario_outcomes(ending, valid):
    spec = read_scenario_text((FILES / "small.twee").read_text(), "small.twee")
    agreed = dataclasses.replace(spec.passage("Agreed"), ending=ending)
    spec.passages = [agreed if p.name == "Agreed" else p for p in spec.passages]
    problems = [p for p in validate(spec) if p.passage == "Agreed" and p.code != Code.IDEAL_ENDING]
    assert (problems == []) is valid
    assert valid or problems[0].code == Code.BAD_METADATA


def test_the_yaml_schema_lists_the_scenario_outcomes_and_the_old_spelling():
    schema = json.loads(SCHEMA_PATH.read_text())
    endings = schema["$defs"]["passage"]["properties"]["ending"]["enum"]
    assert endings == [outcome.value for outcome in SCENARIO_OUTCOMES] + ["referred"]


def _store_referred(scenario: Scenario, user) -> Attempt:
    """What the database held before the rename: "referred" in every place an ending is kept."""
    version = ScenarioVersion.objects.get(scenario=scenario)
    spec = version.spec
    agreed = dataclasses.replace(spec.passage("Agreed"), ending="referred")
    spec = dataclasses.replace(
        spec, passages=[agreed if p.name == "Agreed" else p for p in spec.passages]
    )
    ScenarioVersion.objects.filter(pk=version.pk).update(definition=spec.to_dict())
    scenario.passages = stream_data(spec)
    scenario.save()
    scenario.save_revision(clean=False)
    now = timezone.now()
    return Attempt.objects.create(
        user=user,
        version=version,
        scenario=scenario,
        pass_mark=60,
        started_at=now,
        shown_at=now,
        current_passage="Agreed",
        status=Attempt.Status.COMPLETED,
        outcome="referred",
    )


def _stored_endings(scenario: Scenario, attempt: Attempt) -> dict[str, set[str]]:
    def endings(passages):
        return {p["ending"] for p in passages if p["ending"]}

    revisions = Revision.objects.for_instance(scenario)
    scenario = Scenario.objects.get(pk=scenario.pk)
    return {
        "attempt": {Attempt.objects.get(pk=attempt.pk).outcome},
        "version": endings(
            ScenarioVersion.objects.get(pk=scenario.latest_version_id).definition["passages"]
        ),
        "streamfield": endings(block["value"] for block in scenario.passages.raw_data),
        "revisions": set().union(
            *(endings(b["value"] for b in json.loads(r.content["passages"])) for r in revisions)
        ),
    }


def test_the_migration_renames_referred_wherever_it_was_stored(small_scenario, officer):
    attempt = _store_referred(small_scenario, officer)
    before = _stored_endings(small_scenario, attempt)
    assert all("referred" in found for found in before.values())

    REFERRAL.rename("referred", "referral")(django_apps, None)
    after = _stored_endings(small_scenario, attempt)
    assert after == {
        place: {"referral" if e == "referred" else e for e in found}
        for place, found in before.items()
    }

    REFERRAL.rename("referral", "referred")(django_apps, None)
    assert _stored_endings(small_scenario, attempt) == before
