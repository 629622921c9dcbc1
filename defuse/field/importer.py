"""Importing historical reports from CSV: the agency maps its column names onto ours, a dry run
lists every problem (file, row, column, reason), and nothing is written unless all rows pass."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from defuse.accounts.models import User
from defuse.core.vocabulary import REPORT_OUTCOMES, Technique, outcome_choices

from .models import Report, ReportOfficer, Subject, TechniqueAttempt
from .models.reports import CallType
from .signals import reports_imported

# Our field → what it means; the default column name is the field's own name.
FIELDS = {
    "case_number": "Case or incident number (required)",
    "occurred_at": "Date and time, e.g. 2025-03-14 21:30 (required)",
    "officer": "Reporting officer's username or badge number (required)",
    "district": "District (required)",
    "beat": "Beat",
    "call_type": "Call type: a code or label from Defuse's list (required)",
    "outcome": "Outcome: a code or label (required)",
    "techniques": "Technique codes tried, in order, separated by ;",
    "force_used": "yes / no",
    "subject_injured": "yes / no",
    "officer_injured": "yes / no",
    "crisis": "yes / no: any crisis indicator",
    "is_training": "yes / no: a training entry",
}
REQUIRED = {"case_number", "occurred_at", "officer", "district", "call_type", "outcome"}
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
MAX_ROWS = 200_000


@dataclass(frozen=True)
class RowError:
    file: str
    row: int  # the line in the file; the header is line 1
    column: str
    reason: str

    def __str__(self):
        return f"{self.file}, row {self.row}, column {self.column!r}: {self.reason}"


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class _Lookup:
    def __init__(self):
        self.users = {}
        for user in User.objects.filter(is_active=True).only(
            "pk", "username", "badge_number", "unit_id"
        ):
            self.users[user.username.lower()] = user
            if user.badge_number:
                self.users[user.badge_number.lower()] = user
        self.techniques = {t.code: t for t in Technique.objects.all()}
        self.call_types = _choices(CallType.choices)
        self.outcomes = _choices(outcome_choices(REPORT_OUTCOMES))


def _choices(choices: list[tuple[str, str]]) -> dict[str, str]:
    found = {value: value for value, _ in choices}
    found.update({label.lower(): value for value, label in choices})
    return found


def read(text: str, filename: str, mapping: dict[str, str]) -> ImportResult:
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text))
    headers = reader.fieldnames or []
    for target, column in mapping.items():
        if column and column not in headers:
            result.errors.append(RowError(filename, 1, column, f"no such column (for {target})"))
    for target in REQUIRED:
        if not mapping.get(target):
            result.errors.append(
                RowError(filename, 1, target, "this field must be mapped to a column")
            )
    if result.errors:
        return result
    lookup = _Lookup()
    for line, raw in enumerate(reader, start=2):
        if line > MAX_ROWS + 1:
            result.errors.append(RowError(filename, line, "", f"more than {MAX_ROWS} rows"))
            break
        result.rows.append(_row(raw, line, filename, mapping, lookup, result.errors))
    if not result.rows and not result.errors:
        result.errors.append(RowError(filename, 2, "", "the file has no rows"))
    return result


def _row(raw, line, filename, mapping, lookup, errors) -> dict:
    def value(target):
        column = mapping.get(target)
        return (raw.get(column) or "").strip() if column else ""

    def problem(target, reason):
        errors.append(RowError(filename, line, mapping.get(target) or target, reason))

    row = {"line": line}
    for target in REQUIRED:
        if not value(target):
            problem(target, "empty, but required")
    moment = value("occurred_at")
    parsed = parse_datetime(moment.replace(" ", "T", 1)) if moment else None
    if moment and parsed is None:
        problem("occurred_at", f"“{moment}” is not a date and time (use 2025-03-14 21:30)")
    elif parsed:
        row["occurred_at"] = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        if row["occurred_at"] > timezone.now():
            problem("occurred_at", "in the future")
    officer = lookup.users.get(value("officer").lower())
    if value("officer") and officer is None:
        problem("officer", f"no active user with username or badge “{value('officer')}”")
    row["officer"] = officer
    for target, table in (("call_type", lookup.call_types), ("outcome", lookup.outcomes)):
        code = table.get(value(target).lower()) or table.get(value(target))
        if value(target) and code is None:
            known = ", ".join(sorted(set(table.values())))
            problem(target, f"“{value(target)}” is not one of: {known}")
        row[target] = code
    codes = [c.strip() for c in value("techniques").split(";") if c.strip()]
    unknown = [c for c in codes if c not in lookup.techniques]
    if unknown:
        problem("techniques", f"unknown technique code(s): {', '.join(unknown)}")
    row["techniques"] = [lookup.techniques[c] for c in codes if c in lookup.techniques]
    for target in ("force_used", "subject_injured", "officer_injured", "crisis", "is_training"):
        text = value(target).lower()
        if text not in YES | NO:
            problem(target, f"“{value(target)}” is not yes or no")
        row[target] = text in YES
    row.update(case_number=value("case_number"), district=value("district"), beat=value("beat"))
    return row


@transaction.atomic
def write(result: ImportResult) -> int:
    """Write every row, all or nothing. Only call with a result that has no errors."""
    assert not result.errors
    for row in result.rows:
        officer = row["officer"]
        report = Report.objects.create(
            author=officer, unit_id=officer.unit_id, status=Report.Status.CLOSED,
            case_number=row["case_number"], occurred_at=row["occurred_at"],
            district=row["district"], beat=row["beat"], call_type=row["call_type"],
            outcome=row["outcome"], force_used=row["force_used"], crisis=row["crisis"],
            subject_injured=row["subject_injured"], officer_injured=row["officer_injured"],
            is_training=row["is_training"], technique_count=len(row["techniques"]),
            reason_for_contact="Imported historical record.",
            no_technique_reason="" if row["techniques"] else "Not recorded in the imported record.",
        )  # fmt: skip
        # The historical record has one person and its officer, as far as it says.
        subject = Subject.objects.create(report=report, injured=row["subject_injured"])
        author = ReportOfficer.objects.create(
            report=report, user=officer, injured=row["officer_injured"]
        )
        TechniqueAttempt.objects.bulk_create(
            TechniqueAttempt(report=report, order=n, technique=t, officer=author, subject=subject)
            for n, t in enumerate(row["techniques"], start=1)
        )
    reports_imported.send(sender=Report, count=len(result.rows))
    return len(result.rows)
