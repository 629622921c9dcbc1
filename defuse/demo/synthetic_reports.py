"""Synthetic de-escalation reports for the demo and for load tests. Invented, never real.

The numbers are shaped so that the analytics have something to show: more techniques tried go
with less force, crisis calls are more often resolved by transport to care, reviews take hours.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from defuse.accounts.models import Unit, User
from defuse.accounts.roles import Role, group_for
from defuse.core.vocabulary import Outcome, Technique
from defuse.field.models import (
    Code,
    ForceApplication,
    ForceType,
    Report,
    ReportOfficer,
    Subject,
    TechniqueAttempt,
)
from defuse.field.models.people import CrisisIndicator, Impairment, Weapon
from defuse.field.models.reports import CallType, Effect

BATCH = 5000
CALL_WEIGHTS = {
    CallType.DISTURBANCE: 20, CallType.MENTAL_HEALTH: 15, CallType.WELFARE_CHECK: 12,
    CallType.DOMESTIC: 12, CallType.TRAFFIC: 14, CallType.THEFT: 8, CallType.ASSAULT: 6,
    CallType.SUSPICIOUS: 6, CallType.TRESPASS: 5, CallType.OTHER: 2,
}  # fmt: skip
DISTRICTS = ["North", "South", "East", "West", "Central"]
STREETS = ["Alder Avenue", "Birch Street", "Canal Road", "Dunmore Lane", "Elm Court",
           "Foundry Way", "Granger Street", "Harbor Drive"]  # invented  # fmt: skip


def synthetic_officers(units: list[Unit], per_unit: int) -> list[User]:
    existing = {u.username: u for u in User.objects.filter(username__startswith="field-")}
    wanted = []
    for unit in units:
        for n in range(per_unit):
            name = f"field-{unit.pk}-{n:02d}"
            if name not in existing:
                wanted.append(
                    User(
                        username=name,
                        first_name="Officer",
                        last_name=f"{unit.pk}-{n:02d}",
                        unit=unit,
                    )
                )
    created = User.objects.bulk_create(wanted)
    group_for(Role.OFFICER).user_set.add(*created)
    return list(User.objects.filter(username__startswith="field-", unit__in=units))


# Invented shares for the synthetic people (not any city's figures): enough variety for the
# breakdowns by sex, race, ethnicity and age band to have something to show.
SEX_WEIGHTS = {"M": 70, "F": 28, "U": 2}
RACE_WEIGHTS = {"W": 52, "B": 30, "A": 5, "I": 2, "P": 1, "U": 10}
ETHNICITY_WEIGHTS = {"H": 18, "N": 74, "U": 8}
SUBJECTS_WEIGHTS = {1: 85, 2: 12, 3: 3}  # people in one encounter
OFFICER_RACE_WEIGHTS = {"W": 70, "B": 18, "A": 7, "I": 2, "U": 3}
LOCATION_WEIGHTS = {"13": 40, "20": 30, "05": 8, "07": 6, "18": 6, "50": 5, "25": 5}
CONTACT_FOR_CALL = {
    CallType.DISTURBANCE: "UNLAWFUL", CallType.MENTAL_HEALTH: "WELFARE",
    CallType.WELFARE_CHECK: "WELFARE", CallType.DOMESTIC: "UNLAWFUL", CallType.TRAFFIC: "TRAFFIC",
    CallType.THEFT: "UNLAWFUL", CallType.ASSAULT: "UNLAWFUL", CallType.SUSPICIOUS: "UNLAWFUL",
    CallType.TRESPASS: "UNLAWFUL", CallType.OTHER: "PATROL",
}  # fmt: skip
COLLEAGUES_WEIGHTS = {0: 45, 1: 40, 2: 15}  # officers beside the author


def generate_reports(count: int, units: list[Unit], seed: int = 1, days: int = 365):
    """Yields how many reports each batch wrote, so callers can draw progress. Each report has
    its people (one to three) and its officers (the author and up to two colleagues of the
    unit), force by any of them, and flags kept in step with those rows as a submit keeps them."""
    rng = random.Random(seed)
    officers = synthetic_officers(units, per_unit=8)
    by_unit: dict[int | None, list[User]] = {}
    for officer in officers:
        by_unit.setdefault(officer.unit_id, []).append(officer)
    techniques = list(Technique.objects.values_list("pk", flat=True))
    forces = list(ForceType.objects.values_list("pk", "is_firearm_discharge"))
    codes: dict[str, dict[str, int]] = {}
    for element, code, pk in Code.objects.filter(active=True).values_list("element", "code", "pk"):
        codes.setdefault(element, {})[code] = pk
    crew_facts = {officer.pk: _officer_facts(officer.pk, codes) for officer in officers}
    now = timezone.now()
    written = 0
    while written < count:
        size = min(BATCH, count - written)
        batch = [
            _report(rng, officers, by_unit, techniques, forces, codes, crew_facts, now, days)
            for _ in range(size)
        ]
        with transaction.atomic():
            _write(batch)
        written += size
        yield size


def _write(batch: list[tuple]) -> None:
    """One batch in a handful of inserts: reports, people, their races, officers, techniques
    and force."""
    reports = Report.objects.bulk_create([report for report, *_ in batch])
    persons = [
        (report, n, fields, race_ids)
        for report, (*_, people) in zip(reports, batch, strict=True)
        for n, (fields, race_ids) in enumerate(people["subjects"], start=1)
    ]
    subjects = Subject.objects.bulk_create(
        Subject(report=report, order=n, **{k: v for k, v in fields.items() if k[0] != "_"})
        for report, n, fields, _ in persons
    )
    Subject.resistance.through.objects.bulk_create(
        Subject.resistance.through(subject=subject, code_id=kind)
        for subject, (_, _, fields, _) in zip(subjects, persons, strict=True)
        for kind in fields["_resistance"]
    )
    Subject.races.through.objects.bulk_create(
        Subject.races.through(subject=subject, code_id=race)
        for subject, (*_, race_ids) in zip(subjects, persons, strict=True)
        for race in race_ids
    )
    Subject.injuries.through.objects.bulk_create(
        Subject.injuries.through(subject=subject, code_id=injury)
        for subject, (_, _, fields, _) in zip(subjects, persons, strict=True)
        for injury in fields["_injuries"]
    )
    crew_rows = [
        (report, n, fields)
        for report, (*_, people) in zip(reports, batch, strict=True)
        for n, fields in enumerate(people["officers"], start=1)
    ]
    crews = ReportOfficer.objects.bulk_create(
        ReportOfficer(report=report, order=n, **{k: v for k, v in fields.items() if k[0] != "_"})
        for report, n, fields in crew_rows
    )
    ReportOfficer.races.through.objects.bulk_create(
        ReportOfficer.races.through(reportofficer=crew, code_id=race)
        for crew, (_, _, fields) in zip(crews, crew_rows, strict=True)
        for race in fields["_races"]
    )
    at_subject = at_officer = 0
    tried_rows, force_rows = [], []
    for report, (_, tried, used, people) in zip(reports, batch, strict=True):
        own_subjects = subjects[at_subject : at_subject + len(people["subjects"])]
        own_officers = crews[at_officer : at_officer + len(people["officers"])]
        at_subject += len(own_subjects)
        at_officer += len(own_officers)
        tried_rows += [
            TechniqueAttempt(
                report=report, order=n, technique_id=technique, effect=effect,
                officer=own_officers[0], subject=own_subjects[0],
            )
            for n, (technique, effect) in enumerate(tried, start=1)
        ]  # fmt: skip
        force_rows += [
            ForceApplication(
                report=report, force_type_id=force,
                officer=own_officers[officer], subject=own_subjects[subject],
            )
            for force, officer, subject in used
        ]  # fmt: skip
    TechniqueAttempt.objects.bulk_create(tried_rows)
    ForceApplication.objects.bulk_create(force_rows)


def _pick(rng, weights: dict, codes: dict[str, int]):
    return codes.get(rng.choices(list(weights), weights=list(weights.values()))[0])


def _report(rng, officers, by_unit, techniques, forces, codes, crew_facts, now, days):
    officer = rng.choice(officers)
    call = rng.choices(list(CALL_WEIGHTS), weights=list(CALL_WEIGHTS.values()))[0]
    crisis = rng.random() < (0.7 if call == CallType.MENTAL_HEALTH else 0.15)
    tried_count = rng.choices([0, 1, 2, 3, 4], weights=[8, 22, 32, 25, 13])[0]
    tried = [(t, rng.choice(list(Effect.values))) for t in rng.sample(techniques, tried_count)]
    force_chance = {0: 0.35, 1: 0.18, 2: 0.10, 3: 0.06, 4: 0.04}[tried_count]
    force_chance *= 1.6 if call in (CallType.ASSAULT, CallType.DOMESTIC) else 1.0
    used = rng.sample(forces, rng.randint(1, 2)) if rng.random() < force_chance else []
    occurred = now - timedelta(days=rng.uniform(0, days))
    status = rng.choices(list(Report.Status.values), weights=[2, 4, 2, 92])[0]
    submitted = occurred + timedelta(hours=rng.uniform(0.5, 10)) if status != "draft" else None
    closed = submitted + timedelta(hours=rng.expovariate(1 / 20)) if status == "closed" else None
    mates = [other for other in by_unit.get(officer.unit_id, []) if other.pk != officer.pk]
    wanted = rng.choices(list(COLLEAGUES_WEIGHTS), weights=list(COLLEAGUES_WEIGHTS.values()))[0]
    crew = [officer, *rng.sample(mates, min(wanted, len(mates)))]
    people = rng.choices(list(SUBJECTS_WEIGHTS), weights=list(SUBJECTS_WEIGHTS.values()))[0]
    subject_injured = bool(used) and rng.random() < 0.3
    officer_hurt = rng.randrange(len(crew)) if used and rng.random() < 0.12 else None
    transported = crisis and rng.random() < 0.5
    subjects = [
        _person(rng, codes, first=n == 0, crisis=crisis, injured=subject_injured and n == 0,
                medical_aid=bool(used) and n == 0 and rng.random() < 0.4,
                transported=transported and n == 0, force=bool(used))
        for n in range(people)
    ]  # fmt: skip
    # Force by any officer of the crew, most often on the first person.
    force = [
        (f, rng.randrange(len(crew)), 0 if rng.random() < 0.8 else rng.randrange(people))
        for f, _ in used
    ]
    report = Report(
        author=officer, unit_id=officer.unit_id, status=status,
        location_type_id=_pick(rng, LOCATION_WEIGHTS, codes.get(Code.Element.LOCATION_TYPE, {})),
        contact_reason_id=codes.get(Code.Element.CONTACT_REASON, {}).get(CONTACT_FOR_CALL[call]),
        officer_approached=rng.choices(["yes", "no", "unknown"], weights=[80, 17, 3])[0],
        ambush="yes" if rng.random() < 0.005 else "no",
        supervisor_on_scene=bool(used) and rng.random() < 0.5,
        case_number=f"{occurred:%y}-{rng.randint(0, 999999):06d}", occurred_at=occurred,
        district=rng.choice(DISTRICTS), beat=f"{rng.randint(1, 9)}{rng.choice('ABC')}",
        address=f"{rng.randint(1, 48) * 100} block of {rng.choice(STREETS)}",
        call_type=call, reason_for_contact="Synthetic record for demonstration and load tests.",
        force_used=bool(used), subject_injured=subject_injured,
        officer_injured=officer_hurt is not None,
        outcome=_outcome(rng, crisis, bool(used)),
        narrative_deescalation="Synthetic narrative.", technique_count=len(tried), crisis=crisis,
        no_technique_reason="" if tried else "Synthetic: no time before the person fled.",
        is_training=rng.random() < 0.03, submitted_at=submitted, closed_at=closed,
        firearm_discharged=any(fired for _, fired in used),
    )  # fmt: skip
    crew_rows = [
        {"user_id": member.pk, "injured": n == officer_hurt, **crew_facts[member.pk]}
        for n, member in enumerate(crew)
    ]
    return report, tried, force, {"subjects": subjects, "officers": crew_rows}


def _officer_facts(pk: int, codes) -> dict:
    """An officer's age, service, sex, race and ethnicity: the same on every report."""
    rng = random.Random(pk)
    age = rng.randint(23, 58)
    race = _pick(rng, OFFICER_RACE_WEIGHTS, codes.get(Code.Element.RACE, {}))
    return {
        "age": age,
        "years_of_service": rng.randint(1, age - 21),
        "sex_id": _pick(rng, {"M": 80, "F": 20}, codes.get(Code.Element.SEX, {})),
        "ethnicity_id": _pick(rng, {"H": 12, "N": 88}, codes.get(Code.Element.ETHNICITY, {})),
        "_races": [race] if race else [],
    }


def _person(rng, codes, first, crisis, injured, medical_aid, transported, force=False):
    """A synthetic person's fields and race code ids; crisis signs go to the first person. A
    few injuries are serious (a qualifying event for the FBI's collection)."""
    race = _pick(rng, RACE_WEIGHTS, codes.get(Code.Element.RACE, {}))
    injuries = codes.get(Code.Element.INJURY, {})
    serious = injured and rng.random() < 0.12
    hurt = [injuries[code] for code in (["B"] if serious else ["M"]) if code in injuries]
    resisted = force and first and rng.random() < 0.85
    kinds = list(codes.get(Code.Element.RESISTANCE, {}).values())
    fields = {
        "age": max(12, min(90, int(rng.triangular(14, 80, 28)))),
        "sex_id": _pick(rng, SEX_WEIGHTS, codes.get(Code.Element.SEX, {})),
        "ethnicity_id": _pick(rng, ETHNICITY_WEIGHTS, codes.get(Code.Element.ETHNICITY, {})),
        "crisis_indicators": (
            rng.sample(list(CrisisIndicator.values), rng.randint(1, 2)) if crisis and first else []
        ),
        "impairments": rng.sample(list(Impairment.values), 1) if rng.random() < 0.3 else [],
        "weapon": rng.choices(list(Weapon.values), weights=[80, 9, 5, 2, 4])[0],
        "injured": injured,
        "serious_injury": serious,
        "_injuries": hurt if injured else [],
        "resisted": resisted,
        "_resistance": rng.sample(kinds, min(len(kinds), rng.randint(1, 2))) if resisted else [],
        "threat_perceived": injured and rng.random() < 0.6,
        "medical_aid": medical_aid or serious,
        "transported": transported,
        "transported_by": "Ambulance" if transported else "",
    }
    return fields, [race] if race else []


def _outcome(rng, crisis, force):
    if force:
        return rng.choice([Outcome.ARREST, Outcome.TRANSPORTED_TO_CARE])
    if crisis:
        return rng.choices(
            [
                Outcome.TRANSPORTED_TO_CARE,
                Outcome.REFERRAL,
                Outcome.VOLUNTARY_COMPLIANCE,
            ],
            weights=[50, 30, 20],
        )[0]
    return rng.choices(
        [Outcome.ADVICE, Outcome.VOLUNTARY_COMPLIANCE, Outcome.CITATION,
         Outcome.ARREST, Outcome.DISENGAGED],
        weights=[30, 35, 15, 12, 8],
    )[0]  # fmt: skip
