"""The YAML scenario format, checked against schema/scenario.schema.json with line numbers."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from defuse.core.vocabulary import OUTCOME_ALIASES

from ..spec import ChoiceSpec, PassageSpec, ScenarioSpec
from ..validation import Code, Problem, ScenarioInvalid

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "scenario.schema.json"


@cache
def schema_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


def parse_yaml(text: str, filename: str = "scenario.yaml") -> ScenarioSpec:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise ScenarioInvalid(
            [
                Problem(
                    Code.SYNTAX,
                    f"not valid YAML: {getattr(error, 'problem', error)}",
                    filename,
                    line,
                )
            ]
        ) from None
    lines = _line_map(node) if node is not None else {}
    problems = [
        _problem(error, lines, data, filename) for error in schema_validator().iter_errors(data)
    ]
    if problems:
        raise ScenarioInvalid(sorted(problems, key=lambda problem: problem.line))
    return _to_spec(data, lines, filename)


def _line_map(node, path=()) -> dict[tuple, int]:
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_line_map(value, (*path, key.value)))
            lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_line_map(item, (*path, index)))
    return lines


def _problem(error, lines, data, filename) -> Problem:
    path = tuple(error.absolute_path)
    line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), 0)
    passage = ""
    if len(path) >= 2 and path[0] == "passages" and isinstance(path[1], int):
        passage = str(data["passages"][path[1]].get("name", f"#{path[1] + 1}"))
    in_score = "score" in path and error.validator in {"minimum", "maximum", "type"}
    code = Code.SCORE_RANGE if in_score else Code.BAD_METADATA
    where = ".".join(str(part) for part in path) or "the file"
    return Problem(code, f"{where}: {error.message}", filename, line, passage)


def _to_spec(data: dict, lines: dict, filename: str) -> ScenarioSpec:
    passages = []
    for index, raw in enumerate(data["passages"]):
        choices = [
            ChoiceSpec(
                label=choice["label"],
                target=choice["to"],
                score=dict(choice.get("score", {})),
                techniques=list(choice.get("techniques", [])),
                feedback=choice.get("feedback", ""),
                screen_out=choice.get("screen_out", ""),
                learn=choice.get("learn", ""),
                line=lines.get(("passages", index, "choices", number), 0),
            )
            for number, choice in enumerate(raw.get("choices", []))
        ]
        fields = {
            key: raw[key]
            for key in ("text", "ending", "timer", "timeout", "image", "media", "captions")
            if key in raw
        }
        passage = PassageSpec(
            name=raw["name"], choices=choices, line=lines.get(("passages", index), 0), **fields
        )
        passage.text = passage.text.strip()
        passage.ending = OUTCOME_ALIASES.get(passage.ending, passage.ending)
        passages.append(passage)
    metadata = {
        key: data[key]
        for key in (
            "summary",
            "audiences",
            "subtopics",
            "estimated_minutes",
            "difficulty",
            "pass_mark",
        )
        if key in data
    }
    return ScenarioSpec(
        title=data["title"],
        slug=data["slug"],
        start=data["start"],
        passages=passages,
        source=filename,
        **metadata,
    )


def export_yaml(spec: ScenarioSpec) -> str:
    data = spec.to_dict()
    for passage in data["passages"]:
        for choice in passage["choices"]:
            choice["to"] = choice.pop("target")
    return yaml.safe_dump(_drop_empty(data), sort_keys=False, allow_unicode=True, width=100)


def _drop_empty(value):
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in ("", [], {}, None)}
    if isinstance(value, list):
        return [_drop_empty(item) for item in value]
    return value
