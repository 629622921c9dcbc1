"""Scores against the best achievable path, computed from the scenario graph (which is acyclic:
the validator refuses loops)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .spec import CRITERIA, ScenarioSpec


@dataclass
class BestPath:
    total: int
    steps: list[tuple[str, int]]  # (passage name, choice index) along the best path
    criterion_max: dict[str, int] = field(default_factory=dict)  # best reachable per criterion
    ending: str = ""
    choice_at: dict[str, int | None] = field(default_factory=dict)  # best next move anywhere


def best_path(spec: ScenarioSpec) -> BestPath:
    passages = spec.by_name()
    order = _topological_order(spec)
    best_total: dict[str, int] = {}
    best_choice: dict[str, int | None] = {}
    criterion_best: dict[str, dict[str, int]] = {criterion: {} for criterion in CRITERIA}
    for name in reversed(order):
        passage = passages[name]
        options = [(c.total + best_total[c.target], i) for i, c in enumerate(passage.choices)]
        if passage.timeout:
            options.append((best_total[passage.timeout], -1))
        # Prefer the earliest listed choice among equals, and never a screen-out if avoidable.
        options.sort(
            key=lambda o: (
                -o[0],
                o[1] >= 0 and bool(passage.choices[o[1]].screen_out),
                o[1] < 0,
                o[1],
            )
        )
        best_total[name], best_choice[name] = options[0] if options else (0, None)
        for criterion, table in criterion_best.items():
            reach = [c.points(criterion) + table[c.target] for c in passage.choices]
            reach += [table[passage.timeout]] if passage.timeout else []
            table[name] = max(reach, default=0)
    steps: list[tuple[str, int]] = []
    name = spec.start
    while (index := best_choice.get(name)) is not None:
        steps.append((name, index))
        passage = passages[name]
        name = passage.timeout if index < 0 else passage.choices[index].target
    return BestPath(
        total=best_total.get(spec.start, 0),
        steps=steps,
        criterion_max={c: criterion_best[c].get(spec.start, 0) for c in CRITERIA},
        ending=name,
        choice_at=best_choice,
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


@dataclass
class Score:
    points: dict[str, int]
    total: int
    scaled: float  # 0..1 against the best path's total
    criterion_scaled: dict[str, float | None]
    screened_out: bool
    passed: bool


def score(spec: ScenarioSpec, chosen: list[dict], pass_mark: int, best: BestPath) -> Score:
    """`chosen` holds each step's points dict and screen-out flag, as AttemptStep stores them."""
    points = dict.fromkeys(CRITERIA, 0)
    for step in chosen:
        for criterion, value in step["points"].items():
            points[criterion] += value
    total = sum(points.values())
    scaled = min(total / best.total, 1.0) if best.total else 1.0
    per_criterion = {
        c: (min(points[c] / best.criterion_max[c], 1.0) if best.criterion_max[c] else None)
        for c in CRITERIA
    }
    screened_out = any(step["screen_out"] for step in chosen)
    passed = not screened_out and round(scaled * 100, 6) >= pass_mark
    return Score(points, total, scaled, per_criterion, screened_out, passed)
