"""An import runs one way: file → spec → validated once → a version holding that very spec, its
source set as the version is created. The StreamField is the editor's copy of the spec, never
read back by the import; an editor's publish in the admin still freezes what it says."""

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models.signals import post_save
from django.utils import timezone

from defuse.training.formats import read_scenario_file
from defuse.training.importer import import_file
from defuse.training.models import Scenario, ScenarioVersion
from defuse.training.stream import stream_data
from defuse.training.validation import ScenarioInvalid

from .conftest import FILES

DEMO = Path(__file__).resolve().parents[2] / "demo" / "scenarios"


@pytest.fixture
def versions_saved():
    """(created, source, update_fields) for every save of a ScenarioVersion."""
    saved = []

    def record(sender, instance, created, update_fields=None, **kwargs):
        saved.append((created, instance.source, update_fields))

    post_save.connect(record, sender=ScenarioVersion, dispatch_uid="test-versions-saved")
    yield saved
    post_save.disconnect(sender=ScenarioVersion, dispatch_uid="test-versions-saved")


def _no_streamfield_reading(scenario):
    raise AssertionError("an import must not read the StreamField back")


@pytest.mark.parametrize(
    "path, source",
    [
        (FILES / "small.twee", "twee"),
        (FILES / "story.html", "html"),
        (DEMO / "bridge.twee", "twee"),  # subtopics out of order: a round trip would sort them
        (DEMO / "school.yaml", "yaml"),
    ],
    ids=lambda value: getattr(value, "name", value),
)
def test_the_version_is_the_parsed_spec_with_its_source(
    demo_hub, monkeypatch, versions_saved, path, source
):
    monkeypatch.setattr(Scenario, "to_spec", _no_streamfield_reading)
    version = import_file(path)
    assert version.definition == read_scenario_file(path).to_dict()
    assert versions_saved == [(True, source, None)]
    assert ScenarioVersion.objects.get().source == source


def test_the_editor_sees_what_was_imported(small_scenario):
    version = small_scenario.latest_version
    scenario = Scenario.objects.get(pk=small_scenario.pk)
    assert scenario.live and scenario.live_revision is not None
    assert scenario.to_spec().passages == version.spec.passages


def test_an_admin_publish_after_an_import_freezes_the_streamfield(small_scenario, versions_saved):
    imported = small_scenario.latest_version.spec
    first = dataclasses.replace(imported.passages[0], text="Edited in the admin.")
    scenario = Scenario.objects.get(pk=small_scenario.pk)
    edited = dataclasses.replace(imported, passages=[first, *imported.passages[1:]])
    scenario.passages = stream_data(edited)
    scenario.save_revision().publish()
    scenario.refresh_from_db()
    version = scenario.latest_version
    assert (version.number, version.source) == (2, "admin")
    assert version.spec.passage(first.name).text == "Edited in the admin."
    assert versions_saved == [(True, "admin", None)]


def test_an_import_that_wagtail_would_only_schedule_is_refused_and_writes_nothing(home_page):
    scenario = import_file(FILES / "small.twee").scenario
    Scenario.objects.filter(pk=scenario.pk).update(go_live_at=timezone.now() + timedelta(days=3))
    versions = ScenarioVersion.objects.count()
    with pytest.raises(ScenarioInvalid) as refused:
        import_file(FILES / "small.twee")
    assert [p.code for p in refused.value.problems] == ["not-published"]
    assert ScenarioVersion.objects.count() == versions
