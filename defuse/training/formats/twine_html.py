"""Twine 2 published HTML (twine-specs, twine-2-htmloutput-spec.md) in our passage convention."""

from __future__ import annotations

from html.parser import HTMLParser

from ..spec import ScenarioSpec
from ..validation import Code, Problem, ScenarioInvalid
from .passages import RawPassage, build_spec


class _StoryParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.story: dict[str, str] | None = None
        self.passages: list[tuple[dict[str, str], int]] = []
        self.texts: list[list[str]] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "tw-storydata" and self.story is None:
            self.story = attributes
        elif tag == "tw-passagedata" and self.story is not None:
            self.passages.append((attributes, self.getpos()[0]))
            self.texts.append([])
            self._inside = True

    def handle_endtag(self, tag):
        if tag == "tw-passagedata":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.texts[-1].append(data)


def parse_twine_html(text: str, filename: str = "story.html") -> ScenarioSpec:
    parser = _StoryParser()
    parser.feed(text)
    parser.close()
    if parser.story is None:
        raise ScenarioInvalid(
            [
                Problem(
                    Code.SYNTAX,
                    "no <tw-storydata> element: is this a Twine 2 story file?",
                    filename,
                )
            ]
        )
    raw, start = [], ""
    for (attributes, line), chunks in zip(parser.passages, parser.texts, strict=True):
        name = attributes.get("name", "").strip()
        if attributes.get("pid") == parser.story.get("startnode"):
            start = name
        # The passage text starts on the element's own line, so body line N is line + N - 1.
        raw.append(
            RawPassage(
                name=name,
                tags=attributes.get("tags", "").split(),
                body="".join(chunks),
                line=line - 1,
            )
        )
    return build_spec(parser.story.get("name", ""), start, raw, filename)
