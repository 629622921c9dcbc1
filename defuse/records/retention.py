"""What the retention schedule says is due, and the purge.

A closed report is kept for the longest period of every class it falls in (models.RecordClass),
counted from when it was closed; a class without a rule is kept. The versions of a report (an
amendment and what it replaced) go together, once every version is due. Nothing a legal hold in
force names is due: the report and all its versions, every report with the case number, every
report an officer wrote or took part in, and that officer's drafts and training records.

Before reports go, Insights keeps their de-identified monthly counts (insights.facts.carry),
so no figure changes; every purge is written to the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from defuse.accounts import audit
from defuse.accounts.models import AuditRecord
from defuse.field.models import Report, ReportOfficer
from defuse.insights import facts
from defuse.training.models import Attempt

from .models import ComplaintFinding, LegalHold, RecordClass, RetentionRule

CLEARED = {
    ComplaintFinding.Finding.NOT_SUSTAINED,
    ComplaintFinding.Finding.EXONERATED,
    ComplaintFinding.Finding.UNFOUNDED,
}
REPORT_FIELDS = [
    "pk", "case_number", "closed_at", "outcome", "force_used", "firearm_discharged",
    "complaint", "is_training", "amends_id", "author_id",
]  # fmt: skip


@dataclass(frozen=True)
class Due:
    kind: str  # "report", "draft", "training" or "audit"
    pk: int
    label: str
    record_class: str  # the class whose period was the longest
    due_since: datetime


def add_period(moment: datetime, rule: RetentionRule | None) -> datetime | None:
    """`moment` plus the rule's years and months, on the calendar (29 February plus a year is
    28 February); None: kept."""
    if rule is None or rule.forever:
        return None
    return moment + relativedelta(years=rule.years, months=rule.months)


def report_classes(report: dict, finding: str | None) -> list[RecordClass]:
    if report["is_training"]:
        return [RecordClass.PRACTICE]
    classes = [RecordClass.REPORT]
    if report["outcome"] in ("arrest", "citation"):
        classes.append(RecordClass.REPORT_ARREST)
    if report["force_used"]:
        classes.append(RecordClass.REPORT_FORCE)
    if report["firearm_discharged"]:
        classes.append(RecordClass.REPORT_FIREARM)
    if report["complaint"]:
        cleared = finding in CLEARED
        classes.append(RecordClass.REPORT_COMPLAINT if cleared else RecordClass.REPORT_SUSTAINED)
    return classes


def longest(start: datetime, classes: Iterable[str], rules: dict) -> tuple[datetime | None, str]:
    """When a record in these classes is due, and which class decided; None: kept."""
    ends = []
    for record_class in classes:
        end = add_period(start, rules.get(record_class))
        if end is None:
            return None, record_class
        ends.append((end, record_class))
    return max(ends)


class Holds:
    """What the legal holds in force name."""

    def __init__(self):
        active = LegalHold.objects.filter(released_at__isnull=True)
        self.officers = set(active.exclude(officer=None).values_list("officer_id", flat=True))
        self.case_numbers = set(
            active.exclude(case_number="").values_list("case_number", flat=True)
        )
        held = set(active.exclude(report=None).values_list("report_id", flat=True))
        held |= set(
            Report.objects.filter(case_number__in=self.case_numbers).values_list("pk", flat=True)
        )
        held |= set(Report.objects.filter(author__in=self.officers).values_list("pk", flat=True))
        held |= set(
            ReportOfficer.objects.filter(user__in=self.officers).values_list("report_id", flat=True)
        )
        self.reports = versions_of(held)


def versions_of(report_ids: set[int]) -> set[int]:
    """The reports and every version linked to them by amendments, both ways."""
    found, frontier = set(report_ids), set(report_ids)
    while frontier:
        linked = Report.objects.filter(Q(amends__in=frontier) | Q(amendments__in=frontier))
        frontier = set(linked.values_list("pk", flat=True)) - found
        found |= frontier
    return found


def rules_by_class() -> dict[str, RetentionRule]:
    return {rule.record_class: rule for rule in RetentionRule.objects.all()}


def due(now: datetime | None = None) -> list[Due]:
    """Everything the schedule says may go now, holds respected (the dry run's list)."""
    now, rules, holds = now or timezone.now(), rules_by_class(), Holds()
    return [
        *_due_reports(now, rules, holds),
        *_due_drafts(now, rules, holds),
        *_due_training(now, rules, holds),
        *_due_audit(now, rules),
    ]


def _due_reports(now, rules, holds: Holds) -> list[Due]:
    findings = dict(ComplaintFinding.objects.values_list("case_number", "finding"))
    closed = Report.objects.filter(status=Report.Status.CLOSED, closed_at__lt=now)
    candidates = {}
    for report in closed.exclude(pk__in=holds.reports).values(*REPORT_FIELDS).iterator(2000):
        classes = report_classes(report, findings.get(report["case_number"]))
        end, decided_by = longest(report["closed_at"], classes, rules)
        if end is not None and end <= now:
            label = report["case_number"] or f"report {report['pk']}"
            candidates[report["pk"]] = Due("report", report["pk"], label, decided_by, end)
    whole = _whole_chains(set(candidates))
    return [candidates[pk] for pk in sorted(whole)]


def _whole_chains(due_ids: set[int]) -> set[int]:
    """The due reports whose every version is due too: versions go together. Amendments are
    few, so every amendment link is read at once and the chains are followed in memory."""
    neighbours: dict[int, set[int]] = {}
    for pk, amends in Report.objects.exclude(amends=None).values_list("pk", "amends_id"):
        neighbours.setdefault(pk, set()).add(amends)
        neighbours.setdefault(amends, set()).add(pk)
    whole, changed = set(due_ids), True
    while changed:  # a version that is not due keeps its neighbours, and theirs, in turn
        kept = {pk for pk in whole if not neighbours.get(pk, set()) <= whole}
        whole, changed = whole - kept, bool(kept)
    return whole


def _due_drafts(now, rules, holds: Holds) -> Iterator[Due]:
    drafts = Report.objects.filter(status=Report.Status.DRAFT).exclude(author__in=holds.officers)
    rule = rules.get(RecordClass.DRAFT)
    for pk, changed in drafts.exclude(pk__in=holds.reports).values_list("pk", "updated_at"):
        end = add_period(changed, rule)
        if end is not None and end <= now:
            yield Due("draft", pk, f"draft {pk}", RecordClass.DRAFT, end)


def _due_training(now, rules, holds: Holds) -> Iterator[Due]:
    rule = rules.get(RecordClass.TRAINING)
    if rule is None or rule.forever:
        return
    attempts = Attempt.objects.exclude(user__in=holds.officers).values_list(
        "pk", "finished_at", "started_at", "user__username"
    )
    for pk, finished, started, username in attempts.iterator(2000):
        end = add_period(finished or started, rule)
        if end is not None and end <= now:
            yield Due("training", pk, f"{username}'s attempt {pk}", RecordClass.TRAINING, end)


def _due_audit(now, rules) -> Iterator[Due]:
    rule = rules.get(RecordClass.AUDIT)
    if rule is None or rule.forever:
        return
    for pk, sequence, at in AuditRecord.objects.values_list("pk", "sequence", "at").iterator(2000):
        end = add_period(at, rule)
        if end is None or end > now:
            return  # in sequence order, so written in time order: the rest are newer
        yield Due("audit", pk, f"audit record {sequence}", RecordClass.AUDIT, end)


@transaction.atomic
def purge(now: datetime | None = None) -> list[Due]:
    """Purges what is due (see due()), keeping the Insights counts; returns what went."""
    gone = due(now)
    by_kind: dict[str, list[Due]] = {}
    for item in gone:
        by_kind.setdefault(item.kind, []).append(item)
    if reports := [item.pk for item in by_kind.get("report", [])]:
        facts.carry(reports)
        Report.objects.filter(pk__in=reports).update(amends=None)  # versions go together
        Report.objects.filter(pk__in=reports).delete()
    if drafts := [item.pk for item in by_kind.get("draft", [])]:
        Report.objects.filter(pk__in=drafts).delete()
    if attempts := [item.pk for item in by_kind.get("training", [])]:
        Attempt.objects.filter(pk__in=attempts).delete()
    for kind, items in by_kind.items():
        if kind != "audit":
            audit.record(
                f"retention.purged {kind}",
                detail={
                    "count": len(items),
                    "records": [[item.pk, item.label, item.record_class] for item in items],
                },
            )
    if records := by_kind.get("audit"):
        audit.purge_through(max(AuditRecord.objects.filter(pk__in=[r.pk for r in records])
                                .values_list("sequence", flat=True)))  # fmt: skip
    return gone
