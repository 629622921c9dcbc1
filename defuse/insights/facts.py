"""Rebuilding the monthly counts (models.py) from the reports, for one month and unit or all."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from defuse.field.models import Report, TechniqueAttempt
from defuse.platform.months import month_after, start_of

from .models import ReportFact, TechniqueFact

FLAGS = ["call_type", "outcome", "crisis", "force_used", "subject_injured", "officer_injured"]


def _seconds(value) -> float:
    if value is None:
        return 0.0
    return value.total_seconds() if hasattr(value, "total_seconds") else value / 1_000_000


def _month_range(month: date):
    return start_of(month), start_of(month_after(month))


@transaction.atomic
def rebuild(month: date | None = None, unit_id: int | None = None, everything: bool = False) -> int:
    """Recount one month and unit (or everything); returns the rows written."""
    reports = Report.objects.countable().filter(occurred_at__isnull=False)
    facts, techniques = ReportFact.objects.all(), TechniqueFact.objects.all()
    if not everything:
        if month is None:
            raise ValueError("rebuild() needs a month, or everything=True")
        start, end = _month_range(month)
        one_slice = Q(month=month) & Q(unit_id=unit_id)  # unit None: reports without a unit
        reports = reports.filter(Q(unit_id=unit_id), occurred_at__gte=start, occurred_at__lt=end)
        facts, techniques = facts.filter(one_slice), techniques.filter(one_slice)
    facts.delete()
    techniques.delete()
    review = ExpressionWrapper(F("closed_at") - F("submitted_at"), output_field=DurationField())
    grouped = (
        reports.annotate(month=TruncMonth("occurred_at"), documented=Q(technique_count__gt=0))
        .values("month", "unit_id", "documented", *FLAGS)
        .annotate(
            n=Count("pk"),
            reviewed=Count("pk", filter=Q(closed_at__isnull=False, submitted_at__isnull=False)),
            review=Sum(review),
        )
        .order_by()
    )
    rows = [
        ReportFact(
            month=_as_date(g["month"]), unit_id=g["unit_id"], documented=g["documented"],
            reports=g["n"], reviewed=g["reviewed"], review_seconds=_seconds(g["review"]),
            **{flag: g[flag] for flag in FLAGS},
        )
        for g in grouped
    ]  # fmt: skip
    ReportFact.objects.bulk_create(rows, batch_size=2000)
    attempts = (
        TechniqueAttempt.objects.filter(report__in=reports)
        .annotate(month=TruncMonth("report__occurred_at"))
        .values("month", "report__unit_id", "technique_id", "report__force_used")
        .annotate(n=Count("report", distinct=True))
        .order_by()
    )
    TechniqueFact.objects.bulk_create(
        [
            TechniqueFact(
                month=_as_date(a["month"]), unit_id=a["report__unit_id"],
                technique_id=a["technique_id"], force_used=a["report__force_used"], reports=a["n"],
            )
            for a in attempts
        ],
        batch_size=2000,
    )  # fmt: skip
    return len(rows)


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
