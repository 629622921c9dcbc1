"""The audit trail: sign-ins, sign-outs, failed sign-ins, role changes and every step of a
report, each chained to the one before by a keyed digest (HMAC-SHA256).

Someone who edits, deletes or inserts a row with database access alone cannot make the chain
whole again without the key (`DEFUSE_AUDIT_KEY`, else derived from `DJANGO_SECRET_KEY`), so
`manage.py verify_audit` finds it. Removing the newest rows leaves a shorter chain that is
whole: the records also go, as they are written, to the `defuse.audit` logger (to syslog with
`DEFUSE_AUDIT_SYSLOG`), and `verify_audit --at-least N` checks the head against a count the
agency's SIEM holds.
"""

import datetime
import hashlib
import hmac
import ipaddress
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import AuditRecord

logger = logging.getLogger("defuse.audit")

GENESIS = "0" * 64
ATTEMPTS = 5
LOCK_ID = 0x646566757365  # PostgreSQL advisory lock: one writer extends the chain at a time


def _key() -> bytes:
    secret = getattr(settings, "DEFUSE_AUDIT_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(f"defuse-audit:{secret}".encode()).digest()


def canonical(record: AuditRecord) -> dict:
    at = record.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return {
        "sequence": record.sequence,
        "at": at,
        "actor_pk": record.actor_pk,
        "actor": record.actor,
        "action": record.action,
        "subject": record.subject,
        "detail": record.detail,
        "address": record.address,
        "previous_digest": record.previous_digest,
    }


def digest_of(record: AuditRecord) -> str:
    message = json.dumps(canonical(record), sort_keys=True, separators=(",", ":"))
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def record(action: str, *, user=None, subject: str = "", detail=None, request=None) -> AuditRecord:
    """Appends one record to the chain (in the caller's transaction, if there is one)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                entry = _append(action, user, subject, detail or {}, request)
            break
        except IntegrityError:  # another writer took the same sequence number (SQLite)
            if attempt == ATTEMPTS - 1:
                raise
    line = json.dumps({**canonical(entry), "digest": entry.digest}, sort_keys=True)
    transaction.on_commit(lambda: logger.info(line))  # a record rolled back was never written
    return entry


def _append(action, user, subject, detail, request) -> AuditRecord:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
    last = AuditRecord.objects.order_by("-sequence").only("sequence", "digest").first()
    entry = AuditRecord(
        sequence=(last.sequence + 1) if last else 1,
        at=timezone.now(),
        actor_pk=user.pk if user else None,
        actor=user.get_username() if user else "",
        action=action[:60],
        subject=subject[:200],
        detail=detail,
        address=address_of(request),
        previous_digest=last.digest if last else GENESIS,
    )
    entry.digest = digest_of(entry)
    entry.save()
    return entry


def address_of(request) -> str | None:
    """The client's address (REMOTE_ADDR, which ClientAddressMiddleware set), if valid."""
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


@dataclass
class Problem:
    sequence: int
    reason: str


PURGED = "audit records purged"


def purge_through(sequence: int) -> None:
    """Deletes the records up to `sequence` (the retention schedule's) and chains a record
    saying so, with the last purged digest: verify() then starts the chain from there."""
    last = AuditRecord.objects.get(sequence=sequence)
    with transaction.atomic():
        AuditRecord.objects.filter(sequence__lte=sequence).delete()
        record(PURGED, detail={"through": sequence, "last_digest": last.digest})


def _start() -> tuple[int, str]:
    """Where the chain starts: record 1, or after the latest purge (a chained record, so an
    intruder cannot claim one without the key)."""
    purges = AuditRecord.objects.filter(action=PURGED).order_by("-sequence")
    for entry in purges[:1]:
        if hmac.compare_digest(entry.digest, digest_of(entry)):
            return int(entry.detail["through"]) + 1, str(entry.detail["last_digest"])
    return 1, GENESIS


def verify() -> Iterator[Problem]:
    """Every break in the chain: an edited record (its digest no longer matches), a deleted
    one (a gap in the sequence, or a record whose predecessor is not the one it names), an
    inserted one (a predecessor or digest the key did not make)."""
    expected_sequence, previous = _start()
    for entry in AuditRecord.objects.order_by("sequence").iterator(chunk_size=2000):
        if entry.sequence < expected_sequence:
            yield Problem(entry.sequence, "older than the latest purge, yet still here")
            continue
        if entry.sequence != expected_sequence:
            yield Problem(
                entry.sequence,
                f"records {expected_sequence}–{entry.sequence - 1} are missing",
            )
        elif entry.previous_digest != previous:
            yield Problem(entry.sequence, "does not follow the record before it")
        if not hmac.compare_digest(entry.digest, digest_of(entry)):
            yield Problem(entry.sequence, "its contents do not match its digest (edited)")
        expected_sequence, previous = entry.sequence + 1, entry.digest


def export_lines(after: int = 0) -> Iterator[str]:
    """The records after sequence number `after`, one JSON object per line."""
    for entry in AuditRecord.objects.filter(sequence__gt=after).iterator(chunk_size=2000):
        yield json.dumps({**canonical(entry), "digest": entry.digest}, sort_keys=True)


# Receivers (connected in accounts/apps.py) ------------------------------------------------


def on_sign_in(sender, request, user, **kwargs) -> None:
    record("sign-in", user=user, request=request)


def on_sign_out(sender, request, user, **kwargs) -> None:
    reason = getattr(request, "defuse_sign_out_reason", None)  # accounts/session_rules.py
    record("sign-out", user=user, request=request, detail={"reason": reason} if reason else None)


def on_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    record("sign-in failed", detail={"username": username}, request=request)


def on_roles_changed(sender, instance, action, pk_set, model, **kwargs) -> None:
    """User.groups changed: which roles were given or taken, and whose."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return  # given a role they already had: nothing changed
    if not isinstance(instance, get_user_model()):
        return  # group.user_set changed: recorded per user by the reverse side
    names = sorted(model.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    record(
        "roles changed",
        subject=f"accounts.user:{instance.pk}",
        detail={"change": action.removeprefix("post_"), "groups": names},
    )


def on_user_saved(sender, instance, created, **kwargs) -> None:
    """An account disabled or enabled again (User.save notes the change)."""
    if getattr(instance, "active_changed", False):
        instance.active_changed = False
        detail = {"username": instance.username}
        if reason := getattr(instance, "change_reason", None):
            last = instance.last_login
            detail |= {"reason": reason, "last_sign_in": last.isoformat() if last else None}
        record(
            "account enabled" if instance.is_active else "account disabled",
            subject=f"accounts.user:{instance.pk}",
            detail=detail,
        )


def on_second_factor(action: str):
    """A receiver for one of allauth.mfa's signals: added, removed, reset, used, failed."""

    def receiver(sender, request, user, authenticator=None, **kwargs) -> None:
        kind = getattr(authenticator, "type", "")
        record(f"second factor {action}", user=user, request=request, detail={"type": kind})

    return receiver
