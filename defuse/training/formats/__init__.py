"""Reading scenarios from files and writing them back. See docs/scenario-formats.md."""

from pathlib import Path

from ..spec import ScenarioSpec
from ..validation import Code, Problem, ScenarioInvalid
from .twee import export_twee, parse_twee
from .twine_html import parse_twine_html
from .yaml_format import parse_yaml

READERS = {
    ".twee": parse_twee,
    ".tw": parse_twee,
    ".html": parse_twine_html,
    ".htm": parse_twine_html,
    ".yaml": parse_yaml,
    ".yml": parse_yaml,
}


def read_scenario_text(text: str, filename: str) -> ScenarioSpec:
    """Parse a scenario file's text; raise ScenarioInvalid listing syntax problems."""
    reader = READERS.get(Path(filename).suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        problem = Problem(Code.SYNTAX, f"unknown file type (use one of {known})", filename)
        raise ScenarioInvalid([problem])
    return reader(text, filename)


def read_scenario_file(path: str | Path) -> ScenarioSpec:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem(Code.SYNTAX, f"cannot read the file: {error}", str(path))
        raise ScenarioInvalid([problem]) from error
    return read_scenario_text(text, str(path))


__all__ = ["export_twee", "read_scenario_file", "read_scenario_text"]
