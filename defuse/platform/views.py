from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def rate_limited(request, exception=None):
    """What django-ratelimit answers when a limit is reached (RATELIMIT_VIEW)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


@never_cache
def health(request):
    """For load balancers and monitoring: 200 when the database and the cache answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 (any failure is a failed check)
        checks["database"] = f"error: {error.__class__.__name__}"
    try:
        cache.set("defuse:health", "ok", 10)
        checks["cache"] = "ok" if cache.get("defuse:health") == "ok" else "error: no value back"
    except Exception as error:  # noqa: BLE001
        checks["cache"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
