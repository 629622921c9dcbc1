import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache

from .models import Heartbeat

# What SQLite and PostgreSQL say when they cannot write: read-only, or out of disk.
UNWRITABLE = (
    "readonly database",
    "read-only transaction",
    "database or disk is full",
    "no space left on device",
)


def server_error(request):
    """handler500: a database that refuses writes is a 503 (try again later; nothing a reader
    did wrong), anything else Django's 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and any(
        phrase in str(error).lower() for phrase in UNWRITABLE
    ):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "120"
        return response
    return defaults.server_error(request)


def rate_limited(request, exception=None):
    """What django-ratelimit answers when a limit is reached (RATELIMIT_VIEW)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


@never_cache
def health(request):
    """For load balancers and monitoring: 200 when the database takes a write, the cache
    answers, the worker has run lately and the disks have room; otherwise 503, naming each
    failure."""
    checks = {
        "database": _check(_database_takes_a_write),
        "cache": _check(_cache_answers),
        "worker": _check(_worker_is_recent),
        "disk": _check(_disk_has_room),
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def _check(probe) -> str:
    try:
        problem = probe()
    except Exception as error:  # noqa: BLE001 (any failure is a failed check)
        return f"error: {error.__class__.__name__}: {str(error)[:200]}"
    return f"error: {problem}" if problem else "ok"


def _database_takes_a_write() -> str | None:
    # A real write: a read-only database (a full disk, a replica promoted the wrong way, a
    # maintenance flag) answers SELECT 1 but refuses every sign-in.
    with transaction.atomic():
        Heartbeat.beat("web")
    return None


def _cache_answers() -> str | None:
    cache.set("defuse:health", "ok", 10)
    return None if cache.get("defuse:health") == "ok" else "no value back"


def _worker_is_recent() -> str | None:
    beat = Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True).first()
    if beat is None:
        return "no heartbeat yet (is manage.py run_huey running?)"
    age = (timezone.now() - beat).total_seconds()
    if age > settings.DEFUSE_HEALTH_WORKER_MAX_AGE:
        return f"last heartbeat {int(age)} s ago (mail, notifications and recounts wait)"
    return None


def _disk_has_room() -> str | None:
    minimum = settings.DEFUSE_HEALTH_MIN_FREE_MB
    short = []
    for folder in _data_folders():
        free = shutil.disk_usage(folder).free // (1024 * 1024)
        if free < minimum:
            short.append(f"{folder} has {free} MB free (below {minimum} MB)")
    return "; ".join(short) or None


def _data_folders() -> list[Path]:
    """Where Defuse writes: var/, media, and the SQLite database's folder."""
    folders = {Path(settings.VAR_DIR), Path(settings.MEDIA_ROOT)}
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not str(database["NAME"]).startswith(
        ("file:", ":memory:")
    ):
        folders.add(Path(database["NAME"]).parent)
    return sorted(_existing(folder) for folder in folders)


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
