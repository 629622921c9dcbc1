"""The figures Insights shows, each as a Chart: a title, what it shows, columns and rows, so the
same object draws the SVG, fills the data table and writes the CSV."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth

from defuse.field.models import TechniqueAttempt
from defuse.field.models.reports import CallType, ReportOutcome

SMALL = 5  # below this many reports a rate says little; the table marks it


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    columns: list[str]
    rows: list[list]
    value_column: int = 1  # the column the bars draw
    percent_columns: tuple[int, ...] = ()  # columns holding shares (0..1), shown as per cent
    notes: list[str] = field(default_factory=list)

    @property
    def percent(self) -> bool:
        return self.value_column in self.percent_columns


def share(part, whole):
    return part / whole if whole else None


def headline(reports) -> dict:
    review = ExpressionWrapper(F("closed_at") - F("submitted_at"), output_field=DurationField())
    totals = reports.aggregate(
        encounters=Count("pk"),
        documented=Count("pk", filter=Q(technique_count__gt=0)),
        without_force=Count("pk", filter=Q(force_used=False)),
        crisis=Count("pk", filter=Q(crisis=True)),
        subject_injured=Count("pk", filter=Q(subject_injured=True)),
        officer_injured=Count("pk", filter=Q(officer_injured=True)),
        review=Avg(review),
    )
    n = totals["encounters"]
    review_time = totals["review"]
    if review_time is not None and not isinstance(review_time, timedelta):
        review_time = timedelta(microseconds=review_time)  # SQLite returns microseconds
    return {
        **totals,
        "documented_share": share(totals["documented"], n),
        "without_force_share": share(totals["without_force"], n),
        "crisis_share": share(totals["crisis"], n),
        "review_hours": review_time.total_seconds() / 3600 if review_time else None,
    }


def encounters_by_month(reports) -> Chart:
    rows = (
        reports.annotate(month=TruncMonth("occurred_at"))
        .values("month")
        .annotate(
            n=Count("pk"),
            documented=Count("pk", filter=Q(technique_count__gt=0)),
            force=Count("pk", filter=Q(force_used=True)),
        )
        .order_by("month")
    )
    return Chart(
        "encounters-by-month",
        "Encounters over time",
        "Reported encounters per month, with how many documented a de-escalation technique and "
        "how many involved force.",
        ["Month", "Encounters", "Documented de-escalation", "Force used"],
        [[r["month"].strftime("%Y-%m"), r["n"], r["documented"], r["force"]] for r in rows],
    )


def force_by_technique(reports) -> Chart:
    attempts = (
        TechniqueAttempt.objects.filter(report__in=reports.values("pk"))
        .values("technique__label")
        .annotate(
            n=Count("report", distinct=True),
            force=Count("report", filter=Q(report__force_used=True), distinct=True),
        )
        .order_by("-n")
    )
    rows = [
        [a["technique__label"], a["n"], a["force"], share(a["force"], a["n"])] for a in attempts
    ]
    none = reports.filter(technique_count=0).aggregate(
        n=Count("pk"), force=Count("pk", filter=Q(force_used=True))
    )
    if none["n"]:
        rows.append(
            ["No technique documented", none["n"], none["force"], share(none["force"], none["n"])]
        )
    return Chart(
        "force-by-technique",
        "Force rate by technique attempted",
        "For each technique, the reports in which it was tried and the share of those in which "
        "force was used. A report with several techniques counts under each.",
        ["Technique", "Reports", "Force used", "Force rate"],
        rows,
        value_column=3,
        percent_columns=(3,),
    )


def force_by_call_type(reports) -> Chart:
    labels = dict(CallType.choices)
    found = (
        reports.values("call_type")
        .annotate(n=Count("pk"), force=Count("pk", filter=Q(force_used=True)))
        .order_by("-n")
    )
    return Chart(
        "force-by-call-type",
        "Force rate by call type",
        "Share of encounters of each call type in which force was used.",
        ["Call type", "Reports", "Force used", "Force rate"],
        [
            [
                labels.get(r["call_type"], r["call_type"]),
                r["n"],
                r["force"],
                share(r["force"], r["n"]),
            ]
            for r in found
        ],
        value_column=3,
        percent_columns=(3,),
    )


def crisis_outcomes(reports) -> Chart:
    labels = dict(ReportOutcome.choices)
    crisis = reports.filter(crisis=True)
    total = crisis.count()
    found = crisis.values("outcome").annotate(n=Count("pk")).order_by("-n")
    return Chart(
        "crisis-outcomes",
        "Crisis-related encounters and their outcomes",
        "Encounters with at least one crisis indicator, by outcome.",
        ["Outcome", "Reports", "Share"],
        [[labels.get(r["outcome"], r["outcome"]), r["n"], share(r["n"], total)] for r in found],
        value_column=2,
        percent_columns=(2,),
    )


def injuries(reports) -> Chart:
    rows = []
    for label, subset in (
        ("Force used", reports.filter(force_used=True)),
        ("No force", reports.filter(force_used=False)),
    ):
        totals = subset.aggregate(
            n=Count("pk"),
            subject=Count("pk", filter=Q(subject_injured=True)),
            officer=Count("pk", filter=Q(officer_injured=True)),
        )
        rows.append([label, totals["n"], totals["subject"], share(totals["subject"], totals["n"]),
                     totals["officer"], share(totals["officer"], totals["n"])])  # fmt: skip
    return Chart(
        "injuries",
        "Injuries",
        "Subject and officer injuries in encounters with and without force.",
        [
            "Encounters",
            "Reports",
            "Subject injured",
            "Subject injury rate",
            "Officer injured",
            "Officer injury rate",
        ],
        rows,
        value_column=3,
        percent_columns=(3, 5),
    )


def review_time_by_unit(reports) -> Chart:
    review = ExpressionWrapper(F("closed_at") - F("submitted_at"), output_field=DurationField())
    found = (
        reports.values("unit__name")
        .annotate(n=Count("pk"), review=Avg(review))
        .order_by("unit__name")
    )
    rows = []
    for r in found:
        value = r["review"]
        if value is not None and not isinstance(value, timedelta):
            value = timedelta(microseconds=value)
        rows.append(
            [
                r["unit__name"] or "No unit",
                r["n"],
                round(value.total_seconds() / 3600, 1) if value else None,
            ]
        )
    return Chart(
        "review-time",
        "Supervisor review time",
        "Mean hours from submission to approval, by unit.",
        ["Unit", "Reports", "Mean hours to review"],
        rows,
        value_column=2,
    )


def training_beside_outcomes(scope, reports) -> Chart:
    """Per unit: training (share of officers with a passed scenario in the period, mean score)
    beside report outcomes. Shown side by side; nothing here says one causes the other."""
    from defuse.accounts.models import User
    from defuse.training.models import Attempt

    units = [scope.unit] if scope.unit else list(scope.units)
    period = {"finished_at__gte": _start(scope), "finished_at__lt": _end(scope)}
    training = {
        row["user__unit"]: row
        for row in Attempt.objects.completed()
        .filter(user__unit__in=units, **period)
        .values("user__unit")
        .annotate(passed=Count("user", filter=Q(passed=True), distinct=True), mean=Avg("scaled"))
    }
    officers = dict(
        User.objects.filter(unit__in=units, is_active=True)
        .values_list("unit")
        .annotate(n=Count("pk"))
    )
    outcomes = {
        row["unit"]: row
        for row in reports.filter(unit__in=units)
        .values("unit")
        .annotate(
            n=Count("pk"),
            documented=Count("pk", filter=Q(technique_count__gt=0)),
            without=Count("pk", filter=Q(force_used=False)),
        )
    }
    rows = []
    for unit in sorted(units, key=lambda u: u.name):
        t, o, staff = training.get(unit.pk, {}), outcomes.get(unit.pk, {}), officers.get(unit.pk, 0)
        n = o.get("n", 0)
        rows.append([
            unit.name, staff, share(t.get("passed", 0), staff), t.get("mean"),
            n, share(o.get("documented", 0), n), share(o.get("without", 0), n),
        ])  # fmt: skip
    return Chart(
        "training-and-outcomes",
        "Training beside report outcomes, by unit",
        "Share of each unit's officers who passed a training scenario in the period, their mean "
        "scenario score, and the unit's reports. This shows correlation, not cause: units differ "
        "in their calls, shifts and people.",
        [
            "Unit",
            "Officers",
            "Passed a scenario",
            "Mean scenario score",
            "Reports",
            "Documented de-escalation",
            "Resolved without force",
        ],
        rows,
        value_column=2,
        percent_columns=(2, 3, 5, 6),
        notes=["Correlation, not cause."],
    )


def _start(scope):
    from .scope import _aware

    return _aware(scope.start)


def _end(scope):
    from .scope import _aware

    return _aware(scope.end)


def all_charts(scope) -> list[Chart]:
    reports = scope.reports()
    return [
        encounters_by_month(reports),
        force_by_technique(reports),
        force_by_call_type(reports),
        crisis_outcomes(reports),
        injuries(reports),
        review_time_by_unit(reports),
        training_beside_outcomes(scope, reports),
    ]


CHARTS = {
    "encounters-by-month": lambda scope: encounters_by_month(scope.reports()),
    "force-by-technique": lambda scope: force_by_technique(scope.reports()),
    "force-by-call-type": lambda scope: force_by_call_type(scope.reports()),
    "crisis-outcomes": lambda scope: crisis_outcomes(scope.reports()),
    "injuries": lambda scope: injuries(scope.reports()),
    "review-time": lambda scope: review_time_by_unit(scope.reports()),
    "training-and-outcomes": lambda scope: training_beside_outcomes(scope, scope.reports()),
}
