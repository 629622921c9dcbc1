"""Writing a ready plan, all or nothing: one closed report per new incident, an amendment for
each changed one, nothing for unchanged ones; officers the agency has no account for become
records without a login. Rows go in by the thousand (bulk inserts), so a city's years fit in
minutes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from defuse.accounts.models import Unit, User
from defuse.core.vocabulary import Technique
from defuse.platform.statistics import refresh_planner_statistics

from ..models import (
    Code,
    ForceApplication,
    ForceType,
    ImportProfile,
    Report,
    ReportEvent,
    ReportOfficer,
    Subject,
    TechniqueAttempt,
)
from ..signals import reports_imported
from .plan import IMPORTED_PREFIX, Incident, Plan, existing_records, known_officers
from .vocabulary import CODE_ELEMENTS, YES

BATCH = 1000


@dataclass
class Written:
    new: int = 0
    amended: int = 0
    unchanged: int = 0
    officers_added: int = 0


BULK_ENOUGH_TO_ANALYZE = 5_000


@transaction.atomic
def write_plan(plan: Plan, by: User | None = None, progress: Callable[[int], None] | None = None):
    """Only for a plan that is ready (no problems, nothing unmapped)."""
    if not plan.ready:
        raise ValueError("the plan has problems or unmapped values")
    # One import per profile at a time (the row lock waits on PostgreSQL; SQLite has one
    # writer), and what is already imported read again inside it, so a second click of Import,
    # planned before the first committed, finds everything unchanged.
    ImportProfile.objects.select_for_update().filter(pk=plan.profile.pk).first()
    plan.existing, plan.users = existing_records(plan.profile), known_officers()
    written = Written(officers_added=_add_officers(plan))
    writer = _Writer(plan, by)
    pending = []
    for incident in plan.incidents.values():
        state = plan.state(incident)
        if state == "unchanged":
            written.unchanged += 1
            continue
        if state == "new":
            written.new += 1
        else:
            written.amended += 1
        pending.append(incident)
    for batch in _batches(iter(pending), BATCH):
        writer.write(batch)
        if progress:
            progress(len(batch))
    if written.new or written.amended:
        if written.new + written.amended >= BULK_ENOUGH_TO_ANALYZE:
            transaction.on_commit(refresh_planner_statistics)
        reports_imported.send(sender=Report, count=written.new + written.amended)
    return written


def _batches(items: Iterator[Incident], size: int) -> Iterator[list[Incident]]:
    while batch := list(islice(items, size)):
        yield batch


def _add_officers(plan: Plan) -> int:
    """An officer the file names and Defuse does not know: an inactive account with no usable
    password, so their reports stay theirs without anyone being able to sign in as them."""
    taken = set(User.objects.values_list("username", flat=True))
    wanted = set(plan.new_officers())
    found: dict[str, dict] = {}
    for incident in plan.incidents.values():
        for key, officer in incident.officers.items():
            if key in wanted and key not in found:
                found[key] = officer
    people, keys = [], {}
    for key, details in found.items():
        base = IMPORTED_PREFIX + (slugify(key)[:40] or "officer")
        username, n = base, 1
        while username in taken:
            n += 1
            username = f"{base}-{n}"
        taken.add(username)
        keys[username] = key
        first, _, last = details.get("officer_name", "").rpartition(" ")
        people.append(
            User(
                username=username,
                badge_number=details.get("officer", "")[:30],
                first_name=first[:150],
                last_name=last[:150],
                is_active=False,
                password=make_password(None),
            )
        )
    User.objects.bulk_create(people)
    for person in User.objects.filter(username__in=keys):
        plan.users[keys[person.username]] = person
    return len(people)


class _Writer:
    def __init__(self, plan: Plan, by: User | None):
        self.plan = plan
        self.by = by
        self.now = timezone.now()
        self.force_types = {f.name: f for f in ForceType.objects.all()}
        self.units = dict(Unit.objects.values_list("name", "pk"))
        self.codes = {(c.element, c.code): c.pk for c in Code.objects.all()}
        self.techniques = dict(Technique.objects.values_list("code", "pk"))

    def code(self, target: str, value: Any) -> int | None:
        return self.codes[(CODE_ELEMENTS[target], value)] if value else None

    def write(self, incidents: list[Incident]) -> None:
        reports = [self.report(incident) for incident in incidents]
        Report.objects.bulk_create(reports)
        replaced = [r.amends_id for r in reports if r.amends_id]
        Report.objects.filter(pk__in=replaced).update(superseded=True)
        subjects, officers = self.people(incidents, reports)
        force, attempts, events = [], [], []
        for incident, report in zip(incidents, reports, strict=True):
            people, crew = subjects[report.pk], officers[report.pk]
            force += [
                ForceApplication(report=report, force_type=self.force_types[kind],
                                 subject=people.get(who),
                                 officer=crew.get(by) if by else None)
                for kind, who, by in incident.force
            ]  # fmt: skip
            first_subject = next(iter(people.values()), None)
            first_officer = next(iter(crew.values()), None)
            attempts += [
                TechniqueAttempt(report=report, order=n, technique_id=self.techniques[code],
                                 officer=first_officer, subject=first_subject)
                for n, code in enumerate(incident.techniques, start=1)
            ]  # fmt: skip
            detail = f"Imported from {self.plan.file}, line {incident.line}"
            events.append(ReportEvent(report=report, user=self.by, action="created", detail=detail))
        ForceApplication.objects.bulk_create(force)
        TechniqueAttempt.objects.bulk_create(attempts)
        ReportEvent.objects.bulk_create(events)

    def report(self, incident: Incident) -> Report:
        values = incident.values
        subjects = incident.subjects.values()
        officers = incident.officers.values()
        crew = [self.plan.users[key] for key in incident.officers]
        known = self.plan.existing.get(self.plan.import_key(incident))
        force_used = bool(incident.force) or values.get("force_used") == YES
        return Report(
            author=crew[0] if crew else None,
            unit_id=self.units.get(str(values.get("unit", ""))),
            status=Report.Status.CLOSED,
            revision=known[2] + 1 if known else 1,
            amends_id=known[0] if known else None,
            amendment_reason=(
                f"The record changed in {self.plan.file} (line {incident.line}); re-imported."
                if known else ""
            ),
            import_key=self.plan.import_key(incident),
            import_digest=incident.digest_hex,
            case_number=str(values.get("case_number") or incident.key)[:40],
            occurred_at=values["occurred_at"],
            district=values.get("district", ""),
            beat=values.get("beat", ""),
            call_type=values.get("call_type", ""),
            contact_reason_id=self.code("contact_reason", values.get("contact_reason")),
            location_type_id=self.code("location_type", values.get("location_type")),
            outcome=values.get("outcome", ""),
            supervisor_on_scene=values.get("supervisor_on_scene") == YES,
            is_training=values.get("is_training") == YES,
            reason_for_contact="Imported historical record.",
            no_technique_reason="" if incident.techniques else "Not in the imported record.",
            force_used=force_used,
            subject_injured=any(s.get("subject_injured") or s.get("subject_injury")
                                for s in subjects),
            officer_injured=any(o.get("officer_injured") for o in officers),
            crisis=any(s.get("subject_crisis") for s in subjects),
            firearm_discharged=any(
                self.force_types[kind].is_firearm_discharge for kind, _, _ in incident.force
            ),
            technique_count=len(incident.techniques),
            submitted_at=values["occurred_at"],
            closed_at=self.now,
        )  # fmt: skip

    def people(self, incidents: list[Incident], reports: list[Report]):
        """The subjects and officers of a batch, with their coded answers, by report and key."""
        subject_rows: list[tuple[int, str, Subject, dict]] = []
        officer_rows: list[tuple[int, str, ReportOfficer, dict]] = []
        for incident, report in zip(incidents, reports, strict=True):
            for order, (key, person) in enumerate(incident.subjects.items(), start=1):
                row = Subject(report=report, order=order, age=person.get("subject_age"),
                              sex_id=self.code("subject_sex", person.get("subject_sex")),
                              ethnicity_id=self.code("subject_ethnicity",
                                                     person.get("subject_ethnicity")),
                              injured=bool(person.get("subject_injured")
                                           or person.get("subject_injury")),
                              resisted=bool(person.get("subject_resistance")))  # fmt: skip
                subject_rows.append((report.pk, key, row, person))
            for order, (key, person) in enumerate(incident.officers.items(), start=1):
                user = self.plan.users[key]
                crew = ReportOfficer(report=report, order=order, user=user,
                                     injured=bool(person.get("officer_injured")))  # fmt: skip
                officer_rows.append((report.pk, key, crew, person))
        Subject.objects.bulk_create([row for _, _, row, _ in subject_rows])
        ReportOfficer.objects.bulk_create([row for _, _, row, _ in officer_rows])
        links = {"races": "subject_race", "resistance": "subject_resistance",
                 "injuries": "subject_injury"}  # fmt: skip
        for relation, target in links.items():
            through = getattr(Subject, relation).through
            through.objects.bulk_create(
                through(subject_id=row.pk, code_id=self.code(target, code))
                for _, _, row, person in subject_rows
                for code in person.get(target, [])
            )
        subjects: dict[int, dict] = {report.pk: {} for report in reports}
        officers: dict[int, dict] = {report.pk: {} for report in reports}
        for pk, key, row, _ in subject_rows:
            subjects[pk][key] = row
        for pk, key, crew, _ in officer_rows:
            officers[pk][key] = crew
        return subjects, officers
