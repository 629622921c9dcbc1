"""Playing a scenario: starting or resuming an attempt, taking one decision at a time.

Every decision is timed by the server. A decision names the step it answers, so a reload, the
back button or a double submit can never record a step twice or out of order: a stale answer is
ignored and the officer is shown where the attempt really is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import xapi
from .models import Assignment, Attempt, AttemptStep, XapiStatement
from .scoring import Score, open_options, score, visit_limits
from .spec import CRITERIA
from .tasks import send_xapi_statements

NO_DECISION = "timeout"


class NotPlayable(Exception):
    pass


@dataclass
class Outcome:
    attempt: Attempt
    recorded: bool  # False when the answer was stale (already answered, or attempt finished)


def start_or_resume(user, scenario, assignment=None) -> Attempt:
    existing = Attempt.objects.in_progress().filter(user=user, scenario=scenario).first()
    if existing:
        return existing
    version = scenario.latest_version
    if assignment is None:
        assignment = _open_assignment(user, scenario)
    if version is None or not scenario.live:
        raise NotPlayable("This scenario is not published.")
    now = timezone.now()
    spec = version.spec
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                user=user,
                version=version,
                scenario=scenario,
                assignment=assignment,
                pass_mark=assignment.pass_mark if assignment else spec.pass_mark,
                started_at=now,
                current_passage=spec.start,
                shown_at=now,
            )
            outbox(attempt, [xapi.statement(attempt, "initialized", now)])
    except IntegrityError:  # a second tab started it at the same moment
        return Attempt.objects.in_progress().get(user=user, scenario=scenario)
    return attempt


def _open_assignment(user, scenario):
    """The assignment an unprompted attempt counts for: the next one due for this scenario."""
    return (
        Assignment.objects.for_officer(user)
        .filter(scenario=scenario, due_date__gte=timezone.localdate())
        .order_by("due_date")
        .first()
    )


def time_left(attempt: Attempt, now=None) -> float | None:
    passage = attempt.version.spec.passage(attempt.current_passage)
    if passage.timer is None:
        return None
    elapsed = ((now or timezone.now()) - attempt.shown_at).total_seconds()
    return passage.timer - elapsed


def answer(attempt_id: int, user, expected_step: int, choice: str) -> Outcome:
    """Record the officer's choice (an index, or NO_DECISION) for step `expected_step`."""
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update()
            .select_related("version", "scenario", "user")
            .get(pk=attempt_id, user=user)
        )
        if attempt.status != Attempt.Status.IN_PROGRESS or attempt.step_count != expected_step:
            return Outcome(attempt, recorded=False)
        now = timezone.now()
        passage = attempt.version.spec.passage(attempt.current_passage)
        index = _resolve_choice(attempt, passage, choice, now)
        _record_step(attempt, passage, index, now)
    return Outcome(attempt, recorded=True)


def open_choices(attempt: Attempt, passage) -> list[tuple[int, object]]:
    """The options offered now, with their indices: in a loop, none into a passage that has
    had all its visits (spec.PassageSpec.visits)."""
    spec = attempt.version.spec
    limits = visit_limits(spec)
    if not limits:
        return list(enumerate(passage.choices))
    visits = {spec.start: 1}
    for target in attempt.steps.values_list("target", flat=True):
        visits[target] = visits.get(target, 0) + 1
    return [(i, passage.choices[i]) for i in open_options(passage, visits, limits)]


def _resolve_choice(attempt, passage, choice: str, now) -> int | None:
    """The index of the choice taken, or None for the no-decision branch."""
    remaining = time_left(attempt, now)
    grace = settings.DEFUSE_TIMER_GRACE_SECONDS
    if remaining is not None and remaining < -grace:
        return None  # too late, whatever was clicked: server time decides
    if choice == NO_DECISION:
        if remaining is not None and remaining <= grace:
            return None
        raise ValueError("The time to decide has not run out yet.")
    if not choice.isdigit() or int(choice) >= len(passage.choices):
        raise ValueError("Choose one of the options.")
    if int(choice) not in dict(open_choices(attempt, passage)):
        raise ValueError("That option is no longer open here: choose one of the options shown.")
    return int(choice)


def _record_step(attempt: Attempt, passage, index: int | None, now) -> None:
    chosen = passage.choices[index] if index is not None else None
    step = AttemptStep.objects.create(
        attempt=attempt,
        version=attempt.version,
        index=attempt.step_count,
        passage=passage.name,
        choice_index=index,
        choice_label=chosen.label if chosen else "",
        target=chosen.target if chosen else passage.timeout,
        points={c: chosen.points(c) for c in CRITERIA if chosen.points(c)} if chosen else {},
        screen_out=bool(chosen.screen_out if chosen else passage.timeout_screen_out),
        timed_out=chosen is None,
        shown_at=attempt.shown_at,
        answered_at=now,
        seconds=(now - attempt.shown_at).total_seconds(),
    )
    statements = [xapi.answered(attempt, step, chosen)]
    attempt.step_count += 1
    attempt.current_passage = step.target
    attempt.shown_at = now
    for criterion, value in step.points.items():
        attempt.points[criterion] = attempt.points.get(criterion, 0) + value
    attempt.total_points = sum(attempt.points.values())
    attempt.screened_out = attempt.screened_out or step.screen_out
    if attempt.version.spec.passage(step.target).is_ending:
        statements += _finish(attempt, now)
    attempt.save()
    outbox(attempt, statements)


def _finish(attempt: Attempt, now) -> list[dict]:
    attempt.status = Attempt.Status.COMPLETED
    attempt.finished_at = now
    result = apply_score(attempt)
    return xapi.finished(attempt, result.available)


def apply_score(attempt: Attempt) -> Score:
    """Score a finished attempt from its recorded decisions and the version it played."""
    version = attempt.version
    spec = version.spec
    steps = attempt.steps.order_by("index").values("passage", "points", "screen_out", "timed_out")
    chosen = [dict(step) for step in steps]
    result = score(spec, chosen, attempt.pass_mark, attempt.current_passage, version.decisions)
    attempt.scaled = result.scaled
    attempt.screened_out = result.screened_out
    attempt.ending_acceptable = result.acceptable_ending
    attempt.passed = result.passed
    attempt.outcome = spec.passage(attempt.current_passage).ending
    for criterion, value in result.criterion_scaled.items():
        setattr(attempt, f"score_{criterion}", value)
    return result


def abandon(attempt: Attempt) -> None:
    Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.IN_PROGRESS).update(
        status=Attempt.Status.ABANDONED, finished_at=timezone.now()
    )


def outbox(attempt: Attempt, statements: list[dict]) -> None:
    XapiStatement.objects.bulk_create(
        XapiStatement(
            id=data["id"], attempt=attempt, verb=data["verb"]["display"]["en-US"], payload=data
        )
        for data in statements
    )
    if settings.DEFUSE_XAPI_ENDPOINT:
        # robust: the statements are stored; a queue that is down leaves them to the sweep.
        transaction.on_commit(send_xapi_statements, robust=True)
