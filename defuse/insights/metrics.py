"""The figures Insights shows, each as a Chart: a title, what it shows, columns and rows, so the
same object draws the SVG, fills the data table and writes the CSV. They read the monthly counts
(models.py), not the reports, so they cost the same at a thousand reports or a million."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, Sum

from defuse.core.vocabulary import Outcome
from defuse.field.models import Code
from defuse.field.models.reports import CallType
from defuse.platform.months import start_of
from defuse.training.models import Attempt

from .charts import display
from .queries import facts, people_facts, technique_facts


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
    series: tuple[int, ...] = ()  # several columns drawn side by side (else value_column)

    @property
    def drawn_columns(self) -> tuple[int, ...]:
        return self.series or (self.value_column,)

    @property
    def legend(self) -> list[tuple[int, str]]:
        """(series number, name) when more than one series is drawn."""
        columns = self.drawn_columns
        return [(n, self.columns[c]) for n, c in enumerate(columns, 1)] if len(columns) > 1 else []

    @property
    def percent(self) -> bool:
        return self.value_column in self.percent_columns


def by_drawn_value(rows: list[list], column: int) -> list[list]:
    """Largest first, so the eye reads the bars in order; ties by name."""
    return sorted(rows, key=lambda row: (-(row[column] or 0), str(row[0])))


def share(part, whole):
    return (part or 0) / whole if whole else None


def _count(**flags):
    return Sum("reports", filter=Q(**flags)) if flags else Sum("reports")


def headline(facts) -> dict:
    totals = facts.aggregate(
        encounters=_count(),
        documented=_count(documented=True),
        without_force=_count(force_used=False),
        crisis=_count(crisis=True),
        subject_injured=_count(subject_injured=True),
        officer_injured=_count(officer_injured=True),
        reviewed=Sum("reviewed"),
        review_seconds=Sum("review_seconds"),
    )
    totals = {key: value or 0 for key, value in totals.items()}
    n = totals["encounters"]
    return {
        **totals,
        "documented_share": share(totals["documented"], n),
        "without_force_share": share(totals["without_force"], n),
        "crisis_share": share(totals["crisis"], n),
        "review_hours": share(totals["review_seconds"] / 3600, totals["reviewed"]),
    }


# The monthly summary's measures: (label, key of headline(), kind).
SUMMARY_MEASURES = [
    ("Encounters", "encounters", "count"),
    ("Documented de-escalation", "documented_share", "share"),
    ("Resolved without force", "without_force_share", "share"),
    ("Crisis-related", "crisis_share", "share"),
    ("Subjects injured", "subject_injured", "count"),
    ("Officers injured", "officer_injured", "count"),
    ("Mean hours to review", "review_hours", "hours"),
]


def change(now, before, kind: str) -> str:
    """The change from the month before, signed: counts as a number, shares in percentage
    points, hours in hours; "–" where either month has no figure."""
    if now is None or before is None:
        return "–"
    difference = now - before
    if kind == "share":
        text, unit = f"{abs(difference) * 100:.1f}", " pts"
    elif kind == "hours":
        text, unit = f"{abs(difference):.1f}", " h"
    else:
        text, unit = f"{abs(difference):,}", ""
    if float(text.replace(",", "")) == 0:
        return "no change"
    return ("+" if difference > 0 else "−") + text + unit


def summary_rows(this: dict, previous: dict) -> list[tuple[str, str, str, str]]:
    """(measure, this month, the month before, change) for the monthly summary."""
    return [
        (
            label,
            display(this[key], percent=kind == "share"),
            display(previous[key], percent=kind == "share"),
            change(this[key], previous[key], kind),
        )
        for label, key, kind in SUMMARY_MEASURES
    ]


def encounters_by_month(facts) -> Chart:
    rows = (
        facts.values("month")
        .annotate(n=_count(), documented=_count(documented=True), force=_count(force_used=True))
        .order_by("month")
    )
    return Chart(
        "encounters-by-month",
        "Encounters over time",
        "Reported encounters per month, with how many documented a de-escalation technique and "
        "how many involved force.",
        ["Month", "Encounters", "Documented de-escalation", "Force used"],
        [[r["month"], r["n"], r["documented"] or 0, r["force"] or 0] for r in rows],
        series=(1, 2, 3),
    )


def force_by_technique(facts, technique_facts) -> Chart:
    found = (
        technique_facts.values("technique__label")
        .annotate(n=_count(), force=_count(force_used=True))
        .order_by("-n")
    )
    rows = [
        [t["technique__label"], t["n"], t["force"] or 0, share(t["force"], t["n"])] for t in found
    ]
    rows = by_drawn_value(rows, 3)
    none = facts.filter(documented=False).aggregate(n=_count(), force=_count(force_used=True))
    if none["n"]:  # last, as the comparison for the rows above
        force = none["force"] or 0
        rows.append(["No technique documented", none["n"], force, share(force, none["n"])])
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


def force_by_call_type(facts) -> Chart:
    labels = dict(CallType.choices)
    found = (
        facts.values("call_type").annotate(n=_count(), force=_count(force_used=True)).order_by("-n")
    )
    return Chart(
        "force-by-call-type",
        "Force rate by call type",
        "Share of encounters of each call type in which force was used.",
        ["Call type", "Reports", "Force used", "Force rate"],
        by_drawn_value(
            [
                [
                    labels.get(r["call_type"], r["call_type"]),
                    r["n"],
                    r["force"] or 0,
                    share(r["force"] or 0, r["n"]),
                ]
                for r in found
            ],
            3,
        ),  # fmt: skip
        value_column=3,
        percent_columns=(3,),
    )


def crisis_outcomes(facts) -> Chart:
    labels = dict(Outcome.choices)
    found = facts.filter(crisis=True).values("outcome").annotate(n=_count()).order_by("-n")
    total = sum(r["n"] for r in found)
    return Chart(
        "crisis-outcomes",
        "Crisis-related encounters and their outcomes",
        "Encounters with at least one crisis indicator, by outcome.",
        ["Outcome", "Reports", "Share"],
        [[labels.get(r["outcome"], r["outcome"]), r["n"], share(r["n"], total)] for r in found],
        value_column=2,
        percent_columns=(2,),
    )


def injuries(facts) -> Chart:
    rows = []
    for label, used in (("Force used", True), ("No force", False)):
        totals = facts.filter(force_used=used).aggregate(
            n=_count(), subject=_count(subject_injured=True), officer=_count(officer_injured=True)
        )
        n, subject, officer = (totals[k] or 0 for k in ("n", "subject", "officer"))
        rows.append([label, n, subject, share(subject, n), officer, share(officer, n)])
    return Chart(
        "injuries",
        "Injuries",
        "Encounters in which a subject, and in which an officer, was injured, with and without "
        "force.",
        [
            "Encounters",
            "Reports",
            "Subject injured",
            "Subject injury rate",
            "Officer injured",
            "Officer injury rate",
        ],  # fmt: skip
        rows,
        value_column=3,
        percent_columns=(3, 5),
        series=(3, 5),
    )


def review_time_by_unit(facts) -> Chart:
    found = (
        facts.values("unit__name")
        .annotate(n=_count(), reviewed=Sum("reviewed"), seconds=Sum("review_seconds"))
        .order_by("unit__name")
    )
    rows = [
        [r["unit__name"] or "No unit", r["n"], share(r["seconds"] / 3600, r["reviewed"])]
        for r in found
    ]
    return Chart(
        "review-time",
        "Supervisor review time",
        "Mean hours from submission to approval, by unit.",
        ["Unit", "Reports", "Mean hours to review"],
        rows,
        value_column=2,
    )


def training_beside_outcomes(scope, facts) -> Chart:
    """Per unit: training (share of officers with a passed scenario in the period, mean score)
    beside report outcomes. Shown side by side; nothing here says one causes the other."""
    units = [scope.unit] if scope.unit else list(scope.units)
    training = {
        row["user__unit"]: row
        for row in Attempt.objects.completed()
        .filter(user__is_active=True)  # the officers counted below: people still serving
        .filter(user__unit__in=units, finished_at__gte=start_of(scope.start))
        .filter(finished_at__lt=start_of(scope.end))
        .values("user__unit")
        .annotate(passed=Count("user", filter=Q(passed=True), distinct=True), mean=Avg("scaled"))
    }
    officers = dict(
        scope.officers().filter(unit__in=units).values_list("unit").annotate(n=Count("pk"))
    )
    outcomes = {
        row["unit"]: row
        for row in facts.filter(unit__in=units)
        .values("unit")
        .annotate(n=_count(), documented=_count(documented=True), without=_count(force_used=False))
    }
    rows = []
    for unit in sorted(units, key=lambda u: u.name):
        t, o, staff = training.get(unit.pk, {}), outcomes.get(unit.pk, {}), officers.get(unit.pk, 0)
        n = o.get("n") or 0
        rows.append([
            unit.name, staff, share(t.get("passed", 0), staff), t.get("mean"),
            n, share(o.get("documented") or 0, n), share(o.get("without") or 0, n),
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
        ],  # fmt: skip
        rows,
        value_column=2,
        percent_columns=(2, 3, 5, 6),
        notes=["Correlation, not cause."],
    )


AGE_LABELS = {"under_18": "Under 18", "18-24": "18–24", "25-34": "25–34", "35-44": "35–44",
              "45-54": "45–54", "55_and_over": "55 and over", "": "Age not recorded"}  # fmt: skip
PEOPLE_NOTE = (
    "These count people in reported encounters, not residents: they are not population rates, "
    "and a difference can come from where, when and why officers are sent as much as from what "
    "they do. A person counts once per encounter; force counts when it was used on them."
)


def _people_by(people, dimension: str, what: str, labels: dict, ordered: bool) -> Chart:
    found = people.values(dimension).annotate(
        n=Sum("people"),
        force=Sum("people", filter=Q(force_used=True)),
        injured=Sum("people", filter=Q(injured=True)),
    )
    rows = [
        [labels.get(r[dimension], r[dimension]), r["n"], r["force"] or 0,
         share(r["force"] or 0, r["n"]), r["injured"] or 0, share(r["injured"] or 0, r["n"])]
        for r in found
    ]  # fmt: skip
    if ordered:
        order = list(labels.values())
        rows.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
    else:
        rows = by_drawn_value(rows, 3)
    return Chart(
        f"force-by-{dimension.replace('_', '-')}",
        f"Force by the person's {what}",
        f"Share of the people in encounters, by {what}, on whom force was used (and who were "
        "injured). Each row says how many people it counts.",
        [what.capitalize(), "People", "Force used on them", "Force rate", "Injured",
         "Injury rate"],
        rows,
        value_column=3,
        percent_columns=(3, 5),
        notes=[PEOPLE_NOTE],
    )  # fmt: skip


def _code_labels(element: str, extra: dict) -> dict:
    labels = {c.code: c.label for c in Code.objects.filter(element=element)}
    return {**labels, **extra}


def force_by_race(people) -> Chart:
    labels = _code_labels("race", {"multiple": "More than one race", "": "Race not recorded"})
    return _people_by(people, "race", "race", labels, ordered=False)


def force_by_sex(people) -> Chart:
    labels = _code_labels("sex", {"": "Sex not recorded"})
    return _people_by(people, "sex", "sex", labels, ordered=False)


def force_by_age(people) -> Chart:
    return _people_by(people, "age_band", "age", AGE_LABELS, ordered=True)


CHARTS = {
    "encounters-by-month": lambda scope: encounters_by_month(facts(scope)),
    "force-by-technique": lambda scope: force_by_technique(facts(scope), technique_facts(scope)),
    "force-by-call-type": lambda scope: force_by_call_type(facts(scope)),
    "crisis-outcomes": lambda scope: crisis_outcomes(facts(scope)),
    "injuries": lambda scope: injuries(facts(scope)),
    "review-time": lambda scope: review_time_by_unit(facts(scope)),
    "training-and-outcomes": lambda scope: training_beside_outcomes(scope, facts(scope)),
    "force-by-race": lambda scope: force_by_race(people_facts(scope)),
    "force-by-sex": lambda scope: force_by_sex(people_facts(scope)),
    "force-by-age-band": lambda scope: force_by_age(people_facts(scope)),
}


def all_charts(scope) -> list[Chart]:
    return [make(scope) for make in CHARTS.values()]
