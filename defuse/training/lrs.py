"""Sending the xAPI outbox to a Learning Record Store.

Statements keep the ids they were given when the attempt happened, and an LRS stores a statement
id once (xAPI 1.0.3, Statement API: an identical statement sent again is not stored again), so a
batch resent after a timeout or a crash is never duplicated. Nothing leaves the outbox until the
LRS has said it holds it; failures wait longer each time (exponential backoff).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import XapiStatement

log = logging.getLogger(__name__)
HEADERS = {"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
TIMEOUT_SECONDS = 10
MAX_BACKOFF = timedelta(hours=6)


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0


def statements_url() -> str:
    return settings.DEFUSE_XAPI_ENDPOINT.rstrip("/") + "/statements"


def backoff(tries: int) -> timedelta:
    return min(timedelta(seconds=30 * 2 ** min(max(tries - 1, 0), 20)), MAX_BACKOFF)


def send_pending(limit_batches: int = 20, session: requests.Session | None = None) -> SendReport:
    report = SendReport()
    if not settings.DEFUSE_XAPI_ENDPOINT:
        return report
    session = session or requests.Session()
    session.auth = (settings.DEFUSE_XAPI_USERNAME, settings.DEFUSE_XAPI_PASSWORD)
    for _ in range(limit_batches):
        batch = list(XapiStatement.objects.due()[: settings.DEFUSE_XAPI_BATCH_SIZE])
        if not batch:
            break
        sent, failed = _send_batch(session, batch)
        report.sent += sent
        report.failed += failed
        if failed:
            break  # the LRS is struggling: leave the rest for the next run
    return report


def _send_batch(session, batch: list[XapiStatement]) -> tuple[int, int]:
    try:
        response = session.post(
            statements_url(),
            json=[s.payload for s in batch],
            headers=HEADERS,
            timeout=TIMEOUT_SECONDS,
        )
    except requests.RequestException as error:
        _failed(batch, f"LRS unreachable: {error.__class__.__name__}: {error}")
        return 0, len(batch)
    if response.status_code in (200, 204):
        _sent(batch)
        return len(batch), 0
    if response.status_code in (400, 409):
        # One statement spoils the batch: send each alone so the others get through.
        return _send_one_by_one(session, batch)
    _failed(batch, f"LRS answered {response.status_code}: {response.text[:500]}")
    return 0, len(batch)


def _send_one_by_one(session, batch) -> tuple[int, int]:
    sent = failed = 0
    for statement in batch:
        try:
            response = session.put(
                statements_url(),
                params={"statementId": str(statement.id)},
                json=statement.payload,
                headers=HEADERS,
                timeout=TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            _failed([statement], f"LRS unreachable: {error}")
            failed += 1
            continue
        if response.status_code in (200, 204):
            _sent([statement])
            sent += 1
        else:
            _failed([statement], f"LRS answered {response.status_code}: {response.text[:500]}")
            failed += 1
    return sent, failed


def _sent(batch) -> None:
    XapiStatement.objects.filter(pk__in=[s.pk for s in batch]).update(
        sent_at=timezone.now(), last_error=""
    )


def _failed(batch, error: str) -> None:
    log.warning("xAPI: %d statements not sent: %s", len(batch), error)
    now = timezone.now()
    with transaction.atomic():
        for statement in batch:
            statement.tries += 1
            statement.next_try_at = now + backoff(statement.tries)
            statement.last_error = error
        XapiStatement.objects.bulk_update(batch, ["tries", "next_try_at", "last_error"])
