"""A scenario in memory: what every format (YAML, Twee, Twine HTML, the admin) is read into,
what the validator checks, what a version stores and what the player walks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from django.db import models

from defuse.core.vocabulary import CDMStep

CRITERIA = [step.value for step in CDMStep]
MAX_POINTS = 2


class Difficulty(models.TextChoices):
    BASIC = "basic", "Basic"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


@dataclass
class ChoiceSpec:
    label: str
    target: str
    score: dict[str, int] = field(default_factory=dict)
    techniques: list[str] = field(default_factory=list)
    feedback: str = ""
    screen_out: str = ""  # the reason; empty when the choice is not a critical failure
    learn: str = ""  # slug of a hub item that teaches the point
    verdict: str = ""  # what the feedback says the option is: best, acceptable or mistake
    line: int = field(default=0, compare=False)

    def points(self, criterion: str) -> int:
        return self.score.get(criterion, 0)

    @property
    def total(self) -> int:
        return sum(self.score.values())


@dataclass
class PassageSpec:
    name: str
    text: str = ""
    choices: list[ChoiceSpec] = field(default_factory=list)
    ending: str = ""  # one of SCENARIO_OUTCOMES when the passage ends the scenario
    timer: int | None = None  # seconds to decide
    timeout: str = ""  # the "no decision" branch taken when the timer runs out
    timeout_screen_out: str = ""  # why not deciding in time is a critical failure, if it is
    justified: str = ""  # at a force or injury ending: why force was the right answer here
    visits: int | None = None  # the most times an attempt may enter it: what bounds a loop
    image: str = ""  # title of a Wagtail image
    media: str = ""  # title of a Wagtail document: audio or video
    captions: str = ""  # title of a WebVTT document for the video
    line: int = field(default=0, compare=False)

    @property
    def is_ending(self) -> bool:
        return bool(self.ending)

    def targets(self) -> list[str]:
        found = [choice.target for choice in self.choices]
        return found + ([self.timeout] if self.timeout else [])


@dataclass
class ScenarioSpec:
    title: str
    slug: str
    start: str
    passages: list[PassageSpec] = field(default_factory=list)
    summary: str = ""
    audiences: list[str] = field(default_factory=list)
    subtopics: list[str] = field(default_factory=list)
    estimated_minutes: int = 10
    difficulty: str = Difficulty.BASIC.value
    pass_mark: int = 70
    # The Twine story's own data, kept for the round trip: ifid, format, format-version,
    # tag-colors, zoom; "passages": {name: tags, position, size, no-decision label};
    # "special": the story-format passages (scripts, styles, StoryInit…) that are never played.
    twine: dict = field(default_factory=dict)
    source: str = field(default="", compare=False)  # file name, for error messages
    notes: list = field(default_factory=list, compare=False)  # warnings from the reader

    def passage(self, name: str) -> PassageSpec:
        return self.by_name()[name]

    def by_name(self) -> dict[str, PassageSpec]:
        return {passage.name: passage for passage in self.passages}

    def decision_passages(self) -> list[PassageSpec]:
        return [passage for passage in self.passages if passage.choices]

    def endings(self) -> list[PassageSpec]:
        return [passage for passage in self.passages if passage.is_ending]

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data.pop("source")
        data.pop("notes")
        for passage in data["passages"]:
            passage.pop("line")
            for choice in passage["choices"]:
                choice.pop("line")
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ScenarioSpec:
        passages = [
            PassageSpec(
                **{**raw, "choices": [ChoiceSpec(**choice) for choice in raw.get("choices", [])]}
            )
            for raw in data.get("passages", [])
        ]
        return cls(**{**data, "passages": passages})
