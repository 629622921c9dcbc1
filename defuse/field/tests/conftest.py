from defuse.field.models import Code


def code(element: str, value: str) -> str:
    return str(Code.objects.get(element=element, code=value).pk)


def person(number: int = 0, **overrides) -> dict:
    """A person's answers, as the form posts them for row `number` (from 0)."""
    answers = {
        "age": "34",
        "sex": code("sex", "M"),
        "races": [code("race", "W")],
        "ethnicity": code("ethnicity", "N"),
        "weapon": "none",
        "transported": "on",
        "transported_by": "Ambulance crew",
        **overrides,
    }
    return {f"subjects-{number}-{name}": value for name, value in answers.items()}


def force_entry(number: int, force_type, officer: int = 1, subject: int = 1) -> dict:
    """A force entry: `officer` and `subject` are numbers on the form (from 1)."""
    return {
        f"force-{number}-force_type": str(getattr(force_type, "pk", force_type)),
        f"force-{number}-officer": str(officer),
        f"force-{number}-subject": str(subject),
    }


def valid_report_data(**overrides):
    data = {
        "case_number": "24-001234",
        "occurred_at": "2026-11-20T22:15",
        "district": "North",
        "beat": "N3",
        "location_type": code("location_type", "13"),
        "call_type": "mental_health",
        "contact_reason": code("contact_reason", "WELFARE"),
        "reason_for_contact": "Caller worried about a neighbour shouting in the street.",
        "outcome": "transported_to_care",
        "narrative_deescalation": "Introduced myself, kept my distance and listened.",
        **person(),
        "techniques-TOTAL_FORMS": "3",
        "techniques-0-technique": "",
        "techniques-0-effect": "unknown",
        "techniques-1-technique": "",
        "techniques-1-effect": "unknown",
        "techniques-2-technique": "",
        "techniques-2-effect": "unknown",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
