"""The convention shared by Twee 3 and Twine 2 HTML: how a passage's tags and body carry
endings, timers, choices, scores, techniques, feedback, screen-outs and hub links.

    :: Name [timer:20 ending:voluntary_compliance]
    Narrative text.
    <!-- image: Title of a Wagtail image -->
    [[Choice label->Target passage]]
    <!-- score: collect=2 assess=1 -->
    <!-- techniques: time, distance -->
    <!-- feedback: Why this choice helps or hurts. -->
    <!-- verdict: best (or acceptable, or mistake: checked against the points) -->
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
from django.utils.text import slugify

from defuse.core.vocabulary import OUTCOME_ALIASES

from ..spec import ChoiceSpec, PassageSpec, ScenarioSpec
from ..validation import Code, Problem, ScenarioInvalid
from .links import BACK, Link, escape, find_links, unescape

SETTINGS_TAG = "defuse-settings"
COMMENT = re.compile(r"^<!--\s*([\w-]+)\s*(?::\s*(.*?))?\s*-->$", re.S)
COMMENT_LINE = re.compile(r"(?m)^[ \t]*<!--\s*[\w-]+\s*(?::.*?)?-->[ \t]*$")
# Harlowe (set:), SugarCube <<set>>, Chapbook {embed passage: …} and [if …] modifiers.
STORY_CODE = re.compile(
    r"\((?:[a-z][\w-]*):|<<[a-z/][\w-]*|\{[a-z][a-z ]*[:}]"
    r"|^\[(?:if|unless|else|continue|after)\b[^\]]*\]",
    re.I | re.M,
)
GONE, GONE_END = "\x01", "\x02"  # around what a link or comment left (NOT_TEXT refuses both)
ONLY_GONE = re.compile("\x01[^\x02]*\x02")
PASSAGE_KEYS = {"image", "media", "captions", "justified"}
CHOICE_KEYS = {
    "score", "techniques", "feedback", "verdict", "screen-out", "learn", "no-decision",
}  # fmt: skip
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
    metadata: dict = field(default_factory=dict)  # Twine's: position and size in the map


# Passages a story format runs itself (scripts, styles, menus, captions…): kept, never played.
SPECIAL_NAMES = {
    "StoryInit", "StoryCaption", "StoryAuthor", "StorySubtitle", "StoryBanner", "StoryMenu",
    "StoryShare", "StorySettings", "StoryIncludes", "StoryInterface", "StoryDisplayTitle",
    "PassageReady", "PassageDone", "PassageHeader", "PassageFooter", "StoryStylesheet",
    "StoryScript", "StoryLoadScript",
}  # fmt: skip
SPECIAL_TAGS = {
    "script", "stylesheet", "Twine.private", "Twine.image", "widget", "header", "footer",
    "startup", "init",
}  # fmt: skip
NO_DECISION = "No decision"
OUR_TAG = re.compile(r"^(?:ending|timer|visits):")


@dataclass
class _Reader:
    filename: str
    problems: list[Problem] = field(default_factory=list)

    notes: list[Problem] = field(default_factory=list)
    timeout_labels: dict[str, str] = field(default_factory=dict)  # Twine's own, for the export

    def problem(self, message, line=0, passage="", code=Code.SYNTAX):
        self.problems.append(Problem(code, message, self.filename, line, passage))

    def note(self, message, line=0, passage=""):
        """Something the file holds that Defuse keeps but does not read: a warning, not a
        refusal."""
        self.notes.append(Problem(Code.NOT_READ, message, self.filename, line, passage))


def build_spec(
    title: str,
    start: str,
    raw: list[RawPassage],
    filename: str,
    header_lines: list[int] | None = None,
    twine: dict | None = None,
) -> ScenarioSpec:
    """The scenario in `raw`, or ScenarioInvalid. `header_lines`, when given, are the lines
    the passages start on where that is not the line before their body (Twine's HTML).
    `twine`: the story's own data (IFID, story format, tag colours…), kept for the round trip."""
    reader = _Reader(filename)
    spec = ScenarioSpec(title=title, slug="", start=start, source=filename)
    spec.twine = {key: value for key, value in (twine or {}).items() if value not in ("", None)}
    settings_at = 0  # the line of the settings passage, once there is one
    special: list[dict] = []
    for index, item in enumerate(raw):
        line = header_lines[index] if header_lines is not None else item.line
        if is_special(item):
            special.append(_kept(item, tags=item.tags))
        elif SETTINGS_TAG not in item.tags:
            passage = _read_passage(item, reader)
            passage.line = line
            spec.passages.append(passage)
            kept = _kept(item, tags=[tag for tag in item.tags if not OUR_TAG.match(tag)])
            kept.pop("text"), kept.pop("name")
            if item.name in reader.timeout_labels:
                kept["no-decision"] = reader.timeout_labels[item.name]
            if kept:
                spec.twine.setdefault("passages", {})[item.name] = kept
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
    if special:
        spec.twine["special"] = special
        names = ", ".join(item["name"] for item in special[:5])
        more = f" and {len(special) - 5} more" if len(special) > 5 else ""
        message = f"{len(special)} story-format passages ({names}{more}) are kept for export "
        reader.note(message + "but not played: Defuse runs no story scripts, styles or menus")
    _resolve_back_links(spec, reader)
    if not spec.slug:
        spec.slug = slugify(spec.title)[:100]
    if not spec.start and spec.passages:
        spec.start = spec.passages[0].name
        reader.note(f"the story names no start passage: Defuse starts at the first, "
                    f"“{spec.start}”", spec.passages[0].line, spec.start)  # fmt: skip
    spec.notes = reader.notes
    return spec


def is_special(item: RawPassage) -> bool:
    return item.name in SPECIAL_NAMES or any(
        tag in SPECIAL_TAGS or tag.startswith("debug-") for tag in item.tags
    )


def _kept(item: RawPassage, tags: list[str]) -> dict:
    kept: dict = {"name": item.name, "text": item.body}
    kept.update({"tags": tags} if tags else {})
    kept.update({key: value for key, value in item.metadata.items() if value})
    return kept


def _resolve_back_links(spec: ScenarioSpec, reader: _Reader) -> None:
    """A Chapbook {back link} goes back where the officer came from: the one passage that
    links here. Where several do, the author must choose."""
    came_from: dict[str, list[str]] = {}
    for passage in spec.passages:
        for target in passage.targets():
            if target != BACK:
                came_from.setdefault(target, []).append(passage.name)
    for passage in spec.passages:
        for choice in list(passage.choices):
            if choice.target != BACK:
                continue
            sources = sorted(set(came_from.get(passage.name, [])))
            if len(sources) == 1:
                choice.target = sources[0]
            else:
                passage.choices.remove(choice)
                where = " or ".join(f"“{name}”" for name in sources[:3]) or "nowhere"
                reader.note(f"a back link here could go back to {where}: add the option you "
                            "mean in the editor", choice.line, passage.name)  # fmt: skip


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
    """Links anywhere in the body become the passage's options, in order; a setting comment
    belongs to the option before it (or to the passage, before any). What is left is the
    narrative: a link alone on its line goes, a link inside a sentence leaves its label."""
    passage = PassageSpec(name=item.name, line=item.line)
    _read_tags(passage, item, reader)
    body = item.body
    comments = list(COMMENT_LINE.finditer(body))
    in_comment = [(m.start(), m.end()) for m in comments]
    links = [
        link
        for link in find_links(body)
        if not any(start <= link.start < end for start, end in in_comment)
    ]
    events = sorted([(link.start, link) for link in links] + [(m.start(), m) for m in comments],
                    key=lambda event: event[0])  # fmt: skip
    choice: ChoiceSpec | None = None
    for at, event in events:
        line_no = item.line + 1 + body.count("\n", 0, at)
        if isinstance(event, Link):
            if event.computed:
                reader.note(
                    "a link whose destination is worked out by story code cannot be read: "
                    "add that option in the editor",
                    line_no,
                    item.name,
                )
                continue
            if event.external:
                continue  # a credit or a reference: its label stays in the narrative
            choice = ChoiceSpec(label=event.label or event.target, target=event.target,
                                line=line_no)  # fmt: skip
            passage.choices.append(choice)
        else:
            match = COMMENT.match(event.group().strip())
            if match:
                _read_comment(passage, choice, match, line_no, reader)
    passage.text = _narrative(body, links, comments)
    code = STORY_CODE.search(passage.text)
    if code:
        reader.note(
            f"story-format code such as “{code.group()}” is shown to officers as text, because "
            "Defuse runs no story code: rewrite or remove it in the editor",
            item.line + 1 + body.count("\n", 0, body.find(code.group())),
            item.name,
        )
    return passage


def _narrative(body: str, links: list[Link], comments: list[re.Match]) -> str:
    spans = [(link.start, link.end, "" if link.computed else link.label) for link in links]
    spans += [(m.start(), m.end(), "") for m in comments]
    out, at = [], 0
    for start, end, label in sorted(spans):
        if start < at:
            continue
        out.append(body[at:start])
        out.append(f"{GONE}{label}{GONE_END}")
        at = end
    out.append(body[at:])
    kept = [
        line
        for line in "".join(out).split("\n")
        if not (GONE in line and not ONLY_GONE.sub("", line).strip())
    ]
    text = "\n".join(line.rstrip() for line in kept)
    return unescape(re.sub(f"[{GONE}{GONE_END}]", "", text)).strip()


def _read_tags(passage: PassageSpec, item: RawPassage, reader: _Reader) -> None:
    for tag in item.tags:
        key, _, value = tag.partition(":")
        if key == "ending":
            passage.ending = OUTCOME_ALIASES.get(value, value)
        elif key == "visits":
            passage.visits = int(value) if re.fullmatch(r"[0-9]{1,6}", value) else -1
        elif key == "timer":
            # ASCII digits only: "²".isdigit() is true but int("²") fails. The validator
            # refuses -1 with the timer's range.
            passage.timer = int(value) if re.fullmatch(r"[0-9]{1,6}", value) else -1
        # Other tags are Twine's own (colours, notes) and are left alone.


def _read_comment(passage, choice, match, line_no, reader) -> None:
    key, value = match.group(1).lower(), (match.group(2) or "").strip()
    if match.group(2) is None and key not in PASSAGE_KEYS | CHOICE_KEYS:
        return None  # an author's own <!-- note -->, not a setting: HTML shows none of it
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
        if choice.label != NO_DECISION:
            reader.timeout_labels[passage.name] = choice.label
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


def passage_body(passage: PassageSpec, kept: dict | None = None) -> str:
    """The body text of a passage in our convention (the inverse of _read_passage). `kept`:
    what the story's Twine data holds for the passage (spec.twine["passages"])."""
    lines = [escape(passage.text)] if passage.text else []
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
            ("verdict", choice.verdict),
            ("screen-out", choice.screen_out),
            ("learn", choice.learn),
        ):
            if value:
                lines.append(f"<!-- {key}: {value} -->")
    if passage.timeout:
        label = (kept or {}).get("no-decision", NO_DECISION)
        lines.append(f"[[{label}->{passage.timeout}]]")
        lines.append("<!-- no-decision -->")
        if passage.timeout_screen_out:
            lines.append(f"<!-- screen-out: {passage.timeout_screen_out} -->")
    return "\n".join(lines)


def passage_tags(passage: PassageSpec, kept: dict | None = None) -> list[str]:
    tags = [f"ending:{passage.ending}"] if passage.ending else []
    tags += [f"timer:{passage.timer}"] if passage.timer is not None else []
    tags += [f"visits:{passage.visits}"] if passage.visits is not None else []
    return tags + list((kept or {}).get("tags", []))


def settings_body(spec: ScenarioSpec) -> str:
    settings = {
        "slug": spec.slug,
        "summary": spec.summary,
        "audiences": spec.audiences,
        "subtopics": spec.subtopics,
        "minutes": spec.estimated_minutes,
        "difficulty": str(spec.difficulty),
        "pass_mark": spec.pass_mark,
    }
    return yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=1000).strip()
