"""Rebuilding the monthly counts (models.py) from the reports, for one month and unit or all."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from defuse.field.models import ForceApplication, Report, Subject, TechniqueAttempt
from defuse.platform.months import month_after, start_of

from .models import ReportFact, SubjectFact, TechniqueFact, TrainingFact
from .open_data import AGE_BANDS

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
    practice = Report.objects.filter(
        status=Report.Status.CLOSED, is_training=True, superseded=False, occurred_at__isnull=False
    )
    facts, techniques = ReportFact.objects.all(), TechniqueFact.objects.all()
    people, training = SubjectFact.objects.all(), TrainingFact.objects.all()
    if not everything:
        if month is None:
            raise ValueError("rebuild() needs a month, or everything=True")
        start, end = _month_range(month)
        one_slice = Q(month=month) & Q(unit_id=unit_id)  # unit None: reports without a unit
        reports = reports.filter(Q(unit_id=unit_id), occurred_at__gte=start, occurred_at__lt=end)
        practice = practice.filter(Q(unit_id=unit_id), occurred_at__gte=start, occurred_at__lt=end)
        facts, techniques = facts.filter(one_slice), techniques.filter(one_slice)
        people, training = people.filter(one_slice), training.filter(one_slice)
    for stale in (facts, techniques, people, training):
        stale.filter(carried=False).delete()
    return _write(reports, practice)


def carry(report_ids: list[int]) -> int:
    """Keeps the counts of reports about to be purged (records retention) as carried rows,
    which no recount deletes: Insights shows the same figures after the purge."""
    reports = Report.objects.countable().filter(pk__in=report_ids, occurred_at__isnull=False)
    practice = Report.objects.filter(
        pk__in=report_ids, status=Report.Status.CLOSED, is_training=True, superseded=False,
        occurred_at__isnull=False,
    )  # fmt: skip
    return _write(reports, practice, carried=True)


def _write(reports, practice, carried: bool = False) -> int:
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
            carried=carried, **{flag: g[flag] for flag in FLAGS},
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
                carried=carried,
            )
            for a in attempts
        ],
        batch_size=2000,
    )  # fmt: skip
    SubjectFact.objects.bulk_create(_people(reports, carried), batch_size=2000)
    TrainingFact.objects.bulk_create(
        TrainingFact(
            month=_as_date(g["month"]), unit_id=g["unit_id"], reports=g["n"], carried=carried
        )
        for g in practice.annotate(month=TruncMonth("occurred_at"))
        .values("month", "unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return len(rows)


# The open data's ten-year bands, as SQL; empty: the age was not recorded.
AGE_BAND = Case(
    *(When(age__lt=upper, then=Value(label))
      for (_, label), (upper, _) in zip(AGE_BANDS, AGE_BANDS[1:], strict=False)),
    When(age__isnull=False, then=Value(AGE_BANDS[-1][1])),
    default=Value(""), output_field=CharField(),
)  # fmt: skip


def _people(reports, carried: bool) -> list[SubjectFact]:
    """The people of `reports`, grouped by month, unit, sex, race, age band, force and injury.
    Force was used on a person when a force entry names them, or when force was used and the
    report names no one (older and imported records say only that force was used)."""
    races = Subject.races.through.objects.filter(subject_id=OuterRef("pk"))
    race_count = races.values("subject_id").annotate(n=Count("pk")).values("n")
    first_race = races.order_by("code__code").values("code__code")[:1]
    named = ForceApplication.objects.filter(subject_id=OuterRef("pk"))
    anyone_named = ForceApplication.objects.filter(
        report_id=OuterRef("report_id"), subject__isnull=False
    )
    grouped = (
        Subject.objects.filter(report__in=reports)
        .annotate(race_n=Coalesce(Subquery(race_count), Value(0)))
        .annotate(
            month=TruncMonth("report__occurred_at"),
            sex_code=Coalesce("sex__code", Value("")),
            race_code=Case(
                When(race_n__gt=1, then=Value("multiple")),
                default=Coalesce(Subquery(first_race), Value("")),
                output_field=CharField(),
            ),
            band=AGE_BAND,
            forced=Q(Exists(named)) | (Q(report__force_used=True) & ~Q(Exists(anyone_named))),
        )
        .values("month", "report__unit_id", "sex_code", "race_code", "band", "forced", "injured")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        SubjectFact(
            month=_as_date(g["month"]), unit_id=g["report__unit_id"], sex=g["sex_code"],
            race=g["race_code"], age_band=g["band"], force_used=g["forced"],
            injured=g["injured"], people=g["n"], carried=carried,
        )
        for g in grouped
    ]  # fmt: skip


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
