"""What every Insights figure should be, computed a second way: raw SQL over the report rows (never
the monthly counts that facts.py builds, nor Report.objects.countable() or Scope.narrow), plain
reads of users and attempts, and plain Python. The tests hold each chart against these."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db import connection
from django.utils import timezone

from defuse.accounts.models import Unit, User
from defuse.core.vocabulary import Outcome, Technique
from defuse.field.models import Code, ForceApplication, Report, Subject, TechniqueAttempt
from defuse.field.models.reports import CallType
from defuse.training.models import Attempt

EVERY_UNIT = None  # `units=EVERY_UNIT`: every report, with or without a unit (a chief's agency)

REPORTS_SQL = """
    SELECT r.id, r.unit_id, u.name, r.occurred_at, r.call_type, r.outcome, r.crisis,
           r.force_used, r.subject_injured, r.officer_injured, r.submitted_at, r.closed_at
    FROM {report} r LEFT JOIN {unit} u ON u.id = r.unit_id
    WHERE r.status = 'closed' AND r.is_training = %s AND r.superseded = %s
      AND r.occurred_at IS NOT NULL
"""
PEOPLE_SQL = """
    SELECT s.id, s.report_id, s.age, c.code, s.injured
    FROM {subject} s LEFT JOIN {code} c ON c.id = s.sex_id
"""
RACES_SQL = (
    "SELECT sr.subject_id, c.code FROM {subject_races} sr JOIN {code} c ON c.id = sr.code_id"
)
FORCE_SQL = "SELECT report_id, subject_id FROM {force}"
LABELS_SQL = "SELECT element, code, label FROM {code}"
TECHNIQUES_SQL = (
    "SELECT a.report_id, t.label FROM {attempt} a JOIN {technique} t ON t.id = a.technique_id"
)


@dataclass
class Person:
    age: int | None
    sex: str | None
    races: list[str]
    injured: bool
    forced: bool  # named in a force entry, or force used and no entry names anyone


@dataclass
class Row:
    """One approved, real, current report, as the database holds it."""

    unit_id: int | None
    unit_name: str | None
    occurred_at: datetime
    call_type: str
    outcome: str
    crisis: bool
    force: bool
    subject_injured: bool
    officer_injured: bool
    review_seconds: float | None  # None when a review timestamp is missing
    techniques: set[str] = field(default_factory=set)
    people: list[Person] = field(default_factory=list)

    @property
    def month(self) -> date:
        return timezone.localtime(self.occurred_at).date().replace(day=1)


def _moment(value):
    if value is None or isinstance(value, datetime) and timezone.is_aware(value):
        return value
    value = datetime.fromisoformat(value) if isinstance(value, str) else value
    return value.replace(tzinfo=UTC)  # SQLite keeps UTC without an offset


def _query(sql: str, *params) -> list[tuple]:
    tables = {
        "report": Report._meta.db_table, "unit": Unit._meta.db_table,
        "attempt": TechniqueAttempt._meta.db_table, "technique": Technique._meta.db_table,
        "subject": Subject._meta.db_table, "code": Code._meta.db_table,
        "subject_races": Subject.races.through._meta.db_table,
        "force": ForceApplication._meta.db_table,
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**tables), params)
        return cursor.fetchall()


def counted(first: date, last: date, units=EVERY_UNIT) -> list[Row]:
    """Approved real reports from month `first` to month `last` (both included), of `units` (a
    set of unit ids, None standing for "no unit"), or of everyone."""
    techniques: defaultdict[int, set[str]] = defaultdict(set)
    for report_id, label in _query(TECHNIQUES_SQL):
        techniques[report_id].add(label)
    people = _people()
    rows = []
    for pk, unit_id, name, occurred, call, outcome, *flags, submitted, closed in _query(
        REPORTS_SQL, False, False
    ):
        submitted, closed = _moment(submitted), _moment(closed)
        seconds = (closed - submitted).total_seconds() if submitted and closed else None
        crisis, force, subject_injured, officer_injured = map(bool, flags)
        row = Row(unit_id, name, _moment(occurred), call, outcome, crisis, force,
                  subject_injured, officer_injured, seconds)  # fmt: skip
        row.techniques = techniques[pk]
        row.people = people[pk]
        if first <= row.month <= last and (units is EVERY_UNIT or unit_id in units):
            rows.append(row)
    return rows


def _people() -> defaultdict[int, list[Person]]:
    races: defaultdict[int, list[str]] = defaultdict(list)
    for subject_id, code in _query(RACES_SQL):
        races[subject_id].append(code)
    force_rows = _query(FORCE_SQL)
    named = {subject for _, subject in force_rows if subject is not None}
    names_someone = {report for report, subject in force_rows if subject is not None}
    forced_reports = {pk for (pk,) in _query("SELECT id FROM {report} WHERE force_used = %s", True)}
    found: defaultdict[int, list[Person]] = defaultdict(list)
    for pk, report_id, age, sex, injured in _query(PEOPLE_SQL):
        unnamed = report_id in forced_reports and report_id not in names_someone
        found[report_id].append(
            Person(age, sex, sorted(races[pk]), bool(injured), pk in named or unnamed)
        )
    return found


def share(part, whole):
    return part / whole if whole else None


def _forced(rows) -> int:
    return sum(r.force for r in rows)


def headline(rows) -> dict:
    reviewed = [r.review_seconds for r in rows if r.review_seconds is not None]
    n = len(rows)
    return {
        "encounters": n,
        "documented_share": share(sum(bool(r.techniques) for r in rows), n),
        "without_force_share": share(n - _forced(rows), n),
        "crisis_share": share(sum(r.crisis for r in rows), n),
        "subject_injured": sum(r.subject_injured for r in rows),
        "officer_injured": sum(r.officer_injured for r in rows),
        "reviewed": len(reviewed),
        "review_hours": share(sum(reviewed) / 3600, len(reviewed)),
    }


def _by(rows, key) -> dict:
    groups = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def encounters_by_month(rows) -> list[list]:
    return [
        [month, len(g), sum(bool(r.techniques) for r in g), _forced(g)]
        for month, g in sorted(_by(rows, lambda r: r.month).items())
    ]


def force_by_technique(rows) -> list[list]:
    found = []
    for label in sorted({label for r in rows for label in r.techniques}):
        tried = [r for r in rows if label in r.techniques]
        found.append([label, len(tried), _forced(tried), share(_forced(tried), len(tried))])
    none = [r for r in rows if not r.techniques]
    if none:
        found.append(
            ["No technique documented", len(none), _forced(none), _forced(none) / len(none)]
        )
    return found


def force_by_call_type(rows) -> list[list]:
    labels = dict(CallType.choices)
    return [
        [labels[call], len(g), _forced(g), _forced(g) / len(g)]
        for call, g in _by(rows, lambda r: r.call_type).items()
    ]


def crisis_outcomes(rows) -> list[list]:
    labels, crisis = dict(Outcome.choices), [r for r in rows if r.crisis]
    return [
        [labels[outcome], len(g), len(g) / len(crisis)]
        for outcome, g in _by(crisis, lambda r: r.outcome).items()
    ]


def injuries(rows) -> list[list]:
    found = []
    for label, used in (("Force used", True), ("No force", False)):
        g = [r for r in rows if r.force == used]
        subject, officer = sum(r.subject_injured for r in g), sum(r.officer_injured for r in g)
        found.append(
            [label, len(g), subject, share(subject, len(g)), officer, share(officer, len(g))]
        )
    return found


def review_time(rows) -> list[list]:
    found = []
    for name, g in _by(rows, lambda r: r.unit_name or "No unit").items():
        seconds = [r.review_seconds for r in g if r.review_seconds is not None]
        found.append([name, len(g), share(sum(seconds) / 3600, len(seconds))])
    return found


def training_and_outcomes(rows, units, first: date, last: date) -> list[list]:
    """Per unit: its active people, the share of them with a passed scenario finished in the
    period, the mean score of their finished attempts, and the unit's reports."""
    found = []
    for unit in sorted(units, key=lambda u: u.name):
        people = set(User.objects.filter(unit=unit, is_active=True).values_list("pk", flat=True))
        attempts = [
            a
            for a in Attempt.objects.filter(user__in=people, status="completed")
            if first <= timezone.localtime(a.finished_at).date().replace(day=1) <= last
        ]
        scores = [a.scaled for a in attempts if a.scaled is not None]
        passed = {a.user_id for a in attempts if a.passed}
        mine = [r for r in rows if r.unit_id == unit.pk]
        found.append([
            unit.name, len(people), share(len(passed), len(people)),
            share(sum(scores), len(scores)), len(mine),
            share(sum(bool(r.techniques) for r in mine), len(mine)),
            share(len(mine) - _forced(mine), len(mine)),
        ])  # fmt: skip
    return found


def _labels(element: str) -> dict:
    return {code: label for kind, code, label in _query(LABELS_SQL) if kind == element}


def _age_band(age: int | None) -> str:
    if age is None:
        return "Age not recorded"
    for upper, label in ((18, "Under 18"), (25, "18–24"), (35, "25–34"), (45, "35–44"),
                         (55, "45–54")):  # fmt: skip
        if age < upper:
            return label
    return "55 and over"


def _people_rows(rows, group) -> list[list]:
    groups = defaultdict(list)
    for row in rows:
        for person in row.people:
            groups[group(person)].append(person)
    return [
        [label, len(ps), sum(p.forced for p in ps), share(sum(p.forced for p in ps), len(ps)),
         sum(p.injured for p in ps), share(sum(p.injured for p in ps), len(ps))]
        for label, ps in groups.items()
    ]  # fmt: skip


def force_by_race(rows) -> list[list]:
    labels = _labels("race")

    def race(person):
        if len(person.races) > 1:
            return "More than one race"
        return labels[person.races[0]] if person.races else "Race not recorded"

    return _people_rows(rows, race)


def force_by_sex(rows) -> list[list]:
    labels = _labels("sex")
    return _people_rows(rows, lambda p: labels[p.sex] if p.sex else "Sex not recorded")


def force_by_age(rows) -> list[list]:
    return _people_rows(rows, lambda p: _age_band(p.age))


CHARTS = {
    "encounters-by-month": encounters_by_month,
    "force-by-technique": force_by_technique,
    "force-by-call-type": force_by_call_type,
    "crisis-outcomes": crisis_outcomes,
    "injuries": injuries,
    "review-time": review_time,
    "force-by-race": force_by_race,
    "force-by-sex": force_by_sex,
    "force-by-age-band": force_by_age,
}
