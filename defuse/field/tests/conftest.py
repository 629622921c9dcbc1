def valid_report_data(**overrides):
    data = {
        "case_number": "24-001234",
        "occurred_at": "2026-11-20T22:15",
        "district": "North",
        "beat": "N3",
        "call_type": "mental_health",
        "reason_for_contact": "Caller worried about a neighbour shouting in the street.",
        "weapon": "none",
        "outcome": "transported_to_care",
        "transported": "on",
        "transported_by": "Ambulance crew",
        "narrative_deescalation": "Introduced myself, kept my distance and listened.",
        "techniques-TOTAL_FORMS": "3",
        "techniques-INITIAL_FORMS": "0",
        "techniques-MIN_NUM_FORMS": "0",
        "techniques-MAX_NUM_FORMS": "1000",
        "techniques-0-technique": "",
        "techniques-0-effect": "unknown",
        "techniques-1-technique": "",
        "techniques-1-effect": "unknown",
        "techniques-2-technique": "",
        "techniques-2-effect": "unknown",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
