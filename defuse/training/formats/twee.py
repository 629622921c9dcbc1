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
    data: dict = {}
    if "StoryData" in special:
        data, data_problem = _story_data(special["StoryData"], filename)
        problems += data_problem
    if problems:
        raise ScenarioInvalid(problems)
    passages = [item for item in raw if item.name not in special]
    start = data.pop("start", "")
    if not start:
        start = "Start" if any(item.name == "Start" for item in passages) else ""
    return build_spec(title, start, passages, filename, twine=data)


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
            name, tags, metadata, error = _parse_header(header.group("rest"))
            if error:
                problems.append(Problem(Code.SYNTAX, error, filename, number, name))
            raw.append(RawPassage(name, tags, body="", line=number, metadata=metadata))
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


def _parse_header(rest: str) -> tuple[str, list[str], dict, str]:
    """Split `Name [tags] {metadata}`, honouring the backslash escapes of Twee 3 names; Twee 2's
    `<x,y>` position is read as the metadata's position."""
    name_chars: list[str] = []
    i = 0
    while i < len(rest) and rest[i] not in "[{":
        if rest[i] == "\\" and i + 1 < len(rest):
            i += 1
        name_chars.append(rest[i])
        i += 1
    name, tail = "".join(name_chars).strip(), rest[i:].strip()
    tags: list[str] = []
    metadata: dict = {}
    if tail.startswith("["):
        close = tail.find("]")
        if close < 0:
            return name, tags, metadata, "the tag list is not closed with ]"
        tags, tail = tail[1:close].split(), tail[close + 1 :].strip()
    twee2 = re.fullmatch(r"<\s*(-?\d+)\s*,\s*(-?\d+)\s*>", tail)
    if twee2:
        metadata, tail = {"position": f"{twee2.group(1)},{twee2.group(2)}"}, ""
    if tail:
        try:
            metadata = json.loads(tail)
        except (ValueError, RecursionError):
            return name, tags, {}, "the passage metadata is not valid JSON"
        if not isinstance(metadata, dict):
            message = 'the passage metadata must be a JSON object: {"position": ...}'
            return name, tags, {}, message
        metadata = {k: v for k, v in metadata.items() if k in ("position", "size")}
    if not name:
        return name, tags, metadata, "the passage header has no name"
    return name, tags, metadata, ""


STORY_DATA_KEYS = ("ifid", "format", "format-version", "tag-colors", "zoom", "start")


def _story_data(item: RawPassage, filename: str) -> tuple[dict, list[Problem]]:
    """StoryData's start passage and what the round trip keeps (STORY_DATA_KEYS)."""

    def problem(message: str, line: int = item.line) -> tuple[dict, list[Problem]]:
        return {}, [Problem(Code.SYNTAX, message, filename, line, "StoryData")]

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
    kept = {key: data[key] for key in STORY_DATA_KEYS if key in data}
    if not isinstance(kept.get("tag-colors", {}), dict):
        kept.pop("tag-colors")
    for key in ("ifid", "format", "format-version"):
        if key in kept and not isinstance(kept[key], str):
            kept[key] = str(kept[key])
    return kept, []


def escape_name(name: str) -> str:
    return re.sub(r"([\\\[\]{}])", r"\\\1", name)


def export_twee(spec: ScenarioSpec) -> str:
    twine = spec.twine
    # A story from Twine keeps its own StoryData; one written in Defuse opens in Harlowe.
    written_here = not twine.get("ifid")
    story_data = {
        "ifid": twine.get("ifid") or str(uuid.uuid5(IFID_NAMESPACE, spec.slug)).upper(),
        "format": twine.get("format", "Harlowe" if written_here else None),
        "format-version": twine.get("format-version", "3.3.9" if written_here else None),
        "start": spec.start,
    }
    story_data = {key: value for key, value in story_data.items() if value is not None}
    story_data.update({key: twine[key] for key in ("tag-colors", "zoom") if key in twine})
    parts = [
        f":: StoryTitle\n{spec.title}",
        ":: StoryData\n" + json.dumps(story_data, indent=2),
        f":: Scenario settings [{SETTINGS_TAG}]\n{settings_body(spec)}",
    ]
    kept = twine.get("passages", {})
    for passage in spec.passages:
        extra = kept.get(passage.name, {})
        header = _header(passage.name, passage_tags(passage, extra), extra)
        parts.append(f"{header}\n{passage_body(passage, extra)}")
    for special in twine.get("special", []):
        parts.append(f"{_header(special['name'], special.get('tags', []), special)}\n"
                     f"{special.get('text', '')}")  # fmt: skip
    return "\n\n\n".join(parts) + "\n"


def _header(name: str, tags: list[str], kept: dict) -> str:
    header = f":: {escape_name(name)}" + (f" [{' '.join(tags)}]" if tags else "")
    metadata = {key: kept[key] for key in ("position", "size") if kept.get(key)}
    return header + (f" {json.dumps(metadata)}" if metadata else "")
