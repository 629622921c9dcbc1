import logging
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache

from .models import Heartbeat

logger = logging.getLogger(__name__)

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
    if refuses_writes(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "120"
        return response
    return defaults.server_error(request)


def refuses_writes(error: BaseException | None) -> bool:
    return isinstance(error, DatabaseError) and any(
        phrase in str(error).lower() for phrase in UNWRITABLE
    )


def rate_limited(request, exception=None):
    """What django-ratelimit answers when a limit is reached (RATELIMIT_VIEW)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


@never_cache
def alive(request):
    """Liveness, for a process supervisor: the process answers, nothing else is checked (the
    readiness checks are /health/). Also the benchmarks' measure of the bare stack: every
    middleware, no database, no template (bench/load.py)."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def health(request):
    """For load balancers and monitoring: 200 when the database takes a write, the cache
    answers, the worker has run lately and the disks have room; otherwise 503, naming each
    failure. Anyone may ask, so an answer names what failed, never an error's own text (host
    names, paths): that goes to the log."""
    checks = {
        "database": _check("database", _database_takes_a_write),
        "cache": _check("cache", _cache_answers),
        "worker": _check("worker", _worker_is_recent),
        "disk": _check("disk", _disk_has_room),
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def _check(name: str, probe) -> str:
    try:
        problem = probe()
    except Exception as error:  # noqa: BLE001 (any failure is a failed check)
        logger.warning("Health check %r failed", name, exc_info=True)
        if refuses_writes(error):
            return "error: refuses writes (read-only, or out of disk)"
        return f"error: {error.__class__.__name__} (details in the log)"
    return f"error: {problem}" if problem else "ok"


def _database_takes_a_write() -> str | None:
    # A real write: a read-only database (a full disk, a replica promoted the wrong way, a
    # maintenance flag) answers SELECT 1 but refuses every sign-in.
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
    for label, folder in _data_folders().items():
        free = shutil.disk_usage(folder).free // (1024 * 1024)
        if free < minimum:
            short.append(f"{label} has {free} MB free (below {minimum} MB)")
    return "; ".join(short) or None


def _data_folders() -> dict[str, Path]:
    """Where Defuse writes, by the setting that names it: var/, media, the SQLite database."""
    folders = {"DEFUSE_VAR_DIR": Path(settings.VAR_DIR), "MEDIA_ROOT": Path(settings.MEDIA_ROOT)}
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not str(database["NAME"]).startswith(
        ("file:", ":memory:")
    ):
        folders["the SQLite database's folder"] = Path(database["NAME"]).parent
    return {label: _existing(folder) for label, folder in folders.items()}


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
