"""Training records: assignment status per officer, and the supervisor's aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, Count, Max, Q, Sum
from django.utils import timezone

from defuse.accounts.models import User

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
        and attempt.ending_acceptable is not False
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


def training_summary(attempts) -> tuple[list[dict], list[dict]]:
    """Per unit (the heat map) and per officer, from one pass over the completed attempts.

    Grouping by officer alone and adding officers up into units in Python reads the attempts
    once; an agency has thousands of officers at most, however many attempts they make.
    """
    rows = list(
        attempts.completed()
        .values("user_id")
        .annotate(
            completed=Count("pk"),
            passed=Count("pk", filter=Q(passed=True)),
            best=Max("scaled"),
            last=Max("finished_at"),
            scaled_sum=Sum("scaled"),
            scaled_n=Count("scaled"),  # attempts with nothing to earn have no score
            **{f"{c}_sum": Sum(field) for c, field in SCORE_FIELDS.items()},
            **{f"{c}_n": Count(field) for c, field in SCORE_FIELDS.items()},
        )
        .order_by()
    )
    users = User.objects.select_related("unit").in_bulk([row["user_id"] for row in rows])
    for row in rows:
        row["user"] = users[row["user_id"]]
        row["unit"] = row["user"].unit.name if row["user"].unit else ""
    rows.sort(key=lambda r: (r["unit"], r["user"].last_name, r["user"].username))
    return _by_unit(rows), rows


def _by_unit(officer_rows: list[dict]) -> list[dict]:
    units: dict[str, dict] = {}
    for row in officer_rows:
        unit = units.setdefault(row["unit"], {"unit": row["unit"], "officers": 0})
        unit["officers"] += 1
        for key in ("completed", "passed", "scaled_sum", "scaled_n"):
            unit[key] = unit.get(key, 0) + (row[key] or 0)
        for c in CRITERIA:
            unit[f"{c}_sum"] = unit.get(f"{c}_sum", 0) + (row[f"{c}_sum"] or 0)
            unit[f"{c}_n"] = unit.get(f"{c}_n", 0) + row[f"{c}_n"]
    for unit in units.values():
        unit["mean"] = unit["scaled_sum"] / unit["scaled_n"] if unit["scaled_n"] else None
        for c in CRITERIA:
            unit[c] = unit[f"{c}_sum"] / unit[f"{c}_n"] if unit[f"{c}_n"] else None
    return sorted(units.values(), key=lambda unit: unit["unit"])


def unit_heat_map(attempts) -> list[dict]:
    return training_summary(attempts)[0]


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
    grouped: dict[str, list] = {}
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
