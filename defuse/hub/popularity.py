"""Counting views without personal data, and the 'most popular' box.

A view is counted by a tiny image request that item pages make, so counting never delays the
page and works behind a page cache. One visitor is counted once per item per day: the shared
cache (Redis, or the database: every process sees the same marks) holds a hash of (a secret
that changes daily, the client's address, browser, item) until the day ends. One address counts
at most VIEWS_PER_ADDRESS visitors per item and day: several people behind one office's address
count, a script that changes its browser name on each request does not. The hashes cannot be
turned back into an address, and no address reaches the database.
"""

import datetime
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from defuse.platform.content_cache import cached

from .models import DailyView, HubItemPage

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python-|httpclient|headless|"
    r"facebookexternalhit|embedly|lighthouse",
    re.IGNORECASE,
)
POPULAR_COUNT = 5
VIEWS_PER_ADDRESS = 5
POPULAR_CACHE_SECONDS = 600


def is_bot(request) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")
    prefetch = "prefetch" in request.META.get("HTTP_SEC_PURPOSE", "") + request.META.get(
        "HTTP_PURPOSE", ""
    )
    return prefetch or not agent or bool(BOT_PATTERN.search(agent))


def _daily_hash(day: datetime.date, *parts: str) -> str:
    daily_secret = hmac.new(
        settings.SECRET_KEY.encode(), f"views:{day.isoformat()}".encode(), hashlib.sha256
    ).digest()
    return hmac.new(daily_secret, "|".join(parts).encode(), hashlib.sha256).hexdigest()


def visitor_key(request, item_id: int, day: datetime.date) -> str:
    digest = _daily_hash(
        day,
        request.META.get("REMOTE_ADDR", ""),  # the client's, behind a trusted proxy
        request.META.get("HTTP_USER_AGENT", ""),
        request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        str(item_id),
    )
    return f"hub:seen:{day.isoformat()}:{digest}"


def address_key(request, item_id: int, day: datetime.date) -> str:
    digest = _daily_hash(day, request.META.get("REMOTE_ADDR", ""), str(item_id))
    return f"hub:seen-address:{day.isoformat()}:{digest}"


def seconds_until_tomorrow() -> int:
    now = timezone.localtime()
    tomorrow = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    return max(60, int((tomorrow - now).total_seconds()) + 60)


def count_view(request, item_id: int) -> bool:
    """Records one view unless it is a bot, an unknown item, or this visitor's second today."""
    if is_bot(request):
        return False
    if not HubItemPage.objects.live().filter(pk=item_id).exists():
        return False  # checked first: made-up ids leave no marks in the shared counters
    day = timezone.localdate()
    marks, until_tomorrow = caches["shared"], seconds_until_tomorrow()
    if not marks.add(visitor_key(request, item_id, day), 1, until_tomorrow):
        return False
    per_address = address_key(request, item_id, day)
    if not marks.add(per_address, 1, until_tomorrow) and _views_from(marks, per_address) > (
        VIEWS_PER_ADDRESS
    ):
        return False
    DailyView.record(item_id)
    return True


def _views_from(marks, per_address: str) -> int:
    try:
        return marks.incr(per_address)
    except ValueError:  # expired (or was never stored: a write the database refused) since add()
        return 1


def most_popular(items, cache_key: str) -> list[dict]:
    """The top items of a listing by distinct views over the last 30 days, as plain data."""

    def load():
        ids = items.order_by().values("pk")
        top = DailyView.objects.recent().filter(item_id__in=ids).totals_by_item()[:POPULAR_COUNT]
        views = {row["item_id"]: row["views"] for row in top}
        found = {item.pk: item for item in items.filter(pk__in=views).prefetch_related(None)}
        return [
            {**found[pk].summary(), "views": count} for pk, count in views.items() if pk in found
        ]

    return cached(f"hub:popular:{timezone.localdate()}:{cache_key}", load, POPULAR_CACHE_SECONDS)


@dataclass
class PopularBox:
    heading: str
    note: str
    entries: list[dict]


def popular_or_picks(items, picks: list[dict], cache_key: str) -> PopularBox | None:
    """'Most popular' once POPULAR_COUNT items have been read; until then (a new site, a new
    topic) the editors' picks stand in, topped up with what has been read so far."""
    popular = most_popular(items, cache_key)
    if len(popular) >= POPULAR_COUNT:
        return PopularBox("Most popular", "Most read in the last 30 days", popular)
    chosen = list(picks)[:POPULAR_COUNT]
    if chosen:
        seen = {entry["url"] for entry in chosen}
        extra = [entry for entry in popular if entry["url"] not in seen]
        entries = (chosen + extra)[:POPULAR_COUNT]
        return PopularBox("Editors' picks", "Chosen by our editors", entries)
    if popular:
        return PopularBox("Most popular", "Most read in the last 30 days", popular)
    return None
