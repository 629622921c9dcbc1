"""xAPI 1.0.3 statements for training attempts (ADL's xAPI specification, Data part)."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from django.conf import settings

from .spec import CRITERIA

ADL_VERB = "http://adlnet.gov/expapi/verbs/"
VERBS = ("initialized", "answered", "completed", "passed", "failed", "terminated", "voided")
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def base_iri() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def extension(name: str) -> str:
    return f"{base_iri()}/xapi/extensions/{name}"


def scenario_activity(attempt) -> dict:
    return {
        "objectType": "Activity",
        "id": f"{base_iri()}/training/scenarios/{attempt.scenario.slug}",
        "definition": {
            "name": {"en-US": attempt.version.spec.title},
            "type": SIMULATION,
            "extensions": {extension("version"): attempt.version.number},
        },
    }


def _actor(user) -> dict:
    actor = {"objectType": "Agent", "account": {"homePage": base_iri(), "name": user.username}}
    if user.get_full_name():
        actor["name"] = user.get_full_name()
    return actor


def _timestamp(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def duration(seconds: float) -> str:
    return f"PT{max(seconds, 0):.2f}S"


def statement(attempt, verb: str, moment, result: dict | None = None, obj=None) -> dict:
    data: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": _actor(attempt.user),
        "verb": {"id": ADL_VERB + verb, "display": {"en-US": verb}},
        "object": obj or scenario_activity(attempt),
        "context": {
            "registration": str(attempt.registration),
            "platform": "Defuse",
            "language": "en-US",
        },
        "timestamp": _timestamp(moment),
        "version": "1.0.3",
    }
    if obj is not None:
        data["context"]["contextActivities"] = {"parent": [scenario_activity(attempt)]}
    if result:
        data["result"] = result
    return data


def voided(attempt, statement_id, moment) -> dict:
    """Withdraws an earlier statement (xAPI 1.0.3, 2.3.2 Voided): sent when a result changes."""
    return {
        "id": str(uuid.uuid4()),
        "actor": _actor(attempt.user),
        "verb": {"id": ADL_VERB + "voided", "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": str(statement_id)},
        "timestamp": _timestamp(moment),
        "version": "1.0.3",
    }


def answered(attempt, step, choice) -> dict:
    passage_iri = f"{scenario_activity(attempt)['id']}/passages/{quote(step.passage, safe='')}"
    obj = {
        "objectType": "Activity",
        "id": passage_iri,
        "definition": {
            "name": {"en-US": step.passage},
            "type": INTERACTION,
            "interactionType": "choice",
        },
    }
    result = {
        "response": "no-decision" if step.choice_index is None else str(step.choice_index),
        "duration": duration(step.seconds),
        "extensions": {
            **{
                extension(f"cdm/{criterion}"): step.points.get(criterion, 0)
                for criterion in CRITERIA
            },
            extension("screen-out"): step.screen_out,
            extension("timed-out"): step.timed_out,
            extension("choice-label"): step.choice_label or "No decision",
        },
    }
    return statement(attempt, "answered", step.answered_at, result, obj)


def finished(attempt, best_total: int) -> list[dict]:
    seconds = (attempt.finished_at - attempt.started_at).total_seconds()
    # Nothing to earn on the path (scaled None): no score at all, as the review says "Not
    # scored", rather than a score of 0. xAPI wants max > min, so raw/min/max only with points.
    score = {} if attempt.scaled is None else {"score": {"scaled": round(attempt.scaled, 4)}}
    if score and best_total > 0:
        score["score"].update(raw=attempt.total_points, min=0, max=best_total)
    per_criterion = {extension(f"cdm/{c}"): getattr(attempt, f"score_{c}") for c in CRITERIA}
    completed = {
        "completion": True,
        "duration": duration(seconds),
        **score,
        "extensions": per_criterion,
    }
    verdict = {
        "success": bool(attempt.passed),
        **score,
        "extensions": {
            extension("screened-out"): attempt.screened_out,
            extension("outcome"): attempt.outcome,
        },
    }
    return [
        statement(attempt, "completed", attempt.finished_at, completed),
        statement(attempt, "passed" if attempt.passed else "failed", attempt.finished_at, verdict),
    ]
