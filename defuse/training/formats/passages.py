"""The convention shared by Twee 3 and Twine 2 HTML: how a passage's tags and body carry
endings, timers, choices, scores, techniques, feedback, screen-outs and hub links.

    :: Name [timer:20 ending:voluntary_compliance]
    Narrative text.
    <!-- image: Title of a Wagtail image -->
    [[Choice label->Target passage]]
    <!-- score: collect=2 assess=1 -->
    <!-- techniques: time, distance -->
    <!-- feedback: Why this choice helps or hurts. -->
    <!-- screen-out: Why this choice fails the scenario. -->
    <!-- learn: slug-of-a-hub-item -->
    [[Froze->Target when the timer runs out]]
    <!-- no-decision -->

A passage tagged `defuse-settings` holds the scenario's metadata as YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from defuse.core.vocabulary import OUTCOME_ALIASES

from ..spec import ChoiceSpec, PassageSpec, ScenarioSpec
from ..validation import Code, Problem, ScenarioInvalid

SETTINGS_TAG = "defuse-settings"
LINK = re.compile(r"^\[\[(.+)\]\]$")
INLINE_LINK = re.compile(r"\[\[.+?\]\]")
COMMENT = re.compile(r"^<!--\s*([\w-]+)\s*(?::\s*(.*?))?\s*-->$", re.S)
PASSAGE_KEYS = {"image", "media", "captions", "justified"}
CHOICE_KEYS = {"score", "techniques", "feedback", "screen-out", "learn", "no-decision"}
SETTING_FIELDS = {
    "slug": "slug",
    "summary": "summary",
    "audiences": "audiences",
    "subtopics": "subtopics",
    "minutes": "estimated_minutes",
    "difficulty": "difficulty",
    "pass_mark": "pass_mark",
}


@dataclass
class RawPassage:
    name: str
    tags: list[str]
    body: str
    line: int  # line of the header; the body starts on the next line


@dataclass
class _Reader:
    filename: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, message, line=0, passage="", code=Code.SYNTAX):
        self.problems.append(Problem(code, message, self.filename, line, passage))


def build_spec(
    title: str,
    start: str,
    raw: list[RawPassage],
    filename: str,
    header_lines: list[int] | None = None,
) -> ScenarioSpec:
    """The scenario in `raw`, or ScenarioInvalid. `header_lines`, when given, are the lines
    the passages start on where that is not the line before their body (Twine's HTML)."""
    reader = _Reader(filename)
    spec = ScenarioSpec(title=title, slug="", start=start, source=filename)
    settings_at = 0  # the line of the settings passage, once there is one
    for index, item in enumerate(raw):
        line = header_lines[index] if header_lines is not None else item.line
        if SETTINGS_TAG not in item.tags:
            passage = _read_passage(item, reader)
            passage.line = line
            spec.passages.append(passage)
        elif not settings_at:
            settings_at = line
            _apply_settings(spec, item, reader)
        else:
            reader.problem(
                f"only one passage may be tagged {SETTINGS_TAG} (the first is on line "
                f"{settings_at})",
                line,
                item.name,
                Code.BAD_METADATA,
            )
    if reader.problems:
        raise ScenarioInvalid(reader.problems)
    return spec


def _apply_settings(spec: ScenarioSpec, item: RawPassage, reader: _Reader) -> None:
    from .yaml_format import YamlUnreadable, load_yaml  # the YAML reader's limits and lines

    try:
        node, settings = load_yaml(item.body)
    except YamlUnreadable as error:
        line = item.line + error.line if error.line else item.line
        return reader.problem(f"the settings are not valid YAML: {error.message}", line, item.name)
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        return reader.problem("the settings must be `key: value` lines", item.line + 1, item.name)
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                # The last of a repeated key is the one YAML keeps.
                key_lines[key_node.value] = item.line + 1 + key_node.start_mark.line
    kinds: dict[type, str] = {list: "a list", dict: "a set of `key: value` lines"}
    for key, value in settings.items():
        kind = kinds.get(type(value), repr(value))
        message = ""
        if key not in SETTING_FIELDS:
            message = f'unknown setting "{key}" (use {", ".join(SETTING_FIELDS)})'
        elif value is None:  # `summary:` with nothing after it: the default stays
            continue
        elif key in {"audiences", "subtopics"}:
            if isinstance(value, str):
                value = value.split(",")
            if isinstance(value, list) and all(isinstance(part, str) for part in value):
                value = [part.strip() for part in value if part.strip()]
            else:
                message = f"{key} must be names separated by commas, or a list of names"
        elif key in {"minutes", "pass_mark"}:
            if not isinstance(value, int) or isinstance(value, bool):
                message = f"{key} must be a whole number, not {kind[:40]}"
        elif isinstance(value, (list, dict)):
            message = f"{key} must be text, not {kind}"
        else:
            value = str(value)  # a slug or summary that YAML reads as a number or a date
        if message:
            line = key_lines.get(str(key), item.line + 1)
            reader.problem(message, line, item.name, Code.BAD_METADATA)
        else:
            setattr(spec, SETTING_FIELDS[key], value)
    spec.slug = str(spec.slug or "")
    return None


def _read_passage(item: RawPassage, reader: _Reader) -> PassageSpec:
    passage = PassageSpec(name=item.name, line=item.line)
    _read_tags(passage, item, reader)
    narrative: list[str] = []
    choice: ChoiceSpec | None = None
    for offset, text_line in enumerate(item.body.splitlines(), start=1):
        line_no = item.line + offset
        stripped = text_line.strip()
        link = LINK.match(stripped)
        comment = COMMENT.match(stripped)
        if link and "[[" not in link.group(1) and "]]" not in link.group(1):
            label, target = split_link(link.group(1))
            choice = ChoiceSpec(label=label, target=target, line=line_no)
            passage.choices.append(choice)
        elif comment:
            _read_comment(passage, choice, comment, line_no, reader)
        elif INLINE_LINK.search(stripped):
            reader.problem("put each choice link on a line of its own", line_no, item.name)
        elif choice is None:
            narrative.append(text_line.rstrip())
        elif stripped:
            reader.problem("narrative text must come before the choices", line_no, item.name)
    passage.text = "\n".join(narrative).strip()
    return passage


def _read_tags(passage: PassageSpec, item: RawPassage, reader: _Reader) -> None:
    for tag in item.tags:
        key, _, value = tag.partition(":")
        if key == "ending":
            passage.ending = OUTCOME_ALIASES.get(value, value)
        elif key == "timer":
            # ASCII digits only: "²".isdigit() is true but int("²") fails. The validator
            # refuses -1 with the timer's range.
            passage.timer = int(value) if re.fullmatch(r"[0-9]{1,6}", value) else -1
        # Other tags are Twine's own (colours, notes) and are left alone.


def _read_comment(passage, choice, match, line_no, reader) -> None:
    key, value = match.group(1).lower(), (match.group(2) or "").strip()
    if choice is None:
        if key not in PASSAGE_KEYS:
            return reader.problem(
                f'"{key}" is not a passage setting (use {", ".join(sorted(PASSAGE_KEYS))}), '
                "or it belongs after a choice link",
                line_no,
                passage.name,
                Code.BAD_METADATA,
            )
        setattr(passage, key, value)
        return None
    if key not in CHOICE_KEYS:
        return reader.problem(
            f'"{key}" is not a choice setting (use {", ".join(sorted(CHOICE_KEYS))})',
            line_no,
            passage.name,
            Code.BAD_METADATA,
        )
    if key == "score":
        choice.score = _read_score(value, line_no, passage.name, reader)
    elif key == "techniques":
        choice.techniques = [part.strip() for part in value.split(",") if part.strip()]
    elif key == "no-decision":
        if choice not in passage.choices:
            return reader.problem(
                "this link is already the no-decision branch: one <!-- no-decision --> is enough",
                line_no,
                passage.name,
                Code.BAD_METADATA,
            )
        passage.timeout = choice.target
        passage.choices.remove(choice)
    elif choice not in passage.choices and key == "screen-out":  # after <!-- no-decision -->
        passage.timeout_screen_out = value
    else:
        setattr(choice, {"screen-out": "screen_out"}.get(key, key), value)
    return None


def _read_score(value: str, line_no: int, passage: str, reader: _Reader) -> dict:
    score: dict = {}
    for pair in value.split():
        criterion, sep, points = pair.partition("=")
        if not sep:
            reader.problem(
                f'score "{pair}" must look like collect=2', line_no, passage, Code.BAD_METADATA
            )
            continue
        # ASCII digits, and few of them (int() refuses more than 4,300); anything else stays
        # text, which the validator refuses with the points' range.
        score[criterion] = int(points) if re.fullmatch(r"-?[0-9]{1,6}", points) else points
    return score


def split_link(inner: str) -> tuple[str, str]:
    """Twine's three link forms: label->target, target<-label, label|target, or just target."""
    if "->" in inner:
        label, target = inner.rsplit("->", 1)
    elif "<-" in inner:
        target, label = inner.split("<-", 1)
    elif "|" in inner:
        label, target = inner.rsplit("|", 1)
    else:
        label = target = inner
    return label.strip(), target.strip()


def passage_body(passage: PassageSpec) -> str:
    """The body text of a passage in our convention (the inverse of _read_passage)."""
    lines = [passage.text] if passage.text else []
    for key in ("image", "media", "captions", "justified"):
        if getattr(passage, key):
            lines.append(f"<!-- {key}: {getattr(passage, key)} -->")
    for choice in passage.choices:
        lines.append(f"[[{choice.label}->{choice.target}]]")
        if choice.score:
            lines.append(
                "<!-- score: " + " ".join(f"{k}={v}" for k, v in choice.score.items()) + " -->"
            )
        if choice.techniques:
            lines.append(f"<!-- techniques: {', '.join(choice.techniques)} -->")
        for key, value in (
            ("feedback", choice.feedback),
            ("screen-out", choice.screen_out),
            ("learn", choice.learn),
        ):
            if value:
                lines.append(f"<!-- {key}: {value} -->")
    if passage.timeout:
        lines.append(f"[[No decision->{passage.timeout}]]")
        lines.append("<!-- no-decision -->")
        if passage.timeout_screen_out:
            lines.append(f"<!-- screen-out: {passage.timeout_screen_out} -->")
    return "\n".join(lines)


def passage_tags(passage: PassageSpec) -> list[str]:
    tags = [f"ending:{passage.ending}"] if passage.ending else []
    return tags + ([f"timer:{passage.timer}"] if passage.timer is not None else [])


def settings_body(spec: ScenarioSpec) -> str:
    settings = {
        "slug": spec.slug,
        "summary": spec.summary,
        "audiences": spec.audiences,
        "subtopics": spec.subtopics,
        "minutes": spec.estimated_minutes,
        "difficulty": spec.difficulty,
        "pass_mark": spec.pass_mark,
    }
    return yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=1000).strip()
