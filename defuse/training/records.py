"""Training records: assignment status per officer, and the supervisor's aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, Count, F, Max, Q
from django.utils import timezone

from .models import Assignment, Attempt, AttemptStep
from .spec import CRITERIA

DUE_SOON_DAYS = 3


class Status:
    DONE = "done"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ASSIGNED = "assigned"

    LABELS = {
        DONE: "Done",
        IN_PROGRESS: "In progress",
        OVERDUE: "Overdue",
        DUE_SOON: "Due soon",
        ASSIGNED: "Assigned",
    }


@dataclass
class AssignmentStatus:
    assignment: Assignment
    status: str
    best: float | None  # best scaled score since the assignment was made
    passed_attempt: Attempt | None

    @property
    def label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def best_percent(self) -> int | None:
        return None if self.best is None else round(self.best * 100)


def attempts_counting_for(assignment: Assignment):
    """Attempts of the assigned scenario made since the assignment."""
    return Attempt.objects.filter(
        scenario_id=assignment.scenario_id, started_at__gte=assignment.created_at
    )


def passes(attempt: Attempt, assignment: Assignment) -> bool:
    return (
        attempt.status == Attempt.Status.COMPLETED
        and not attempt.screened_out
        and attempt.scaled is not None
        and round(attempt.scaled * 100, 6) >= assignment.pass_mark
    )


def status_for(assignment: Assignment, attempts: list[Attempt], today: date) -> AssignmentStatus:
    completed = [a for a in attempts if a.status == Attempt.Status.COMPLETED]
    best = max((a.scaled for a in completed if a.scaled is not None), default=None)
    passed = next((a for a in completed if passes(a, assignment)), None)
    if passed:
        status = Status.DONE
    elif assignment.due_date < today:
        status = Status.OVERDUE
    elif any(a.status == Attempt.Status.IN_PROGRESS for a in attempts):
        status = Status.IN_PROGRESS
    elif assignment.due_date <= today + timedelta(days=DUE_SOON_DAYS):
        status = Status.DUE_SOON
    else:
        status = Status.ASSIGNED
    return AssignmentStatus(assignment, status, best, passed)


def my_assignments(user) -> list[AssignmentStatus]:
    today = timezone.localdate()
    assignments = list(Assignment.objects.for_officer(user).select_related("scenario"))
    attempts = list(
        Attempt.objects.filter(user=user, scenario__in=[a.scenario_id for a in assignments])
        .exclude(status=Attempt.Status.ABANDONED)
        .order_by("-scaled")
    )
    return [
        status_for(
            assignment,
            [
                a
                for a in attempts
                if a.scenario_id == assignment.scenario_id and a.started_at >= assignment.created_at
            ],
            today,
        )
        for assignment in assignments
    ]


def assignment_roster(assignment: Assignment, officers) -> list[tuple]:
    """(officer, AssignmentStatus) for each recipient within `officers`."""
    today = timezone.localdate()
    recipients = list(assignment.recipients().filter(pk__in=officers.values("pk")))
    attempts = list(
        attempts_counting_for(assignment)
        .filter(user__in=recipients)
        .exclude(status=Attempt.Status.ABANDONED)
    )
    by_user: dict[int, list[Attempt]] = {}
    for attempt in attempts:
        by_user.setdefault(attempt.user_id, []).append(attempt)
    return [(user, status_for(assignment, by_user.get(user.pk, []), today)) for user in recipients]


SCORE_FIELDS = {criterion: f"score_{criterion}" for criterion in CRITERIA}


def unit_heat_map(attempts) -> list[dict]:
    """Per unit: completed attempts, pass rate, mean scaled score and mean per CDM criterion."""
    return list(
        attempts.completed()
        .values(unit=F("user__unit__name"))
        .annotate(
            completed=Count("pk"),
            passed=Count("pk", filter=Q(passed=True)),
            officers=Count("user", distinct=True),
            mean=Avg("scaled"),
            **{criterion: Avg(field) for criterion, field in SCORE_FIELDS.items()},
        )
        .order_by("unit")
    )


def officer_summary(attempts):
    """Per officer: completed attempts, passes, best score and last activity."""
    return (
        attempts.completed()
        .values("user", "user__username", "user__first_name", "user__last_name", "user__unit__name")
        .annotate(
            completed=Count("pk"),
            passed=Count("pk", filter=Q(passed=True)),
            best=Max("scaled"),
            last=Max("finished_at"),
        )
        .order_by("user__unit__name", "user__last_name", "user__username")
    )


@dataclass
class DecisionStats:
    passage: str
    choices: list[dict]  # label, count, share, screen_out
    answers: int
    mean_seconds: float
    screen_out_share: float
    no_decision: int


def decision_stats(version, attempts) -> list[DecisionStats]:
    """Per decision point of a version: how officers chose, how long they took."""
    spec = version.spec
    rows = (
        AttemptStep.objects.filter(version=version, attempt__in=attempts.values("pk"))
        .values("passage", "choice_index")
        .annotate(count=Count("pk"), seconds=Avg("seconds"))
    )
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["passage"], []).append(row)
    stats = []
    for passage in spec.decision_passages():
        found = grouped.get(passage.name, [])
        answers = sum(row["count"] for row in found)
        if not answers:
            continue
        counts = {row["choice_index"]: row["count"] for row in found}
        choices = [
            {
                "label": choice.label,
                "count": counts.get(index, 0),
                "share": counts.get(index, 0) / answers,
                "screen_out": bool(choice.screen_out),
            }
            for index, choice in enumerate(passage.choices)
        ]
        screened = sum(c["count"] for c in choices if c["screen_out"])
        seconds = sum(row["seconds"] * row["count"] for row in found) / answers
        stats.append(
            DecisionStats(
                passage.name, choices, answers, seconds, screened / answers, counts.get(None, 0)
            )
        )
    return stats
