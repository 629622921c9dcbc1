"""Twee 3 (iftechfoundation/twine-specs, twee-3-specification.md) in our passage convention."""

from __future__ import annotations

import json
import re
import uuid

from ..spec import ScenarioSpec
from ..validation import Code, Problem, ScenarioInvalid
from .passages import (
    SETTINGS_TAG,
    RawPassage,
    build_spec,
    passage_body,
    passage_tags,
    settings_body,
)

HEADER = re.compile(r"^::\s*(?P<rest>.*)$")
IFID_NAMESPACE = uuid.UUID("6f1d6c1e-3b1a-4c55-9a43-5d2f0e8b7a10")


def parse_twee(text: str, filename: str = "scenario.twee") -> ScenarioSpec:
    raw, problems = _split(text.replace("\r\n", "\n"), filename)
    special: dict[str, RawPassage] = {}
    for item in raw:
        if item.name in {"StoryTitle", "StoryData"}:
            if item.name in special:
                message = f"a second {item.name} passage (the first is on line "
                message += f"{special[item.name].line})"
                problems.append(Problem(Code.SYNTAX, message, filename, item.line, item.name))
            else:
                special[item.name] = item
    title = special["StoryTitle"].body.strip() if "StoryTitle" in special else ""
    start = ""
    if "StoryData" in special:
        start, data_problem = _story_start(special["StoryData"], filename)
        problems += data_problem
    if problems:
        raise ScenarioInvalid(problems)
    passages = [item for item in raw if item.name not in special]
    if not start:
        start = "Start" if any(item.name == "Start" for item in passages) else ""
    return build_spec(title, start, passages, filename)


def _split(text: str, filename: str) -> tuple[list[RawPassage], list[Problem]]:
    raw: list[RawPassage] = []
    problems: list[Problem] = []
    body: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        header = HEADER.match(line)
        if header:
            if raw:
                raw[-1].body = "\n".join(body).rstrip("\n")
            body = []
            name, tags, error = _parse_header(header.group("rest"))
            if error:
                problems.append(Problem(Code.SYNTAX, error, filename, number, name))
            raw.append(RawPassage(name=name, tags=tags, body="", line=number))
        elif raw:
            body.append(line)
        elif line.strip() and not problems:  # once is enough: it may be a whole other file
            problems.append(
                Problem(Code.SYNTAX, "text before the first passage header (::)", filename, number)
            )
    if raw:
        # Leading blank lines stay, so that body line N is line N after the header.
        raw[-1].body = "\n".join(body).rstrip("\n")
    return raw, problems


def _parse_header(rest: str) -> tuple[str, list[str], str]:
    """Split `Name [tags] {metadata}`, honouring the backslash escapes of Twee 3 names."""
    name_chars: list[str] = []
    i = 0
    while i < len(rest) and rest[i] not in "[{":
        if rest[i] == "\\" and i + 1 < len(rest):
            i += 1
        name_chars.append(rest[i])
        i += 1
    name, tail = "".join(name_chars).strip(), rest[i:].strip()
    tags: list[str] = []
    if tail.startswith("["):
        close = tail.find("]")
        if close < 0:
            return name, tags, "the tag list is not closed with ]"
        tags, tail = tail[1:close].split(), tail[close + 1 :].strip()
    if tail:
        try:
            metadata = json.loads(tail)
        except (ValueError, RecursionError):
            return name, tags, "the passage metadata is not valid JSON"
        if not isinstance(metadata, dict):
            return name, tags, 'the passage metadata must be a JSON object: {"position": ...}'
    if not name:
        return name, tags, "the passage header has no name"
    return name, tags, ""


def _story_start(item: RawPassage, filename: str) -> tuple[str, list[Problem]]:
    def problem(message: str, line: int = item.line) -> tuple[str, list[Problem]]:
        return "", [Problem(Code.SYNTAX, message, filename, line, "StoryData")]

    try:
        data = json.loads(item.body if item.body.strip() else "{}")
    except json.JSONDecodeError as error:
        return problem(f"StoryData is not valid JSON: {error.msg}", item.line + error.lineno)
    except (ValueError, RecursionError):
        return problem("StoryData is not valid JSON")
    if not isinstance(data, dict):
        return problem('StoryData must be a JSON object: {"ifid": ..., "start": ...}')
    start = data.get("start", "")
    if not isinstance(start, str):
        return problem("StoryData's start must be the name of a passage, in quotes")
    return start, []


def escape_name(name: str) -> str:
    return re.sub(r"([\\\[\]{}])", r"\\\1", name)


def export_twee(spec: ScenarioSpec) -> str:
    story_data = {
        "ifid": str(uuid.uuid5(IFID_NAMESPACE, spec.slug)).upper(),
        "format": "Harlowe",
        "format-version": "3.3.9",
        "start": spec.start,
    }
    parts = [
        f":: StoryTitle\n{spec.title}",
        ":: StoryData\n" + json.dumps(story_data, indent=2),
        f":: Scenario settings [{SETTINGS_TAG}]\n{settings_body(spec)}",
    ]
    for passage in spec.passages:
        tags = passage_tags(passage)
        header = f":: {escape_name(passage.name)}" + (f" [{' '.join(tags)}]" if tags else "")
        parts.append(f"{header}\n{passage_body(passage)}")
    return "\n\n\n".join(parts) + "\n"
