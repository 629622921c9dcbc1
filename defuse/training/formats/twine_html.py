"""Twine 2 published HTML (twine-specs, twine-2-htmloutput-spec.md) in our passage convention."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..spec import ScenarioSpec
from ..validation import Code, Problem, ScenarioInvalid
from .passages import RawPassage, build_spec
from .yaml_format import NOT_TEXT


@dataclass
class _Element:
    attributes: dict[str, str]
    line: int  # where the start tag is
    text_line: int = 0  # where the text starts (the tag's own line, unless the tag wraps)
    chunks: list[str] = field(default_factory=list)


class _StoryParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.story: _Element | None = None
        self.other_stories: list[int] = []  # lines of any further <tw-storydata>
        self.passages: list[_Element] = []
        self.tag_colors: dict[str, str] = {}
        self.code: dict[str, _Element] = {}  # the story's stylesheet and script
        self._in_story = False
        self._inside: _Element | None = None

    def handle_starttag(self, tag, attrs):
        attributes: dict[str, str] = {}
        for key, value in attrs:
            attributes.setdefault(key, value or "")  # HTML keeps the first of a repeated one
        line = self.getpos()[0]
        if tag == "tw-storydata":
            if self.story is None:
                self.story, self._in_story = _Element(attributes, line), True
            else:
                self.other_stories.append(line)
        elif tag == "tw-passagedata" and self._in_story:
            self.passages.append(_Element(attributes, line, line))
            self._inside = self.passages[-1]
        elif tag == "tw-tag" and self._in_story and attributes.get("name"):
            self.tag_colors[attributes["name"]] = attributes.get("color", "")
        elif tag in ("style", "script") and self._in_story and tag not in self.code:
            self._inside = self.code[tag] = _Element(attributes, line, line)

    def handle_endtag(self, tag):
        if tag in ("tw-passagedata", "style", "script"):
            self._inside = None
        elif tag == "tw-storydata":
            self._in_story, self._inside = False, None

    def handle_data(self, data):
        if self._inside is not None:
            if not self._inside.chunks:
                self._inside.text_line = self.getpos()[0]
            self._inside.chunks.append(data)


def parse_twine_html(text: str, filename: str = "story.html") -> ScenarioSpec:
    def problem(message: str, line: int = 0, passage: str = "") -> Problem:
        return Problem(Code.SYNTAX, message, filename, line, passage)

    parser = _StoryParser()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as error:  # html.parser's way of refusing a malformed declaration
        line = parser.getpos()[0]
        raise ScenarioInvalid([problem(f"the HTML cannot be read: {error}", line)]) from None
    story = parser.story
    if story is None:
        message = "no <tw-storydata> element: is this a Twine 2 story file?"
        raise ScenarioInvalid([problem(message)])
    problems = [
        problem(
            f"a second story (<tw-storydata>; the first is on line {story.line}): "
            "publish one story per file",
            line,
        )
        for line in parser.other_stories
    ]
    raw, header_lines, start = [], [], ""
    pids: dict[str, _Element] = {}
    for element in parser.passages:
        attributes, line = element.attributes, element.line
        name = attributes.get("name", "").strip()
        pid = attributes.get("pid", "").strip()
        if not name:
            problems.append(problem("a <tw-passagedata> element has no name", line))
        if not pid:
            problems.append(problem("a <tw-passagedata> element has no pid", line, name))
        elif pid in pids:
            first = pids[pid]
            message = f'pid "{pid}" is also the pid of the passage on line {first.line}'
            problems.append(problem(message, line, name))
        else:
            pids[pid] = element
        if pid and pid == story.attributes.get("startnode", "").strip():
            start = name
        # Body line N is text_line + N - 1; the passage itself is where its tag is.
        raw.append(
            RawPassage(
                name=name,
                tags=attributes.get("tags", "").split(),
                body="".join(element.chunks),
                line=element.text_line - 1,
                metadata={key: attributes.get(key, "") for key in ("position", "size")},
            )
        )
        header_lines.append(line)
    # Twee 3 holds the story's stylesheet and script as passages tagged so; so does Defuse.
    for tag, name, kind in (("style", "Story Stylesheet", "stylesheet"),
                            ("script", "Story JavaScript", "script")):  # fmt: skip
        code = parser.code.get(tag)
        if code is not None and "".join(code.chunks).strip():
            raw.append(RawPassage(name, [kind], "".join(code.chunks).strip(), code.line))
            header_lines.append(code.line)
    for item in raw:
        control = NOT_TEXT.search(item.body)
        if control:
            at = item.line + 1 + item.body.count("\n", 0, control.start())
            message = f"the passage holds a control character (U+{ord(control.group()):04X})"
            problems.append(problem(message + " that scenario text cannot hold", at, item.name))
    startnode = story.attributes.get("startnode", "").strip()
    if raw and not start and not problems:
        message = (
            f'the story\'s start passage (startnode "{startnode[:20]}") is not one of its passages'
            if startnode
            else "the story has no start passage (startnode): set one in Twine"
        )
        problems.append(problem(message, story.line))
    if problems:
        raise ScenarioInvalid(problems)
    twine: dict = {
        key: story.attributes.get(key, "") for key in ("ifid", "format", "format-version")
    }
    if story.attributes.get("zoom", "").replace(".", "", 1).isdigit():
        twine["zoom"] = float(story.attributes["zoom"])
    if parser.tag_colors:
        twine["tag-colors"] = {name: color for name, color in parser.tag_colors.items() if color}
    name = story.attributes.get("name", "")
    return build_spec(name, start, raw, filename, header_lines, twine=twine)
