"""Reading a file through a profile into a plan: its rows grouped into incidents, every problem
with the line it is on, every value nobody has mapped yet with how often it occurs, and what an
import would do (new records, unchanged ones, amendments). Reading writes nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from defuse.accounts.models import User

from ..models import ImportProfile, Report
from .dates import NotADate, parse_moment
from .files import Table
from .targets import BY_NAME, Kind, Level
from .vocabulary import NOT_RECORDED, YES, Vocabulary

MAX_PROBLEMS = 10_000
TEXT_LIMITS = {"key": 100, "case_number": 40, "district": 60, "beat": 30, "subject_key": 20,
               "officer": 30, "officer_name": 120}  # fmt: skip
DIGEST_MODULUS = 2**128
IMPORTED_PREFIX = "imported-"  # the username of an officer an import added


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # the line (CSV) or row (spreadsheet) where the record starts; the header is 1
    column: str
    reason: str

    def __str__(self):
        return f"{self.file}, line {self.line}, column {self.column!r}: {self.reason}"


@dataclass
class Unmapped:
    """A value in a coded column that has no Defuse meaning yet."""

    target: str
    column: str
    value: str
    count: int
    first_line: int

    @property
    def slot(self) -> str:
        """Names the value on the page, so a choice is saved for the value it was made for."""
        return f"{self.target}:{self.value}"


@dataclass
class Incident:
    key: str
    line: int
    values: dict[str, Any] = field(default_factory=dict)
    techniques: list[str] = field(default_factory=list)
    subjects: dict[str, dict] = field(default_factory=dict)
    officers: dict[str, dict] = field(default_factory=dict)
    force: list[tuple[str, str, str | None]] = field(default_factory=list)  # type, subject, officer
    digest: int = 0

    @property
    def digest_hex(self) -> str:
        return f"{self.digest:032x}"


@dataclass
class Plan:
    file: str
    profile: ImportProfile
    headers: list[str] = field(default_factory=list)
    rows: int = 0
    incidents: dict[str, Incident] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unmapped: dict[tuple[str, str], Unmapped] = field(default_factory=dict)
    existing: dict[str, tuple[int, str, int]] = field(default_factory=dict)  # key → pk, digest, rev
    users: dict[str, User] = field(default_factory=dict)  # badge or username, lower case

    @property
    def ready(self) -> bool:
        return self.rows > 0 and not self.problems and not self.unmapped

    def import_key(self, incident: Incident) -> str:
        return f"{self.profile.pk}:{incident.key}"

    def state(self, incident: Incident) -> str:
        """new, unchanged or changed (an amendment of the record imported before)."""
        known = self.existing.get(self.import_key(incident))
        if known is None:
            return "new"
        return "unchanged" if known[1] == incident.digest_hex else "changed"

    def counts(self) -> dict[str, int]:
        found = {"new": 0, "unchanged": 0, "changed": 0}
        for incident in self.incidents.values():
            found[self.state(incident)] += 1
        return found

    def new_officers(self) -> list[str]:
        keys = {key for i in self.incidents.values() for key in i.officers}
        return sorted(key for key in keys if key not in self.users)

    def unmapped_by_target(self) -> dict[str, list[Unmapped]]:
        grouped: dict[str, list[Unmapped]] = {}
        for item in sorted(self.unmapped.values(), key=lambda u: (u.target, -u.count, u.value)):
            grouped.setdefault(item.target, []).append(item)
        return grouped


def read_plan(
    table: Table, profile: ImportProfile, progress: Callable[[int], None] | None = None
) -> Plan:
    plan = Plan(table.name, profile, headers=table.headers)
    columns = {t: c for t, c in profile.columns.items() if c and t in BY_NAME}
    index = {name: n for n, name in enumerate(table.headers)}
    for target, column in columns.items():
        if column not in index:
            plan.problems.append(
                Problem(table.name, 1, column, f"no such column (for {BY_NAME[target].label})")
            )
    for target in BY_NAME.values():
        if target.required and target.name not in columns:
            plan.problems.append(Problem(table.name, 1, target.label, "must be mapped to a column"))
    if plan.problems:
        return plan
    reader = _RowReader(plan, columns, index)
    for line, values in table.rows:
        plan.rows += 1
        reader.read(line, values)
        if progress and plan.rows % 1000 == 0:
            progress(1000)
        if len(plan.problems) >= MAX_PROBLEMS:
            stop = "too many problems: reading stopped here"
            plan.problems.append(Problem(table.name, line, "", stop))
            break
    if progress:
        progress(plan.rows % 1000)
    if plan.rows == 0:
        plan.problems.append(Problem(table.name, 2, "", "the file has no rows"))
    plan.existing = existing_records(profile)
    plan.users = known_officers()
    return plan


def existing_records(profile: ImportProfile) -> dict[str, tuple[int, str, int]]:
    """What this profile imported before: import key → (current report, digest, revision)."""
    if profile.pk is None:
        return {}
    return {
        key: (pk, digest, revision)
        for key, pk, digest, revision in Report.objects.filter(
            import_key__startswith=f"{profile.pk}:", superseded=False
        ).values_list("import_key", "pk", "import_digest", "revision")
    }


def known_officers() -> dict[str, User]:
    """Every account, departed (inactive) ones too, by badge and by username."""
    found: dict[str, User] = {}
    fields = ["pk", "username", "badge_number", "unit_id", "is_active", "first_name", "last_name"]
    for user in User.objects.only(*fields):
        found.setdefault(user.username.lower(), user)
        if user.badge_number:
            found[user.badge_number.lower()] = user
        elif user.username.startswith(IMPORTED_PREFIX):  # known to an earlier import by name
            found.setdefault(user.get_full_name().lower(), user)
    return found


class _RowReader:
    def __init__(self, plan: Plan, columns: dict[str, str], index: dict[str, int]):
        self.plan = plan
        self.columns = columns
        self.positions = [(target, index[column]) for target, column in columns.items()]
        self.digest_positions = sorted({index[column] for column in columns.values()})
        coded = [t for t in columns if BY_NAME[t].kind in (Kind.CODED, Kind.CODES, Kind.YES_NO)]
        self.vocabulary = Vocabulary(coded, plan.profile.values)
        self.zone = plan.profile.zone
        self.now = timezone.now()

    def problem(self, line: int, target: str, reason: str) -> None:
        self.plan.problems.append(Problem(self.plan.file, line, self.columns[target], reason))

    def read(self, line: int, values: list[object]) -> None:
        raw = {t: (values[i] if i < len(values) else "") for t, i in self.positions}
        raw = {t: v.strip() if isinstance(v, str) else v for t, v in raw.items()}
        key = self.value(line, "key", raw["key"])
        if not isinstance(key, str) or not key:
            if raw["key"] == "":
                self.problem(line, "key", "empty, but every row needs its incident key")
            return  # a row without its incident cannot be read further
        row: dict[str, Any] = {t: self.value(line, t, v) for t, v in raw.items() if t != "key"}
        incident = self.plan.incidents.get(key)
        if incident is None:
            incident = self.plan.incidents[key] = Incident(key=key, line=line)
        incident.digest = (incident.digest + self.digest(values)) % DIGEST_MODULUS
        self.merge(incident, row)

    def value(self, line: int, target: str, raw: object) -> object:
        kind = BY_NAME[target].kind
        if kind == Kind.MOMENT:
            return self.moment(line, target, raw)
        text = raw if isinstance(raw, str) else str(raw)
        if kind == Kind.TEXT:
            limit = TEXT_LIMITS.get(target)
            if limit and len(text) > limit:
                self.problem(line, target, f"{len(text)} characters; {limit} at most")
                return None
            return text
        if kind == Kind.NUMBER:
            return self.age(line, target, text)
        if kind == Kind.CODES:
            parts = [part.strip() for part in text.split(";") if part.strip()]
            meanings = [self.meaning(line, target, part) for part in parts]
            return [m for m in meanings if m]
        return self.meaning(line, target, text)

    def moment(self, line: int, target: str, raw: object) -> datetime | None:
        if raw == "":
            self.problem(line, target, "empty, but every incident needs its date and time")
            return None
        try:
            moment = parse_moment(raw, self.zone, self.plan.profile.date_order)
        except NotADate as error:
            self.problem(line, target, str(error))
            return None
        if moment > self.now:
            self.problem(line, target, f"{moment:%Y-%m-%d %H:%M} is in the future")
            return None
        return moment

    def age(self, line: int, target: str, text: str) -> int | None:
        if not text:
            return None
        if not text.isdecimal() or not text.isascii() or int(text) > 120:
            self.problem(line, target, f"“{text}” is not an age in years (0 to 120)")
            return None
        return int(text)

    def meaning(self, line: int, target: str, text: str) -> str | None:
        found = self.vocabulary.meaning(target, text)
        if found is None:
            slot = (target, text)
            item = self.plan.unmapped.get(slot)
            if item is None:
                self.plan.unmapped[slot] = Unmapped(target, self.columns[target], text, 1, line)
            else:
                item.count += 1
            return None
        return found

    def digest(self, values: list[object]) -> int:
        """Of the mapped columns only: a column the profile ignores can change freely."""
        text = "\x1f".join(str(values[i]) if i < len(values) else "" for i in self.digest_positions)
        return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=16).digest(), "big")

    def merge(self, incident: Incident, row: dict[str, Any]) -> None:
        """The incident's values are its first row's, or the first row that has them; people
        and force gather from every row."""
        subject_key = str(row.get("subject_key") or "1")
        subject = incident.subjects.setdefault(subject_key, {})
        officer_key = str(row.get("officer") or row.get("officer_name") or "").lower() or None
        officer = incident.officers.setdefault(officer_key, {}) if officer_key else None
        for target, value in row.items():
            spec = BY_NAME[target]
            if spec.level == Level.INCIDENT:
                if target == "techniques":
                    incident.techniques += [t for t in value if t not in incident.techniques]
                elif value not in (None, NOT_RECORDED) and not incident.values.get(target):
                    incident.values[target] = value
            elif spec.level == Level.SUBJECT:
                _gather(subject, target, value, spec.kind)
            elif spec.level == Level.OFFICER and officer is not None:
                _gather(officer, target, value, spec.kind)
        force_type = row.get("force_type")
        if force_type:
            incident.force.append((str(force_type), subject_key, officer_key))


def _gather(person: dict, target: str, value: Any, kind: Kind) -> None:
    if value in (None, NOT_RECORDED, []):
        return
    if kind == Kind.CODES:
        person.setdefault(target, [])
        person[target] += [v for v in value if v not in person[target]]
    elif kind == Kind.YES_NO:
        person[target] = person.get(target, False) or value == YES
    else:
        person.setdefault(target, value)
