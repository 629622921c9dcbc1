"""Calendar months as the first day of the month: the unit every period filter is made of."""

import re
from datetime import date, datetime, time

from django.utils import timezone

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def this_month() -> date:
    """The first day of the month under way, on the site's clock."""
    return timezone.localdate().replace(day=1)


def last_complete_month() -> date:
    return month_before(this_month())


def month_before(day: date) -> date:
    return date(day.year - (day.month == 1), 12 if day.month == 1 else day.month - 1, 1)


def month_after(day: date) -> date:
    return date(day.year + (day.month == 12), 1 if day.month == 12 else day.month + 1, 1)


def parse_month(raw: str | None) -> date | None:
    """`YYYY-MM` (as an <input type="month"> sends it) between 2000 and 2100, else None."""
    match = MONTH.match(raw or "")
    if not match or not 1 <= int(match.group(2)) <= 12 or not 2000 <= int(match.group(1)) <= 2100:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


def start_of(day: date) -> datetime:
    """Midnight at the start of `day`, in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))
