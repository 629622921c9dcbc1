"""Everything a report records, grouped as the form files it, as (label, value) for the page a
supervisor reviews. Labels come from the form itself, so the two cannot drift apart
(field/tests/test_report_page.py checks that every form field is here)."""

from django.utils import timezone
from django.utils.formats import date_format

from .models import Report
from .models.reports import CrisisIndicator, Impairment

SECTIONS = [
    ("The encounter", [
        "case_number", "occurred_at", "district", "beat", "address", "call_type",
        "reason_for_contact", "bwc_reference", "involved_officers", "is_training",
    ]),
    ("The person", ["crisis_indicators", "impairments", "weapon", "inability_signs"]),
    ("De-escalation tried", ["techniques", "no_technique_reason"]),
    ("Force, injuries and care", [
        "force_types", "subject_injured", "officer_injured", "medical_aid", "ems_called",
        "transported", "transported_by", "complaint", "outcome",
    ]),
]  # fmt: skip
LABELS = {"techniques": "Techniques, in order (and what each did)"}
NOTHING = "–"
CHOICE_LISTS = {"crisis_indicators": CrisisIndicator, "impairments": Impairment}


def sections(report: Report) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """[(section title, [(label, lines of the value)])]."""
    from .forms import ReportForm  # forms imports workflow, which imports this app's models

    fields = ReportForm.base_fields
    return [
        (
            title,
            [
                (LABELS.get(name) or str(fields[name].label), value_of(report, name))
                for name in names
            ],
        )
        for title, names in SECTIONS
    ]


def value_of(report: Report, name: str) -> list[str]:
    if name == "techniques":
        return [
            f"{number}. {attempt.technique} — {attempt.get_effect_display()}"
            for number, attempt in enumerate(report.techniques.all(), start=1)
        ] or ["None"]
    if name == "force_types":
        return [str(force.force_type) for force in report.force.all()] or ["None"]
    if name == "involved_officers":
        return [
            officer.get_full_name() or officer.username
            for officer in report.involved_officers.all()
        ] or ["None"]
    if name in CHOICE_LISTS:
        labels = dict(CHOICE_LISTS[name].choices)
        return [labels.get(code, code) for code in getattr(report, name)] or ["None"]
    value = getattr(report, name)
    if isinstance(value, bool):
        return ["Yes" if value else "No"]
    if name == "occurred_at":
        return [date_format(timezone.localtime(value), "j M Y, H:i")] if value else [NOTHING]
    display = getattr(report, f"get_{name}_display", None)
    text = str(display() if display else value)
    return text.splitlines() or [NOTHING]
