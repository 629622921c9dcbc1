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


def generate_reports(count: int, units: list[Unit], seed: int = 1, days: int = 365):
    """Yields how many reports each batch wrote, so callers can draw progress."""
    rng = random.Random(seed)
    officers = synthetic_officers(units, per_unit=8)
    techniques = list(Technique.objects.values_list("pk", flat=True))
    forces = list(ForceType.objects.values_list("pk", "level"))
    codes = {
        element: list(Code.objects.of(element).values_list("pk", flat=True))
        for element in (Code.Element.SEX, Code.Element.ETHNICITY)
    }
    now = timezone.now()
    written = 0
    while written < count:
        size = min(BATCH, count - written)
        batch = [_report(rng, officers, techniques, forces, now, days) for _ in range(size)]
        with transaction.atomic():
            reports = Report.objects.bulk_create([report for report, *_ in batch])
            subjects = Subject.objects.bulk_create(
                _subject(rng, report, person, codes)
                for report, (_, _, _, person) in zip(reports, batch, strict=True)
            )
            authors = ReportOfficer.objects.bulk_create(
                ReportOfficer(
                    report=report,
                    user_id=report.author_id,
                    injured=report.officer_injured,
                    years_of_service=rng.randint(1, 25),
                )
                for report in reports
            )
            TechniqueAttempt.objects.bulk_create(
                TechniqueAttempt(
                    report=report, order=n, technique_id=technique, effect=effect,
                    officer=author, subject=subject,
                )
                for report, subject, author, (_, tried, _, _) in zip(
                    reports, subjects, authors, batch, strict=True
                )
                for n, (technique, effect) in enumerate(tried, start=1)
            )  # fmt: skip
            ForceApplication.objects.bulk_create(
                ForceApplication(
                    report=report, force_type_id=force, officer=author, subject=subject
                )
                for report, subject, author, (_, _, used, _) in zip(
                    reports, subjects, authors, batch, strict=True
                )
                for force in used
            )
        written += size
        yield size


def _subject(rng, report, person: dict, codes: dict) -> Subject:
    """The report's one person; sex and ethnicity drawn from the code table (race is a
    many-to-many, left for the demo's own reports)."""
    return Subject(
        report=report,
        age=rng.randint(16, 75),
        sex_id=rng.choice(codes[Code.Element.SEX]) if codes[Code.Element.SEX] else None,
        ethnicity_id=(
            rng.choice(codes[Code.Element.ETHNICITY]) if codes[Code.Element.ETHNICITY] else None
        ),
        injured=report.subject_injured,
        **person,
    )


def _report(rng, officers, techniques, forces, now, days):
    officer = rng.choice(officers)
    call = rng.choices(list(CALL_WEIGHTS), weights=list(CALL_WEIGHTS.values()))[0]
    crisis = rng.random() < (0.7 if call == CallType.MENTAL_HEALTH else 0.15)
    tried_count = rng.choices([0, 1, 2, 3, 4], weights=[8, 22, 32, 25, 13])[0]
    tried = [(t, rng.choice(list(Effect.values))) for t in rng.sample(techniques, tried_count)]
    force_chance = {0: 0.35, 1: 0.18, 2: 0.10, 3: 0.06, 4: 0.04}[tried_count]
    force_chance *= 1.6 if call in (CallType.ASSAULT, CallType.DOMESTIC) else 1.0
    used = (
        [f for f, _ in rng.sample(forces, rng.randint(1, 2))] if rng.random() < force_chance else []
    )
    occurred = now - timedelta(days=rng.uniform(0, days))
    status = rng.choices(list(Report.Status.values), weights=[2, 4, 2, 92])[0]
    submitted = occurred + timedelta(hours=rng.uniform(0.5, 10)) if status != "draft" else None
    closed = submitted + timedelta(hours=rng.expovariate(1 / 20)) if status == "closed" else None
    report = Report(
        author=officer, unit_id=officer.unit_id, status=status,
        case_number=f"{occurred:%y}-{rng.randint(0, 999999):06d}", occurred_at=occurred,
        district=rng.choice(DISTRICTS), beat=f"{rng.randint(1, 9)}{rng.choice('ABC')}",
        call_type=call, reason_for_contact="Synthetic record for demonstration and load tests.",
        force_used=bool(used), subject_injured=bool(used) and rng.random() < 0.3,
        officer_injured=bool(used) and rng.random() < 0.12,
        outcome=_outcome(rng, crisis, bool(used)),
        narrative_deescalation="Synthetic narrative.", technique_count=len(tried), crisis=crisis,
        no_technique_reason="" if tried else "Synthetic: no time before the person fled.",
        is_training=rng.random() < 0.03, submitted_at=submitted, closed_at=closed,
    )  # fmt: skip
    transported = crisis and rng.random() < 0.5
    person = {
        "crisis_indicators": (
            rng.sample(list(CrisisIndicator.values), rng.randint(1, 2)) if crisis else []
        ),
        "impairments": rng.sample(list(Impairment.values), 1) if rng.random() < 0.3 else [],
        "weapon": rng.choices(list(Weapon.values), weights=[80, 9, 5, 2, 4])[0],
        "medical_aid": bool(used) and rng.random() < 0.4,
        "transported": transported,
        "transported_by": "Ambulance" if transported else "",
    }
    return report, tried, used, person


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
