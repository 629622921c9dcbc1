"""Scoring by decision: each decision the officer faced is judged against the best option open
at that moment, never against a path total (which would pay for a mistake and its recovery).

- The best option at a decision is the one with the most points that is not a screen-out (the
  first listed among equals). The ideal play takes it at every decision and scores 100 %.
- An attempt's score is the points earned over the best points available at the decisions faced;
  each CDM criterion likewise, against what the best options there offered. A criterion the best
  options on the path offered nothing in is not assessed (None), never 0 %: the measure is the
  best play open to the officer, so points another option paid there show as points, not a share.
- An attempt passes with the pass mark, no screen-out (the no-decision branch included) and an
  acceptable ending: force or injury only where the author marked that ending justified.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from defuse.core.vocabulary import Outcome

from .spec import CRITERIA, PassageSpec, ScenarioSpec

# Endings that are not a resolution unless the author explains why force was right there.
UNACCEPTABLE_UNLESS_JUSTIFIED = {Outcome.FORCE_USED.value, Outcome.INJURY.value}


def ending_acceptable(passage: PassageSpec) -> bool:
    return passage.ending not in UNACCEPTABLE_UNLESS_JUSTIFIED or bool(passage.justified)


@dataclass(frozen=True)
class Decision:
    """What was open at one decision passage."""

    best_index: int | None  # the best option; None when every option is a screen-out
    best_points: dict[str, int]  # per criterion, of the best option

    @property
    def best_total(self) -> int:
        return sum(self.best_points.values())


def best_option(passage: PassageSpec, open_indices: list[int] | None = None) -> int | None:
    """The best option among those open (all, by default): most points, not a screen-out."""
    indices = range(len(passage.choices)) if open_indices is None else open_indices
    candidates = [(i, passage.choices[i]) for i in indices if not passage.choices[i].screen_out]
    if not candidates:
        return None
    return max(candidates, key=lambda pair: (pair[1].total, -pair[0]))[0]


def visit_limits(spec: ScenarioSpec) -> dict[str, int]:
    return {p.name: p.visits for p in spec.passages if isinstance(p.visits, int) and p.visits > 0}


def open_options(passage: PassageSpec, visits: dict[str, int], limits: dict[str, int]) -> list[int]:
    """The options offered on this visit: none into a passage that has had all its visits."""
    return [
        i
        for i, choice in enumerate(passage.choices)
        if visits.get(choice.target, 0)
        < limits.get(choice.target, visits.get(choice.target, 0) + 1)
    ]


def decisions(spec: ScenarioSpec) -> dict[str, Decision]:
    found = {}
    for passage in spec.decision_passages():
        index = best_option(passage)
        best = passage.choices[index] if index is not None else None
        points = {c: best.points(c) for c in CRITERIA} if best else dict.fromkeys(CRITERIA, 0)
        found[passage.name] = Decision(index, points)
    return found


@dataclass
class BestPath:
    """The ideal play: the best option at every decision, from the start to its ending."""

    total: int
    steps: list[tuple[str, int]]  # (passage name, choice index)
    criterion_max: dict[str, int] = field(default_factory=dict)  # along the ideal play
    ending: str = ""


def best_path(spec: ScenarioSpec) -> BestPath:
    """The ideal play. In a loop, each visit takes the best option still open, so the play
    leaves the loop once the visit limits close it (the validator proves they do)."""
    passages, open_at, limits = spec.by_name(), decisions(spec), visit_limits(spec)
    steps: list[tuple[str, int]] = []
    criterion_max = dict.fromkeys(CRITERIA, 0)
    name, visits = spec.start, {spec.start: 1}
    bound = len(passages) * (1 + sum(limits.values()))  # more steps than that: a loop is open
    while name in open_at and len(steps) <= bound:
        passage = passages[name]
        index = (
            best_option(passage, open_options(passage, visits, limits))
            if limits
            else open_at[name].best_index
        )
        if index is None:
            break
        steps.append((name, index))
        for criterion in CRITERIA:
            criterion_max[criterion] += passage.choices[index].points(criterion)
        name = passage.choices[index].target
        visits[name] = visits.get(name, 0) + 1
    return BestPath(
        total=sum(criterion_max.values()),
        steps=steps,
        criterion_max=criterion_max,
        ending=name,
    )


@dataclass
class CheckLine:
    passage: str
    best: str  # the best option's label, or "" where every option is a screen-out
    points: int


@dataclass
class ScoringCheck:
    """What officers will be told, for authors: each decision's best option, the ideal play and
    its ending, and how each ending counts."""

    decisions: list[CheckLine]
    ideal: BestPath
    acceptable: list[PassageSpec]  # endings that can pass
    failing: list[PassageSpec]  # force or injury not justified: every path ending here fails


def scoring_check(spec: ScenarioSpec) -> ScoringCheck:
    open_at, passages = decisions(spec), spec.by_name()
    lines = []
    for name, decision in open_at.items():
        index = decision.best_index
        label = passages[name].choices[index].label if index is not None else ""
        lines.append(CheckLine(name, label, decision.best_total))
    endings = spec.endings()
    return ScoringCheck(
        decisions=lines,
        ideal=best_path(spec),
        acceptable=[e for e in endings if ending_acceptable(e)],
        failing=[e for e in endings if not ending_acceptable(e)],
    )


@dataclass
class Score:
    points: dict[str, int]
    total: int
    available_points: dict[str, int]  # per criterion, the best open at the decisions faced
    available: int  # their sum
    scaled: float | None  # total / available; None when nothing could be earned
    criterion_scaled: dict[str, float | None]  # None: not assessed on this path
    screened_out: bool
    acceptable_ending: bool
    passed: bool
    best_at: list[int | None] = field(default_factory=list)  # per step: the best option open


def score(
    spec: ScenarioSpec,
    chosen: list[dict],
    pass_mark: int,
    ending: str = "",
    open_at: dict[str, Decision] | None = None,
) -> Score:
    """`chosen` holds each step as AttemptStep stores it: passage, points, screen_out, and
    timed_out for the no-decision branch. `ending` is the passage the attempt ended on.
    `open_at`: the spec's decisions(), when the caller keeps them (ScenarioVersion does)."""
    open_at = decisions(spec) if open_at is None else open_at
    passages, limits = spec.by_name(), visit_limits(spec)
    points, available = dict.fromkeys(CRITERIA, 0), dict.fromkeys(CRITERIA, 0)
    screened_out = False
    best_at: list[int | None] = []
    visits = {spec.start: 1}
    for number, step in enumerate(chosen):
        passage = passages.get(step["passage"])
        decision = open_at.get(step["passage"])
        best_index = decision.best_index if decision else None
        if limits and passage is not None and decision is not None:
            # In a loop the best option is the best of those offered on this visit.
            best_index = best_option(passage, open_options(passage, visits, limits))
        best_at.append(best_index)
        taken_best = passage.choices[best_index] if passage and best_index is not None else None
        for criterion in CRITERIA:
            points[criterion] += step["points"].get(criterion, 0)
            available[criterion] += taken_best.points(criterion) if taken_best else 0
        timed_out_badly = step.get("timed_out") and passage and passage.timeout_screen_out
        screened_out = screened_out or bool(step["screen_out"]) or bool(timed_out_badly)
        after = chosen[number + 1]["passage"] if number + 1 < len(chosen) else ending
        visits[after] = visits.get(after, 0) + 1
    total, best = sum(points.values()), sum(available.values())
    scaled = min(total / best, 1.0) if best else None
    per_criterion = {
        c: min(points[c] / available[c], 1.0) if available[c] else None for c in CRITERIA
    }
    end = passages.get(ending)
    acceptable = end is not None and end.is_ending and ending_acceptable(end)
    passed = (
        scaled is not None
        and round(scaled * 100, 6) >= pass_mark
        and not screened_out
        and acceptable
    )
    return Score(
        points,
        total,
        available,
        best,
        scaled,
        per_criterion,
        screened_out,
        acceptable,
        passed,
        best_at,
    )


def _topological_order(spec: ScenarioSpec) -> list[str]:
    """Passages reachable from the start, each before every passage it leads to."""
    passages = spec.by_name()
    order: list[str] = []
    done: set[str] = set()
    stack = [(spec.start, iter(passages[spec.start].targets()))]
    seen = {spec.start}
    while stack:
        name, targets = stack[-1]
        target = next(targets, None)
        if target is None:
            stack.pop()
            done.add(name)
            order.append(name)
        elif target not in seen:
            seen.add(target)
            stack.append((target, iter(passages[target].targets())))
    return list(reversed(order))
