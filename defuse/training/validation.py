"""The one validator every way of authoring a scenario goes through.

Each problem names the file, the line and the passage, so a trainer can find it in the editor
they drafted in. An import with any problem writes nothing (see importer.py).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from defuse.core.vocabulary import SCENARIO_OUTCOMES, Technique
from defuse.hub.models import Audience, HubItemPage, Subtopic

from .scoring import best_option, best_path, ending_acceptable
from .spec import CRITERIA, MAX_POINTS, Difficulty, ScenarioSpec

ENDINGS = [outcome.value for outcome in SCENARIO_OUTCOMES]
VERDICTS = ("best", "acceptable", "mistake")


class Code:
    SYNTAX = "syntax"
    MISSING_START = "missing-start"
    DUPLICATE_PASSAGE = "duplicate-passage"
    MISSING_TARGET = "missing-target"
    UNREACHABLE = "unreachable"
    NO_ENDING = "no-ending-reachable"
    CYCLE = "cycle"
    BAD_METADATA = "bad-metadata"
    SCORE_RANGE = "score-out-of-range"
    UNSCORED = "unscored"
    SCREEN_OUT_SCORED = "screen-out-scored"
    NO_SAFE_OPTION = "no-safe-option"
    IDEAL_ENDING = "ideal-ending-unacceptable"
    VERDICT = "verdict-mismatch"  # the points say otherwise than the feedback's verdict
    NOT_READ = "not-read"  # a warning: kept in the file, not read by Defuse


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    file: str = ""
    line: int = 0
    passage: str = ""

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file or "<scenario>", self.line) if part)
        passage = f' passage "{self.passage}":' if self.passage else ""
        return f"{where}:{passage} {self.message} [{self.code}]"


MAX_PROBLEMS = 200


class ScenarioInvalid(Exception):
    """The problems that refuse a scenario, the first MAX_PROBLEMS of them: past that, the
    author fixes the first ones first."""

    def __init__(self, problems: list[Problem]):
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            more = Problem(Code.SYNTAX, f"and {rest} more problems; fix these first",
                           problems[0].file)  # fmt: skip
            problems = [*problems[:MAX_PROBLEMS], more]
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class References:
    """What a scenario may point at outside itself. None means "do not check"."""

    techniques: set[str] | None = None
    audiences: set[str] | None = None
    subtopics: set[str] | None = None
    hub_items: set[str] | None = None
    images: set[str] | None = None
    documents: set[str] | None = None

    @classmethod
    def from_database(cls) -> References:
        return cls(
            techniques=set(Technique.objects.values_list("code", flat=True)),
            audiences=set(Audience.objects.values_list("slug", flat=True)),
            subtopics=set(Subtopic.objects.values_list("slug", flat=True)),
            hub_items=set(HubItemPage.objects.live().values_list("slug", flat=True)),
            images=set(get_image_model().objects.values_list("title", flat=True)),
            documents=set(get_document_model().objects.values_list("title", flat=True)),
        )


@dataclass
class _Collector:
    spec: ScenarioSpec
    problems: list[Problem] = field(default_factory=list)

    def add(self, code: str, message: str, line: int = 0, passage: str = "") -> None:
        self.problems.append(Problem(code, message, self.spec.source, line, passage))


def validate(spec: ScenarioSpec, references: References | None = None) -> list[Problem]:
    """Every problem with the scenario, the most useful first. A story with no points at all
    (a Twine story as its author wrote it) gets one summary line first: it can be a draft."""
    found = _Collector(spec)
    decisions = spec.decision_passages()
    unscored = not any(
        points != 0 for passage in decisions for choice in passage.choices
        for points in choice.score.values()
    )  # fmt: skip
    if unscored:
        endings = [passage for passage in spec.passages if not passage.choices]
        found.add(
            Code.UNSCORED,
            f"not yet a scored scenario: {len(decisions)} decisions, {len(endings)} endings "
            "found; add points in the editor before publishing",
        )
    _check_metadata(spec, found, references or References())
    names = _check_names(spec, found)
    if spec.start not in names:
        message = f'the start passage "{spec.start}" does not exist' if spec.start else ""
        found.add(Code.MISSING_START, message or "no start passage is set")
    for passage in spec.passages:
        _check_passage(passage, names, found, references or References())
    broken = {Code.MISSING_START, Code.MISSING_TARGET, Code.DUPLICATE_PASSAGE}
    if not any(p.code in broken for p in found.problems):
        _check_graph(spec, found)
    if not found.problems:  # scoring is judged only on a sound graph: no follow-on messages
        _check_scoring(spec, found)
    return found.problems


def problem_messages(problems: list[Problem]) -> list[str]:
    return [f"{p.passage + ': ' if p.passage else ''}{p.message}" for p in problems]


# What an editor publishing in the admin is warned about rather than stopped by: the author
# may have meant it, and sees it in the preview. An import refuses it.
ADMIN_WARNS = {Code.VERDICT}


def publish_problems(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(refusals, warnings) for a publish in the admin."""
    return (
        [p for p in problems if p.code not in ADMIN_WARNS],
        [p for p in problems if p.code in ADMIN_WARNS],
    )


# What a draft cannot hold: the file is not a story Defuse can read at all.
HARD = {Code.SYNTAX, Code.MISSING_START, Code.DUPLICATE_PASSAGE}


def draft_problems(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(refusals, warnings) for an import: an unscored story may be a draft whatever else is
    unfinished in it, unless it is not a readable story; a scored one must be whole."""
    if not problems or problems[0].code != Code.UNSCORED:
        return problems, []
    hard = [
        p for p in problems if p.code in HARD or (p.code == Code.BAD_METADATA and not p.passage)
    ]
    return (hard, []) if hard else ([], problems)


def _check_scoring(spec: ScenarioSpec, found: _Collector) -> None:
    """The scores teach what the feedback says: screen-outs earn nothing and are never the best
    option, every decision has an option that is not a critical failure, and the ideal play
    ends in an acceptable resolution."""
    decisions = spec.decision_passages()
    for passage in decisions:
        for choice in passage.choices:
            if choice.screen_out and choice.total:
                found.add(
                    Code.SCREEN_OUT_SCORED,
                    f'"{choice.label}" is a screen-out but scores {choice.total} points: a '
                    "critical failure earns nothing",
                    choice.line or passage.line,
                    passage.name,
                )
        if best_option(passage) is None:
            found.add(
                Code.NO_SAFE_OPTION,
                "every option here is a screen-out: give the officer one that is not",
                passage.line,
                passage.name,
            )
    if found.problems:
        return
    for passage in decisions:
        _check_verdicts(passage, found)
    ideal = best_path(spec)
    end = spec.by_name().get(ideal.ending)
    if end is not None and not ending_acceptable(end):
        found.add(
            Code.IDEAL_ENDING,
            f'the best option at every decision leads to "{end.name}", which ends in '
            f"{end.ending} without a reason it was justified: raise the points of the better "
            "options, or say why force was right there (justified)",
            end.line,
            end.name,
        )


def _check_verdicts(passage, found: _Collector) -> None:
    """The points agree with what the author's feedback says each option is: an option marked
    best is the best here (equals count), a mistake is not, and no mistake outscores an option
    marked best or acceptable."""
    best = passage.choices[best_option(passage)]
    kept = [c for c in passage.choices if c.verdict in ("best", "acceptable") and not c.screen_out]
    for choice in passage.choices:
        where = {"line": choice.line or passage.line, "passage": passage.name}
        if choice.verdict == "best" and (choice.screen_out or choice.total < best.total):
            reason = (
                "it is a screen-out"
                if choice.screen_out
                else f'"{best.label}" scores more here ({best.total} points against {choice.total})'
            )
            found.add(Code.VERDICT, f'"{choice.label}" is marked best, but {reason}', **where)
        elif choice.verdict == "mistake" and not choice.screen_out:
            better = [c for c in kept if c.total < choice.total]
            if choice.total >= best.total:
                message = f'"{choice.label}" is marked a mistake, but it is the best option here'
            elif better:
                message = (
                    f'"{choice.label}" is marked a mistake, but scores more than '
                    f'"{better[0].label}", marked {better[0].verdict}'
                )
            else:
                continue
            found.add(
                Code.VERDICT,
                f"{message} ({choice.total} points): lower its points or raise a better option's",
                **where,
            )


def _check_metadata(spec: ScenarioSpec, found: _Collector, refs: References) -> None:
    if not spec.title.strip():
        found.add(Code.BAD_METADATA, "the scenario has no title")
    if not spec.slug or slugify(spec.slug) != spec.slug:
        found.add(
            Code.BAD_METADATA, f'slug "{spec.slug}" must be lower-case letters, digits and hyphens'
        )
    if spec.difficulty not in Difficulty.values:
        found.add(
            Code.BAD_METADATA,
            f'difficulty "{spec.difficulty}" is not one of {", ".join(Difficulty.values)}',
        )
    if not isinstance(spec.estimated_minutes, int) or not 1 <= spec.estimated_minutes <= 240:
        found.add(Code.BAD_METADATA, "estimated minutes must be a whole number from 1 to 240")
    if not isinstance(spec.pass_mark, int) or not 0 <= spec.pass_mark <= 100:
        found.add(Code.BAD_METADATA, "pass mark must be a whole number from 0 to 100")
    _check_known(found, "audience", spec.audiences, refs.audiences)
    _check_known(found, "subtopic", spec.subtopics, refs.subtopics)


def _check_known(found, kind, values, known, line=0, passage=""):
    if known is None:
        return
    for value in values:
        if value not in known:
            found.add(Code.BAD_METADATA, f'unknown {kind} "{value}"', line, passage)


def _check_names(spec: ScenarioSpec, found: _Collector) -> set[str]:
    seen: set[str] = set()
    for passage in spec.passages:
        if not passage.name.strip():
            found.add(Code.BAD_METADATA, "a passage has no name", passage.line)
        elif passage.name in seen:
            found.add(
                Code.DUPLICATE_PASSAGE,
                "another passage already has this name",
                passage.line,
                passage.name,
            )
        seen.add(passage.name)
    return seen


def _check_passage(passage, names, found: _Collector, refs: References) -> None:
    where = {"line": passage.line, "passage": passage.name}
    if passage.ending and passage.ending not in ENDINGS:
        found.add(
            Code.BAD_METADATA,
            f'unknown ending outcome "{passage.ending}" (use one of {", ".join(ENDINGS)})',
            **where,
        )
    if passage.ending and passage.choices:
        found.add(Code.BAD_METADATA, "an ending cannot offer choices", **where)
    if not passage.ending and not passage.choices:
        found.add(
            Code.NO_ENDING,
            "the passage has no choices, so it ends the scenario: say how (ending: "
            f"{', '.join(ENDINGS[:2])}…)",
            **where,
        )
    if (passage.timer is None) != (not passage.timeout):
        found.add(
            Code.BAD_METADATA,
            "a decision timer needs a no-decision branch, and the other way round",
            **where,
        )
    if passage.visits is not None and (
        not isinstance(passage.visits, int)
        or isinstance(passage.visits, bool)
        or not 1 <= passage.visits <= 20
    ):
        found.add(Code.BAD_METADATA, "the visit limit must be a whole number from 1 to 20", **where)
    if passage.timer is not None and (
        not isinstance(passage.timer, int) or not 3 <= passage.timer <= 600
    ):
        found.add(
            Code.BAD_METADATA, "the timer must be a whole number of seconds from 3 to 600", **where
        )
    if passage.timeout and passage.timeout not in names:
        found.add(
            Code.MISSING_TARGET,
            f'the no-decision branch goes to "{passage.timeout}", which does not exist',
            **where,
        )
    for title, known in (
        (passage.image, refs.images),
        (passage.media, refs.documents),
        (passage.captions, refs.documents),
    ):
        if title and known is not None and title not in known:
            found.add(Code.BAD_METADATA, f'no image or document is titled "{title}"', **where)
    for choice in passage.choices:
        _check_choice(choice, passage, names, found, refs)


def _check_choice(choice, passage, names, found: _Collector, refs: References) -> None:
    where = {"line": choice.line or passage.line, "passage": passage.name}
    if not choice.label.strip():
        found.add(Code.BAD_METADATA, "a choice has no label", **where)
    if choice.target not in names:
        found.add(
            Code.MISSING_TARGET,
            f'the choice "{choice.label}" links to "{choice.target}", which does not exist',
            **where,
        )
    for criterion, points in choice.score.items():
        if criterion not in CRITERIA:
            found.add(
                Code.BAD_METADATA,
                f'unknown CDM criterion "{criterion}" (use {", ".join(CRITERIA)})',
                **where,
            )
        elif (
            not isinstance(points, int) or isinstance(points, bool) or not 0 <= points <= MAX_POINTS
        ):
            found.add(
                Code.SCORE_RANGE,
                f"{criterion} is scored {points!r}; points run from 0 to {MAX_POINTS}",
                **where,
            )
    if choice.verdict and choice.verdict not in VERDICTS:
        found.add(
            Code.BAD_METADATA,
            f'verdict "{choice.verdict}" is not one of {", ".join(VERDICTS)}',
            **where,
        )
    _check_known(found, "technique", choice.techniques, refs.techniques, **where)
    if choice.learn:
        _check_known(found, "hub item", [choice.learn], refs.hub_items, **where)


def _check_graph(spec: ScenarioSpec, found: _Collector) -> None:
    passages = spec.by_name()
    reachable = _walk(spec.start, lambda name: passages[name].targets())
    for passage in spec.passages:
        if passage.name not in reachable:
            found.add(
                Code.UNREACHABLE, "no path from the start leads here", passage.line, passage.name
            )
    incoming: dict[str, list[str]] = {name: [] for name in passages}
    for passage in passages.values():
        for target in passage.targets():
            incoming[target].append(passage.name)
    # A passage without choices is where the story ends; if it lacks an outcome, that is its
    # own problem, not a follow-on one on every passage that leads there.
    ending_names = [passage.name for passage in spec.passages if not passage.choices]
    can_end = set()
    for ending in ending_names:
        can_end |= _walk(ending, lambda name: incoming[name])
    for passage in spec.passages:
        if passage.choices and passage.name not in can_end:
            found.add(
                Code.NO_ENDING, "no ending can be reached from here", passage.line, passage.name
            )
    _check_loops(spec, passages, ending_names, found)


def _check_loops(spec, passages, ending_names, found: _Collector) -> None:
    """The CDM loops back (act, review, re-assess), so a scenario may too, if every loop is
    bounded and can always be left: (1) the passages without a visit limit form no loop, so
    every loop passes through a limited passage and ends once its visits are used; (2) every
    decision offers an option into a passage without a limit from which an ending is reached
    through such passages only, so an option stays open whatever limits are used up."""
    limited = {p.name for p in spec.passages if p.visits is not None}
    free = {name: p for name, p in passages.items() if name not in limited}
    loop = _find_cycle(spec.start, passages, lambda name: name in free)
    if loop:
        found.add(
            Code.CYCLE,
            f'a path loops back here from "{loop[1]}" and nothing limits the loop: give a '
            "passage in it a visit limit (visits:N), after which options into it are not "
            "offered",
            passages[loop[0]].line,
            loop[0],
        )
        return
    if not limited:
        return
    incoming: dict[str, list[str]] = {name: [] for name in free}
    for passage in free.values():
        for target in passage.targets():
            if target in free:
                incoming[target].append(passage.name)
    leads_out: set[str] = set()
    for ending in ending_names:
        if ending in free:
            leads_out |= _walk(ending, lambda name: incoming[name])
    for passage in spec.passages:
        if passage.choices and not any(c.target in leads_out for c in passage.choices):
            found.add(
                Code.CYCLE,
                "once the loop's visit limits are used up, no option here is left that leads "
                "on to an ending: add one into a passage without a visit limit",
                passage.line,
                passage.name,
            )
        if passage.timeout and passage.timeout in limited:
            found.add(
                Code.BAD_METADATA,
                f'the no-decision branch goes to "{passage.timeout}", which has a visit limit: '
                "running out of time must always lead somewhere",
                passage.line,
                passage.name,
            )


def _walk(first: str, neighbours) -> set[str]:
    seen, queue = {first}, deque([first])
    while queue:
        for name in neighbours(queue.popleft()):
            if name not in seen:
                seen.add(name)
                queue.append(name)
    return seen


def _find_cycle(start: str, passages, counts=lambda name: True) -> tuple[str, str] | None:
    """Iterative depth-first search over the passages that `counts`; returns (passage looped
    back to, passage it came from)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    roots = [name for name in passages if counts(name)]
    stack: list = []
    for root in [start, *roots]:
        if root in state or not counts(root):
            continue
        state[root] = 1
        stack.append((root, iter(t for t in passages[root].targets() if counts(t))))
        found = _depth_first(stack, state, passages, counts)
        if found:
            return found
    return None


def _depth_first(stack, state, passages, counts) -> tuple[str, str] | None:
    while stack:
        name, targets = stack[-1]
        target = next(targets, None)
        if target is None:
            state[name] = 2
            stack.pop()
        elif state.get(target) == 1:
            return target, name
        elif target not in state:
            state[target] = 1
            stack.append((target, iter(t for t in passages[target].targets() if counts(t))))
    return None
