"""The after-action review: what happened beside what the best path would have done."""

from __future__ import annotations

from dataclasses import dataclass, field

from defuse.core.cdm import cdm_labels
from defuse.core.vocabulary import Technique
from defuse.hub.models import HubItemPage

from .models import AttemptStep
from .scoring import Score, score
from .spec import CRITERIA, ChoiceSpec, PassageSpec


@dataclass
class ReviewStep:
    step: AttemptStep
    passage: PassageSpec
    choice: ChoiceSpec | None  # None for no decision
    best_choice: ChoiceSpec | None  # what the best path does from here
    notes: list = field(default_factory=list)
    links: list = field(default_factory=list)  # hub pages that teach this decision

    @property
    def was_best(self) -> bool:
        """The option taken was as good as the best one open here (equals count)."""
        return (
            self.choice is not None
            and self.best_choice is not None
            and not self.choice.screen_out
            and self.choice.total >= self.best_choice.total
        )


@dataclass
class CriterionLine:
    code: str
    label: str
    points: int
    best: int
    scaled: float | None


def failures(attempt, result: Score) -> list[str]:
    """Which of the three conditions of a pass this attempt missed, in words."""
    found = []
    if result.scaled is None or round(result.scaled * 100, 6) < attempt.pass_mark:
        found.append(f"The score is below the pass mark of {attempt.pass_mark} %.")
    if result.screened_out:
        found.append("A critical failure (screen-out) fails the scenario whatever the points.")
    if not result.acceptable_ending:
        found.append("The encounter ended in force or injury that was avoidable.")
    return found


def build_review(attempt) -> dict:
    spec, best = attempt.version.spec, attempt.version.best
    result = score(
        spec,
        list(attempt.steps.values("passage", "points", "screen_out", "timed_out")),
        attempt.pass_mark,
        attempt.current_passage,
        attempt.version.decisions,
    )
    steps = list(attempt.steps.prefetch_related("notes__author"))
    review_steps = []
    for number, step in enumerate(steps):
        passage = spec.passage(step.passage)
        choice = passage.choices[step.choice_index] if step.choice_index is not None else None
        # The best option open on that visit (in a loop, once limits close some, it differs).
        best_index = result.best_at[number] if number < len(result.best_at) else None
        best_choice = passage.choices[best_index] if best_index not in (None, -1) else None
        review_steps.append(ReviewStep(step, passage, choice, best_choice, list(step.notes.all())))
    best_steps = [
        (spec.passage(name), spec.passage(name).choices[i] if i >= 0 else None)
        for name, i in best.steps
    ]
    used = {code for s in review_steps if s.choice for code in s.choice.techniques}
    on_best = {code for _, choice in best_steps if choice for code in choice.techniques}
    labels = dict(Technique.objects.values_list("code", "label"))
    criterion_labels = cdm_labels()
    learn_slugs = {
        c.learn for s in review_steps for c in (s.choice, s.best_choice) if c and c.learn
    }
    pages = {
        page.slug: page
        for page in HubItemPage.objects.live().filter(slug__in=learn_slugs).specific()
    }
    for item in review_steps:
        slugs = dict.fromkeys(c.learn for c in (item.choice, item.best_choice) if c and c.learn)
        item.links = [pages[slug] for slug in slugs if slug in pages]
    return {
        "steps": review_steps,
        "best_steps": best_steps,
        "best_ending": spec.passage(best.ending),
        "ending": spec.passage(attempt.current_passage),
        "criteria": [
            CriterionLine(
                code,
                criterion_labels[code],
                attempt.points.get(code, 0),
                result.available_points[code],
                getattr(attempt, f"score_{code}"),
            )
            for code in CRITERIA
        ],
        "best_total": best.total,
        "available_total": result.available,
        "failures": [] if attempt.passed else failures(attempt, result),
        "techniques_used": sorted(labels.get(code, code) for code in used),
        "techniques_missed": sorted(labels.get(code, code) for code in on_best - used),
    }
