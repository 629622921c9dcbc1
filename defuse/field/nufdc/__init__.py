"""The FBI National Use-of-Force Data Collection export: for a period, every approved incident
that qualifies (a death, a serious bodily injury, or a firearm fired at or toward a person) as
its incident, subject and officer segments, in the layout of docs/nufdc-export.md, checked
against schema.json (written from the FBI's published data elements, with its sources); and
the months with none, which each need a zero report. What is missing for an incident is said in
words before anything is exported; only complete incidents go in the file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from jsonschema import Draft202012Validator

from defuse.platform.months import month_after

from ..models import Report

SCHEMA_PATH = Path(__file__).with_name("schema.json")
FORMAT = "defuse-nufdc/1"
WEAPONS = {"edged", "blunt", "firearm", "other"}
PREFETCH = [
    "subjects__sex", "subjects__ethnicity", "subjects__races", "subjects__resistance",
    "subjects__injuries", "officers__sex", "officers__ethnicity", "officers__races",
    "officers__injuries", "force__force_type__fbi_category", "location_type", "contact_reason",
]  # fmt: skip
WHERE = {"subjects": "Person", "officers": "Officer"}
NO_ORI = "The agency's ORI is not set (DEFUSE_AGENCY_ORI in the environment)"


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text())


def agency_ori() -> str:
    return getattr(settings, "DEFUSE_AGENCY_ORI", "")


def qualifying(reports):
    """Approved, real incidents with a death, a serious injury or a firearm discharge."""
    events = Q(firearm_discharged=True) | Q(subjects__died=True) | Q(subjects__serious_injury=True)
    return reports.countable().filter(events).distinct()


@dataclass
class Checked:
    report: Report
    record: dict
    missing: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.missing


def check(reports, ori: str | None = None) -> list[Checked]:
    ori = agency_ori() if ori is None else ori
    validator = Draft202012Validator({"$ref": "#/$defs/incident", "$defs": schema()["$defs"]})
    found = []
    for report in reports.prefetch_related(*PREFETCH).order_by("occurred_at", "pk"):
        record = incident(report, ori)
        missing = _missing(validator, record)
        if not ori:
            missing = [NO_ORI] + [m for m in missing if not m.startswith("Agency ORI")]
        found.append(Checked(report, record, missing))
    return found


def export(checked: list[Checked], ori: str, first: date, last: date) -> dict:
    """The file: complete incidents only, and the months without a qualifying incident."""
    months, month = [], first
    while month <= last:
        months.append(month)
        month = month_after(month)
    with_incident = {
        timezone.localtime(c.report.occurred_at).date().replace(day=1)
        for c in checked
        if c.report.occurred_at
    }
    return {
        "format": FORMAT,
        "agency_ori": ori,
        "period": {"from": f"{first:%Y-%m}", "to": f"{last:%Y-%m}"},
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "zero_report_months": [f"{m:%Y-%m}" for m in months if m not in with_incident],
        "incidents": [c.record for c in checked if c.ready],
    }


def problems_of_file(document: dict) -> list[str]:
    """The whole file against the schema: empty when it validates."""
    validator = Draft202012Validator(schema())
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def incident(report: Report, ori: str) -> dict:
    local = timezone.localtime(report.occurred_at) if report.occurred_at else None
    events = []
    subjects = list(report.subjects.all())
    if any(s.died for s in subjects):
        events.append("death")
    if any(s.serious_injury for s in subjects):
        events.append("serious_bodily_injury")
    if report.firearm_discharged:
        events.append("firearm_discharge")
    force = list(report.force.all())
    hit = {f.subject_id for f in force}
    forced_officers = {f.officer_id for f in force}
    people = [s for s in subjects if s.pk in hit or s.died or s.serious_injury]
    crew = [o for o in report.officers.all() if o.pk in forced_officers]
    # An officer's report answers every yes/no question (an unticked box is a no); an imported
    # record only what its file said, so its other answers stay missing.
    asked = not report.import_key
    record: dict = {
        "agency_ori": ori,
        "agency_case_number": report.case_number,
        "incident_date": f"{local:%Y-%m-%d}" if local else None,
        "incident_time": f"{local:%H:%M}" if local else None,
        "qualifying_events": events,
        "location": {"address": report.address} if report.address else {},
        "location_type": report.location_type.code if report.location_type else None,
        "total_officers_applying_force": len(crew),
        "reporting_agency_officers_applying_force": sum(1 for o in crew if not o.agency),
        "number_of_subjects": len(people),
        "reason_for_initial_contact": report.contact_reason.code if report.contact_reason else None,
        "officer_approached": report.officer_approached or None,
        "ambush": report.ambush or None,
        "supervisor_present_or_consulted": _answer(report.supervisor_on_scene, asked),
        "subjects": [_subject(n, s, force, asked) for n, s in enumerate(people, start=1)],
        "officers": [_officer(n, o, asked) for n, o in enumerate(crew, start=1)],
    }
    return _without_empty(record)


def _answer(flag: bool, asked: bool) -> str | None:
    return "yes" if flag else ("no" if asked else None)


def _subject(number: int, subject, force, asked: bool = True) -> dict:
    kinds = sorted(
        {f.force_type.fbi_category.code for f in force
         if f.subject_id == subject.pk and f.force_type.fbi_category_id}
    )  # fmt: skip
    impairments = list(subject.impairments) + (
        ["mental_health"] if subject.crisis_indicators else []
    )
    found = {
        "sequence": number,
        "sex": subject.sex.code if subject.sex_id else None,
        "race": sorted(c.code for c in subject.races.all()),
        "ethnicity": subject.ethnicity.code if subject.ethnicity_id else None,
        "age": subject.age,
        "impairment": _answer(bool(impairments), asked),
        "impairment_types": impairments,
        "threat_perceived": _answer(subject.threat_perceived, asked),
        "armed": ("yes" if subject.weapon in WEAPONS else "no") if subject.weapon else None,
        "weapon": subject.weapon or None,
        "resisted": _answer(subject.resisted, asked),
        "resistance_types": sorted(c.code for c in subject.resistance.all()),
        "force_types": kinds,
        "injury_types": sorted(c.code for c in subject.injuries.all()),
        "died": subject.died,
        "serious_bodily_injury": subject.serious_injury,
    }
    if subject.height_inches:
        found["height"] = {
            "feet": subject.height_inches // 12,
            "inches": subject.height_inches % 12,
        }
    if subject.weight_pounds:
        found["weight"] = subject.weight_pounds
    return found


def _officer(number: int, officer, asked: bool = True) -> dict:
    return {
        "sequence": number,
        "agency": "other" if officer.agency else "reporting",
        "sex": officer.sex.code if officer.sex_id else None,
        "race": sorted(c.code for c in officer.races.all()),
        "ethnicity": officer.ethnicity.code if officer.ethnicity_id else None,
        "age": officer.age,
        "years_of_service": officer.years_of_service,
        "on_duty": ("no" if officer.off_duty else "yes") if asked else None,
        "injury_types": sorted(c.code for c in officer.injuries.all()),
    }


def _without_empty(value):
    """None means "not recorded": the element is left out, so the schema says it is missing."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def _missing(validator, record: dict) -> list[str]:
    """Each schema error as a sentence a records clerk can act on."""
    found = []
    for error in sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path)):
        path = list(error.absolute_path)
        prefix = _prefix(path)
        named = _title(str(path[-1])) if path and isinstance(path[-1], str) else ""
        if error.validator == "required":
            found.append(f"{prefix}{_title(error.message.split(chr(39))[1])} is missing")
        elif error.validator == "minItems" and not error.instance:
            found.append(f"{prefix}{named}: none recorded")
        elif error.validator == "anyOf":
            found.append(f"{prefix}an address (or latitude and longitude) is missing")
        elif error.validator in ("pattern", "minimum", "maximum", "enum", "const"):
            found.append(f"{prefix}{named}: “{error.instance}” is not accepted")
        else:
            found.append(f"{prefix}{named}: {error.message}")
    return found


def _prefix(path: list) -> str:
    """ "Person 2: " for an error inside the second subject; nothing at the incident level."""
    for at, step in enumerate(path[:-1]):
        if step in WHERE and isinstance(path[at + 1], int):
            return f"{WHERE[step]} {path[at + 1] + 1}: "
    return ""


def _title(name: str) -> str:
    for part in ("incident", "subject", "officer"):
        title = schema()["$defs"][part]["properties"].get(name, {}).get("title")
        if title:
            return title
    return name.replace("_", " ").capitalize()
