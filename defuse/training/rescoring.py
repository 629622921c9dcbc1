"""Stored attempts scored again by the current rules, from the decisions they recorded and the
version they played. A changed result voids the attempt's earlier result statements and sends
new ones, as xAPI prescribes; an unchanged one is left alone, so running it again changes
nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import xapi
from .models import Attempt, ScenarioVersion
from .player import apply_score, outbox
from .spec import CRITERIA

RESULT_FIELDS = ["scaled", "passed", "screened_out", "ending_acceptable", "outcome"] + [
    f"score_{criterion}" for criterion in CRITERIA
]
RESULT_VERBS = ("completed", "passed", "failed")


@dataclass
class Rescored:
    checked: int = 0
    changed: int = 0
    now_pass: int = 0
    no_longer_pass: int = 0


def _result(attempt: Attempt) -> dict:
    found = {name: getattr(attempt, name) for name in RESULT_FIELDS}
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in found.items()}


def rescore_all(dry_run: bool = False) -> Rescored:
    summary = Rescored()
    attempts = Attempt.objects.filter(status=Attempt.Status.COMPLETED).select_related(
        "version", "scenario", "user"
    )
    versions: dict[int, ScenarioVersion] = {}  # one per version: its decisions worked out once
    for attempt in attempts.order_by("pk").iterator(chunk_size=500):
        attempt.version = versions.setdefault(attempt.version_id, attempt.version)
        summary.checked += 1
        before = _result(attempt)
        available = apply_score(attempt).available
        after = _result(attempt)
        if after == before:
            continue
        summary.changed += 1
        summary.now_pass += bool(after["passed"] and not before["passed"])
        summary.no_longer_pass += bool(before["passed"] and not after["passed"])
        if not dry_run:
            _store(attempt, after, available)
    return summary


@transaction.atomic
def _store(attempt: Attempt, result: dict, available: int) -> None:
    Attempt.objects.filter(pk=attempt.pk).update(**result)
    statements = attempt.statements.all()
    withdrawn = {s.payload["object"]["id"] for s in statements if s.verb == "voided"}
    now = timezone.now()
    voids = [
        xapi.voided(attempt, s.pk, now)
        for s in statements
        if s.verb in RESULT_VERBS and str(s.pk) not in withdrawn
    ]
    outbox(attempt, voids + xapi.finished(attempt, available))
