"""What an Insights page covers: whose reports (the viewer's scope, narrowed to one unit) and
which months. Bad or missing filters fall back to sensible defaults rather than errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from defuse.accounts.models import Unit
from defuse.accounts.roles import Role
from defuse.field.models import Report

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class Scope:
    units: object  # Unit queryset the viewer may see
    unit: Unit | None
    start: date  # first day of the first month
    end: date  # first day of the month after the last
    everyone: bool  # a chief with no unit chosen: reports without a unit count too

    def reports(self):
        return self.reports_between(self.start, self.end)

    def reports_between(self, start: date, end: date):
        reports = Report.objects.countable().filter(
            occurred_at__gte=_aware(start), occurred_at__lt=_aware(end)
        )
        if self.unit:
            return reports.filter(unit=self.unit)
        return reports if self.everyone else reports.filter(unit__in=self.units)

    def facts(self):
        from .models import ReportFact

        return self._narrow(ReportFact.objects.filter(month__gte=self.start, month__lt=self.end))

    def technique_facts(self):
        from .models import TechniqueFact

        return self._narrow(TechniqueFact.objects.filter(month__gte=self.start, month__lt=self.end))

    def facts_for_month(self, month: date):
        from .models import ReportFact

        return self._narrow(ReportFact.objects.filter(month=month))

    def _narrow(self, queryset):
        if self.unit:
            return queryset.filter(unit=self.unit)
        return queryset if self.everyone else queryset.filter(unit__in=self.units)

    def query(self) -> str:
        parts = [f"from={self.start:%Y-%m}", f"to={_month_before(self.end):%Y-%m}"]
        return "&".join(parts + ([f"unit={self.unit.pk}"] if self.unit else []))


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _month_before(day: date) -> date:
    return date(day.year - (day.month == 1), 12 if day.month == 1 else day.month - 1, 1)


def _month_after(day: date) -> date:
    return date(day.year + (day.month == 12), 1 if day.month == 12 else day.month + 1, 1)


def _parse_month(raw: str | None) -> date | None:
    match = MONTH.match(raw or "")
    if not match or not 1 <= int(match.group(2)) <= 12 or not 2000 <= int(match.group(1)) <= 2100:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


def scope_for(request) -> Scope:
    units = request.user.units_in_scope()
    raw_unit = request.GET.get("unit", "")
    unit = (
        units.filter(pk=int(raw_unit)).first()
        if raw_unit.isdigit() and len(raw_unit) < 10
        else None
    )
    this_month = timezone.localdate().replace(day=1)
    last = _parse_month(request.GET.get("to")) or this_month
    first = _parse_month(request.GET.get("from"))
    if first is None or first > last:
        first = (
            date(last.year, 1, 1) if last.month == 12 else date(last.year - 1, last.month + 1, 1)
        )
    everyone = request.user.has_role(Role.CHIEF) and unit is None
    return Scope(units, unit, first, _month_after(last), everyone)
