"""Everything a report records, grouped as the form files it, as (label, lines) for the page a
supervisor reviews: the encounter, each officer, each person, the techniques, the force and the
outcome. Labels come from the forms themselves, so the two cannot drift apart
(field/tests/test_report_page.py checks that every form field is here)."""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from .models import Report
from .models.people import CrisisIndicator, Impairment

ENCOUNTER = [
    "case_number", "occurred_at", "district", "beat", "address", "location_type", "call_type",
    "contact_reason", "reason_for_contact", "officer_approached", "ambush", "bwc_reference",
    "is_training",
]  # fmt: skip
FORCE = ["force", "supervisor_on_scene", "supervisor_notified_at"]
OUTCOME = ["complaint", "outcome"]
TECHNIQUES = ["techniques", "no_technique_reason"]
LABELS = {
    "techniques": "Techniques, in order (what each did; who tried it, with whom)",
    "force": "Force (who used it, on whom)",
}
NOTHING = "–"
CHOICE_LISTS = {"crisis_indicators": CrisisIndicator, "impairments": Impairment}
PREFETCH = [
    "techniques__technique", "techniques__officer__user", "techniques__subject",
    "force__force_type", "force__officer__user", "force__subject",
    "subjects__sex", "subjects__ethnicity", "subjects__races", "subjects__resistance",
    "subjects__injuries", "officers__user__unit", "officers__sex", "officers__ethnicity",
    "officers__races", "officers__injuries",
]  # fmt: skip
Facts = list[tuple[str, list[str]]]


def sections(report: Report) -> list[tuple[str, Facts]]:
    """[(section title, [(label, lines of the value)])]."""
    from .forms.report import ReportForm  # forms import workflow, which imports the models
    from .forms.rows import OfficerForm, SubjectForm

    incident = ReportForm.base_fields
    found = [("The encounter", [_fact(report, name, incident) for name in ENCOUNTER])]
    officer_fields = [name for name in OfficerForm.base_fields if name not in ("user", "name")]
    for number, officer in enumerate(report.officers.all(), 1):
        facts = [_fact(officer, name, OfficerForm.base_fields) for name in officer_fields]
        found.append((f"Officer {number}: {officer}", facts))
    for number, subject in enumerate(report.subjects.all(), 1):
        facts = [_fact(subject, name, SubjectForm.base_fields) for name in SubjectForm.base_fields]
        found.append((f"Person {number}", facts))
    found += [
        ("De-escalation tried", [_fact(report, name, incident) for name in TECHNIQUES]),
        ("Force", [_fact(report, name, incident) for name in FORCE]),
        ("Outcome", [_fact(report, name, incident) for name in OUTCOME]),
    ]
    return found


def _fact(row, name: str, fields) -> tuple[str, list[str]]:
    label = LABELS.get(name) or str(fields[name].label)
    return label, value_of(row, name)


def _people(officer, subject) -> str:
    who = str(officer) if officer else "officer not recorded"
    whom = f"Person {subject.order}" if subject else "everyone"
    return f"{who}, with {whom}"


def value_of(row, name: str) -> list[str]:
    if name == "techniques":
        return [
            f"{number}. {attempt.technique} — {attempt.get_effect_display()} "
            f"({_people(attempt.officer, attempt.subject)})"
            for number, attempt in enumerate(row.techniques.all(), start=1)
        ] or ["None"]
    if name == "force":
        return [
            f"{force.force_type}: "
            + (str(force.officer) if force.officer else "officer not recorded")
            + (f" on Person {force.subject.order}" if force.subject else "")
            for force in row.force.all()
        ] or ["None"]
    if name in CHOICE_LISTS:
        labels = dict(CHOICE_LISTS[name].choices)
        return [labels.get(code, code) for code in getattr(row, name)] or ["None"]
    value = getattr(row, name)
    if isinstance(value, models.Manager):
        return [str(item) for item in value.all()] or ["None"]
    if isinstance(value, bool):
        return ["Yes" if value else "No"]
    if name in ("occurred_at", "supervisor_notified_at"):
        return [date_format(timezone.localtime(value), "j M Y, H:i")] if value else [NOTHING]
    if value is None:
        return [NOTHING]
    display = getattr(row, f"get_{name}_display", None)
    text = str(display() if display else value)
    return text.splitlines() or [NOTHING]
