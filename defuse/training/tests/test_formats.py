"""Twee 3, Twine 2 HTML and YAML all read into the same scenario, and exports read back equal."""

from pathlib import Path

from django.core.management import call_command

from defuse.training.formats import export_twee, read_scenario_file
from defuse.training.formats.twee import parse_twee
from defuse.training.formats.yaml_format import export_yaml, parse_yaml
from defuse.training.importer import import_file
from defuse.training.models import Scenario

FILES = Path(__file__).resolve().parent / "files"
DEMO = Path(__file__).resolve().parents[2] / "demo" / "scenarios"


def test_twee_import_export_import_is_the_same_scenario(small_scenario, tmp_path):
    first = small_scenario.latest_version
    exported = tmp_path / "exported.twee"
    call_command("export_scenario", "noise-complaint", "--output", str(exported))
    second = import_file(exported)
    assert second.scenario == small_scenario
    assert second.number == first.number + 1
    assert second.definition == first.definition
    assert second.spec.passage("Doorstep").timeout == "Standoff"
    assert (
        second.spec.passage("Talking").choices[1].screen_out == "Entering without lawful grounds."
    )


def test_a_demo_twee_round_trip_keeps_everything(demo_hub):
    path = DEMO / "knife.twee"
    version = import_file(path)
    again = parse_twee(export_twee(version.spec), "again.twee")
    assert again.to_dict() == version.definition
    assert again.passages == read_scenario_file(path).passages


def test_twine_html_imports(db):
    version = import_file(FILES / "story.html")
    spec = version.spec
    assert version.source == "html"
    assert spec.title == "Lost child at the fair"
    assert spec.start == "Gate"
    assert spec.slug == "lost-child-fair"
    gate = spec.passage("Gate")
    assert gate.text == 'A father runs up: his daughter "Mia" is missing & he is shouting.'
    assert gate.timer == 20 and gate.timeout == "Crowd"
    assert gate.choices[0].score == {"collect": 2, "core": 1}
    assert gate.choices[0].techniques == ["tactical-communication"]
    assert spec.passage("Reunited").ending == "voluntary_compliance"


def test_yaml_round_trip(db):
    spec = read_scenario_file(DEMO / "school.yaml")
    assert parse_yaml(export_yaml(spec), "again.yaml").to_dict() == spec.to_dict()


def test_twee_and_yaml_describe_the_same_scenario(db):
    twee = read_scenario_file(FILES / "small.twee")
    yaml_spec = parse_yaml(export_yaml(twee), "small.yaml")
    assert yaml_spec.to_dict() == twee.to_dict()


def test_export_as_yaml_command(small_scenario, capsys):
    call_command("export_scenario", "noise-complaint", "--format", "yaml")
    assert "slug: noise-complaint" in capsys.readouterr().out


def test_importing_the_same_slug_makes_a_new_version_and_keeps_the_old(small_scenario):
    old = small_scenario.latest_version
    newer = import_file(FILES / "small.twee")
    assert (old.number, newer.number) == (1, 2)
    assert Scenario.objects.count() == 1
    assert small_scenario.versions.count() == 2
