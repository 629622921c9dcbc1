"""The YAML scenario format, checked against schema/scenario.schema.json with line numbers."""

from __future__ import annotations

import json
import re
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


MAX_DEPTH = 50  # a scenario nests about six deep (passages, a passage, choices, a choice...)
MAX_VALUES = 100_000  # counting what aliases expand to, so that `&a [*b, *b, ...]` cannot blow up
MAX_MESSAGE = 300
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Control characters other than tab and line breaks, and lone surrogates (text decoded with
# errors="surrogateescape"): scenario text can hold neither, nor can the database.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


class YamlUnreadable(Exception):
    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.message, self.line = message, line


def load_yaml(text: str) -> tuple[yaml.Node | None, object]:
    """The node tree (for line numbers) and the data of one YAML document, or YamlUnreadable.

    Nesting and size are checked on the parser's events first, before anything recursive
    (composing, the schema) walks the document.
    """
    try:
        _check_shape(text)
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            data = _construct(loader, node)
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        message = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        if context:
            message = f"{message} ({context})"
        raise YamlUnreadable(message, mark.line + 1 if mark else 0) from None
    except RecursionError:
        raise YamlUnreadable("the file is nested too deeply") from None
    if node is not None:
        _check_strings(node)
    return node, data


def _construct(loader, node: yaml.Node | None) -> object:
    if node is None:
        return None
    try:
        return loader.construct_document(node)
    except yaml.YAMLError:
        raise
    except Exception as error:  # noqa: BLE001
        # PyYAML's constructors fail in their own ways on a value that only looks like its
        # type or is tagged as one: int("9" * 5000), 2020-02-30, `!!timestamp x`, `!!bool x`.
        line = 0
        for scalar in _walk(node):
            try:
                if isinstance(scalar, yaml.ScalarNode):
                    loader.construct_object(scalar)
            except Exception:  # noqa: BLE001 - this is the value that failed
                line = scalar.start_mark.line + 1
                break
        raise YamlUnreadable(f"a value cannot be read: {_shorten(str(error))}", line) from None


def _walk(root: yaml.Node):
    """Every node once, in the file's order, without recursion (aliases share nodes)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in reversed(node.value) for part in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)


def _check_shape(text: str) -> None:
    depth, total = 0, 0
    anchors: dict[str, int] = {}
    open_sizes: list[tuple[str | None, int]] = []  # (anchor, values counted before it opened)
    for event in yaml.parse(text, Loader=Loader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlUnreadable(f"the file is nested more than {MAX_DEPTH} levels deep", line)
            open_sizes.append((event.anchor, total))
            total += 1
        elif isinstance(event, yaml.CollectionEndEvent) and open_sizes:
            depth -= 1
            anchor, before = open_sizes.pop()
            if anchor is not None:
                anchors[anchor] = total - before
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if event.anchor is not None:
                anchors[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _ in open_sizes):
                message = f"the alias *{event.anchor} repeats a value it is inside"
                raise YamlUnreadable(message, line)
            total += anchors.get(event.anchor or "", 1)
        if total > MAX_VALUES:
            raise YamlUnreadable(
                f"the file holds more than {MAX_VALUES:,} values (counting what aliases repeat); "
                "a scenario needs far fewer",
                line,
            )


def _check_strings(root: yaml.Node) -> None:
    """Escapes ("\\0", "\\ud800") can put into a string what the file's text cannot hold."""
    for node in _walk(root):
        if isinstance(node, yaml.ScalarNode) and NOT_TEXT.search(node.value):
            raise YamlUnreadable(
                "a value holds a control character or a lone surrogate (an escape such as "
                '"\\0"); scenario text cannot hold these',
                node.start_mark.line + 1,
            )


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    return f"a single value ({_shorten(repr(value))})"


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def parse_yaml(text: str, filename: str = "scenario.yaml") -> ScenarioSpec:
    try:
        node, data = load_yaml(text)
    except YamlUnreadable as error:
        raise ScenarioInvalid(
            [Problem(Code.SYNTAX, f"not valid YAML: {error.message}", filename, error.line)]
        ) from None
    if not isinstance(data, dict):
        what = "empty" if data is None else f"{_kind(data)}, not `key: value` lines"
        message = f"the file is {what}: a scenario starts with title:, slug:, start: and passages:"
        raise ScenarioInvalid([Problem(Code.SYNTAX, message, filename, 1 if node else 0)])
    lines = _line_map(node) if node is not None else {}
    problems = [
        _problem(error, lines, data, filename) for error in schema_validator().iter_errors(data)
    ]
    if problems:
        raise ScenarioInvalid(sorted(problems, key=lambda problem: problem.line))
    return _to_spec(data, lines, filename)


def _line_map(root: yaml.Node) -> dict[tuple, int]:
    lines: dict[tuple, int] = {}
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):  # a key the schema can name
                    lines[(*path, key.value)] = key.start_mark.line + 1
                    stack.append((value, (*path, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, (*path, index)) for index, item in enumerate(node.value)]
    return lines


def _problem(error, lines, data, filename) -> Problem:
    path = tuple(error.absolute_path)
    line = next((lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in lines), 0)
    passage = ""
    if len(path) >= 2 and path[0] == "passages" and isinstance(path[1], int):
        raw = data["passages"][path[1]]
        name = raw.get("name") if isinstance(raw, dict) else None
        passage = name if isinstance(name, str) and name else f"#{path[1] + 1}"
    in_score = "score" in path and error.validator in {"minimum", "maximum", "type"}
    code = Code.SCORE_RANGE if in_score else Code.BAD_METADATA
    where = ".".join(str(part) for part in path) or "the file"
    return Problem(code, _shorten(f"{where}: {error.message}"), filename, line, passage)


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
                verdict=choice.get("verdict", ""),
                line=lines.get(("passages", index, "choices", number), 0),
            )
            for number, choice in enumerate(raw.get("choices", []))
        ]
        fields = {
            key: raw[key]
            for key in (
                "text",
                "ending",
                "timer",
                "visits",
                "timeout",
                "timeout_screen_out",
                "justified",
                "image",
                "media",
                "captions",
            )  # fmt: skip
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
            "twine",
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
