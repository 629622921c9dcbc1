"""A de-identified, row-per-encounter CSV an agency can publish (columns in docs/open-data.md).

No names, officer ids, case numbers, addresses, beats or narratives; times to the hour; places
to the district. Where fewer than SMALL_COUNT encounters share a district, month and call type,
the district is replaced by "suppressed", so a rare event cannot be pinned to a place.
"""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

COLUMNS = [
    "occurred_hour", "district", "call_type", "crisis_related", "weapon", "techniques",
    "technique_count", "force_used", "highest_force_level", "subject_injured",
    "officer_injured", "medical_aid", "transported", "outcome",
]  # fmt: skip
SMALL_COUNT = 5
SUPPRESSED = "suppressed"


def _key(report) -> tuple:
    local = timezone.localtime(report.occurred_at)
    return report.district.strip().lower(), local.year, local.month, report.call_type


def rows(reports):
    reports = list(
        reports.filter(occurred_at__isnull=False)
        .order_by("occurred_at")
        .prefetch_related("techniques__technique", "force__force_type", "subjects")
    )
    counts = Counter(_key(report) for report in reports)
    yield COLUMNS
    for report in reports:
        local = timezone.localtime(report.occurred_at)
        levels = [f.force_type.level for f in report.force.all()]
        subjects = list(report.subjects.all())
        yield [
            local.strftime("%Y-%m-%dT%H:00"),
            report.district if counts[_key(report)] >= SMALL_COUNT else SUPPRESSED,
            report.call_type,
            _yes(report.crisis),
            ";".join(sorted({s.weapon for s in subjects if s.weapon})),
            ";".join(t.technique.code for t in report.techniques.all()),
            report.technique_count,
            _yes(report.force_used),
            max(levels) if levels else "",
            _yes(report.subject_injured),
            _yes(report.officer_injured),
            _yes(any(s.medical_aid for s in subjects)),
            _yes(any(s.transported for s in subjects)),
            report.outcome,
        ]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
