"""Dates and times as agencies' files write them: `2026-03-02 01:14`, `2026/03/02 01:14:00+00`,
`03/02/2026 1:14 AM` (or day first, by the profile), ISO with `T` and `Z`, and the date cells of
a spreadsheet. A time without a zone is in the profile's time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from django.utils.timezone import make_aware

DATE_ORDERS = [
    ("mdy", "Month first: 03/02/2026 is 2 March"),
    ("dmy", "Day first: 03/02/2026 is 3 February"),
]
YEAR_FIRST = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
YEAR_LAST = re.compile(r"(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4}|\d{2})")
TIME = re.compile(
    r"(?:[T ]\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[AaPp][Mm])?)?"
    r"\s*(?P<zone>Z|UTC|[+-]\d{2}(?::?\d{2})?)?$"
)


class NotADate(ValueError):
    pass


def parse_moment(value: object, zone: ZoneInfo, date_order: str = "mdy") -> datetime:
    """An aware datetime, or NotADate saying why not."""
    if isinstance(value, datetime):
        return value if value.tzinfo else make_aware(value, zone)
    if isinstance(value, date):
        return make_aware(datetime(value.year, value.month, value.day), zone)
    text = str(value).strip()
    day, rest = _date_part(text, date_order)
    clock = TIME.fullmatch(rest)
    if clock is None:
        raise NotADate(f"“{text}” has a date but no time we can read")
    hour, minute = int(clock["H"] or 0), int(clock["M"] or 0)
    if clock["ampm"]:
        if not 1 <= hour <= 12:
            raise NotADate(f"“{text}”: {hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if clock["ampm"].lower() == "pm" else 0)
    try:
        naive = datetime.combine(day, datetime.min.time()).replace(
            hour=hour, minute=minute, second=int(clock["S"] or 0)
        )
    except ValueError as error:
        raise NotADate(f"“{text}” is not a time: {error}") from None
    if not clock["zone"]:
        return make_aware(naive, zone)
    try:
        return naive.replace(tzinfo=_zone(clock["zone"]))
    except ValueError:
        raise NotADate(f"“{text}”: {clock['zone']} is not a time zone offset") from None


def _date_part(text: str, date_order: str) -> tuple[date, str]:
    if match := YEAR_FIRST.match(text):
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif match := YEAR_LAST.match(text):
        first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
        if len(match["y"]) == 2:  # 95 is 1995, 26 is 2026: never a year still to come
            year += 2000 if 2000 + year <= date.today().year else 1900
        month, day = (first, second) if date_order == "mdy" else (second, first)
    else:
        raise NotADate(f"“{text}” is not a date and time (for example 2026-03-02 01:14)")
    try:
        return date(year, month, day), text[match.end() :]
    except ValueError as error:
        raise NotADate(f"“{text}” is not a date: {error}") from None


def _zone(text: str) -> timezone:
    if text in ("Z", "UTC"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return timezone(sign * offset)
