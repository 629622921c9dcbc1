"""De-identified open data an agency can publish (docs/open-data.md): one row per approved
encounter with its de-escalation columns, made k-anonymous on the quasi-identifiers (what a
neighbour or a reporter could know: when, where, what kind of call, the person's age, sex and
race, how many people, the outcome) by generalising before suppressing.

Generalisation is global: each quasi-identifier has a ladder (month → quarter → year → all;
district → all; call type → call-type group → all…), and of every combination of levels the one
that gives up least detail while leaving at most MAX_SUPPRESSED of the rows in groups smaller
than k is used; those rows are then left out. Health and crisis fields appear only in
aggregate, with counts below k withheld. No names, officer ids, case numbers, addresses,
beats, narratives or times of day, ever.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

ALL = "all"
CALL_GROUPS = {
    "mental_health": "crisis_or_welfare", "welfare_check": "crisis_or_welfare",
    "disturbance": "disorder", "trespass": "disorder", "suspicious": "disorder",
    "assault": "violence", "domestic": "violence", "theft": "property", "traffic": "traffic",
    "other": "other", "": "not_recorded",
}  # fmt: skip
OUTCOME_GROUPS = {
    "advice": "resolved_on_scene", "voluntary_compliance": "resolved_on_scene",
    "disengaged": "resolved_on_scene", "referral": "care_or_referral",
    "transported_to_care": "care_or_referral", "citation": "enforcement",
    "arrest": "enforcement", "other": "other", "": "not_recorded",
}  # fmt: skip
AGE_BANDS = [(0, "under_18"), (18, "18-24"), (25, "25-34"), (35, "35-44"), (45, "45-54"),
             (55, "55_and_over")]  # fmt: skip
BROAD_AGES = [(0, "under_18"), (18, "18-34"), (35, "35-54"), (55, "55_and_over")]


def _band(age: int | None, bands) -> str:
    if age is None:
        return "not_recorded"
    return [label for start, label in bands if age >= start][-1]


@dataclass(frozen=True)
class Ladder:
    """A quasi-identifier's levels, most detailed first; the last is always "all"."""

    column: str
    levels: list[tuple[str, Callable[[dict], str]]]


QUASI_IDENTIFIERS = [
    Ladder("period", [
        ("month", lambda r: f"{r['when']:%Y-%m}"),
        ("quarter", lambda r: f"{r['when']:%Y}-Q{(r['when'].month - 1) // 3 + 1}"),
        ("year", lambda r: f"{r['when']:%Y}"),
        ("all", lambda r: ALL),
    ]),
    Ladder("district", [("district", lambda r: r["district"] or "not_recorded"),
                        ("all", lambda r: ALL)]),
    Ladder("call_type", [("call type", lambda r: r["call_type"] or "not_recorded"),
                         ("call-type group", lambda r: CALL_GROUPS.get(r["call_type"], "other")),
                         ("all", lambda r: ALL)]),
    Ladder("subject_age", [("ten-year band", lambda r: _band(r["age"], AGE_BANDS)),
                           ("broad band", lambda r: _band(r["age"], BROAD_AGES)),
                           ("all", lambda r: ALL)]),
    Ladder("subject_sex", [("sex", lambda r: r["sex"]), ("all", lambda r: ALL)]),
    Ladder("subject_race", [("race", lambda r: r["race"]), ("all", lambda r: ALL)]),
    Ladder("people", [("1 or 2+", lambda r: "1" if r["people"] == 1 else "2_or_more"),
                      ("all", lambda r: ALL)]),
    Ladder("outcome", [("outcome", lambda r: r["outcome"] or "not_recorded"),
                       ("outcome group", lambda r: OUTCOME_GROUPS.get(r["outcome"], "other")),
                       ("all", lambda r: ALL)]),
]  # fmt: skip
DETAIL_COLUMNS = [
    "techniques_attempted", "technique_count", "deescalation_documented",
    "resolved_without_force", "force_used", "highest_force_level", "subject_injured",
    "officer_injured",
]  # fmt: skip
COLUMNS = [ladder.column for ladder in QUASI_IDENTIFIERS] + DETAIL_COLUMNS
QUASI = len(QUASI_IDENTIFIERS)
LOSS_WEIGHTS = {"period": 1.0, "call_type": 1.0, "subject_race": 1.0, "subject_sex": 0.8,
                "subject_age": 0.8, "district": 0.6, "outcome": 0.6, "people": 0.3}  # fmt: skip
AGGREGATES = [
    ("crisis_related", "Encounters with a crisis indicator recorded"),
    ("weapon_present", "Encounters where a person had a weapon"),
    ("medical_aid", "Encounters where medical aid was given"),
    ("transported", "Encounters where someone was taken to hospital or care"),
    ("impairment", "Encounters with an impairment recorded (alcohol, drugs, medical…)"),
]


def k_value() -> int:
    return int(getattr(settings, "DEFUSE_OPEN_DATA_K", 5))


def max_suppressed() -> float:
    return float(getattr(settings, "DEFUSE_OPEN_DATA_MAX_SUPPRESSED", 0.05))


@dataclass
class Release:
    """What is published, and how it was made safe (for the data dictionary)."""

    k: int
    levels: dict[str, int]
    rows: list[list] = field(default_factory=list)
    total: int = 0
    suppressed: int = 0
    smallest_group: int = 0
    aggregates: list[tuple[str, str, str]] = field(default_factory=list)  # measure, label, count

    @property
    def suppressed_share(self) -> float:
        return self.suppressed / self.total if self.total else 0.0

    @property
    def suppressed_percent(self) -> str:
        return f"{self.suppressed_share:.1%}"

    def generalisation(self) -> list[tuple[str, str, list[str]]]:
        """(column, the level used, the levels it could have been) for each quasi-identifier."""
        return [
            (q.column, q.levels[self.levels[q.column]][0], [name for name, _ in q.levels])
            for q in QUASI_IDENTIFIERS
        ]


def records(reports) -> list[dict]:
    """One dict per encounter with what the release may draw on, read in one pass."""
    found = []
    query = (
        reports.filter(occurred_at__isnull=False)
        .order_by("occurred_at", "pk")
        .prefetch_related("techniques__technique", "force__force_type", "subjects__races")
    )
    for report in query.iterator(chunk_size=2000):
        subjects = list(report.subjects.all())
        first = subjects[0] if subjects else None
        races = sorted(c.code for c in first.races.all()) if first else []
        levels = [f.force_type.level for f in report.force.all()]
        found.append({
            "when": timezone.localtime(report.occurred_at),
            "district": report.district.strip(),
            "call_type": report.call_type,
            "age": first.age if first else None,
            "sex": _sex(first),
            "race": "multiple" if len(races) > 1 else (races[0] if races else "not_recorded"),
            "people": len(subjects),
            "outcome": report.outcome,
            "detail": [
                ";".join(t.technique.code for t in report.techniques.all()),
                report.technique_count,
                _yes(report.technique_count > 0),
                _yes(not report.force_used),
                _yes(report.force_used),
                max(levels) if levels else "",
                _yes(report.subject_injured),
                _yes(report.officer_injured),
            ],
            "crisis_related": report.crisis,
            "weapon_present": any(s.weapon and s.weapon != "none" for s in subjects),
            "medical_aid": any(s.medical_aid for s in subjects),
            "transported": any(s.transported for s in subjects),
            "impairment": any(s.impairments for s in subjects),
        })  # fmt: skip
    return found


def _sex(subject) -> str:
    if subject is None or subject.sex_id is None:
        return "not_recorded"
    return subject.sex.code


def release(found: list[dict], k: int | None = None, budget: float | None = None) -> Release:
    k = k_value() if k is None else k
    budget = max_suppressed() if budget is None else budget
    levels = dict(zip(COLUMNS[:QUASI], _least_loss(found, k, budget), strict=True))
    published = Release(k=k, levels=levels, total=len(found))
    keys = [_key(r, levels) for r in found]
    sizes = Counter(keys)
    for record, key in zip(found, keys, strict=True):
        if sizes[key] < k:
            published.suppressed += 1
        else:
            published.rows.append([*key, *record["detail"]])
    # Sorted by what is published, never by time: a row's place must not tell its date.
    published.rows.sort(key=lambda row: tuple(map(str, row)))
    kept = [size for size in sizes.values() if size >= k]
    published.smallest_group = min(kept) if kept else 0
    published.aggregates = aggregates(found, k)
    return published


def _least_loss(found: list[dict], k: int, budget: float) -> tuple[int, ...]:
    """The combination of levels that loses least detail (LOSS_WEIGHTS) while leaving at most
    `budget` of the rows in groups smaller than k; all at "all" if none does."""
    ladders = QUASI_IDENTIFIERS
    # Each distinct encounter once, with its value at every level of every ladder.
    table = Counter(tuple(tuple(fn(r) for _, fn in q.levels) for q in ladders) for r in found)
    allowed = budget * len(found)
    nodes = itertools.product(*(range(len(q.levels)) for q in ladders))
    for node in sorted(nodes, key=_loss):
        sizes: Counter = Counter()
        for values, count in table.items():
            sizes[tuple(v[level] for v, level in zip(values, node, strict=True))] += count
        if sum(size for size in sizes.values() if size < k) <= allowed:
            return node
    return tuple(len(q.levels) - 1 for q in ladders)


def _loss(node: tuple[int, ...]) -> tuple[float, tuple[int, ...]]:
    """How much detail a combination of levels gives up: each ladder's share of its way to "all",
    weighted by what the file is for (trends, call types and demographics first)."""
    lost = sum(
        LOSS_WEIGHTS[q.column] * level / (len(q.levels) - 1)
        for q, level in zip(QUASI_IDENTIFIERS, node, strict=True)
    )
    return round(lost, 9), node


def _key(record: dict, levels: dict[str, int]) -> tuple[str, ...]:
    return tuple(q.levels[levels[q.column]][1](record) for q in QUASI_IDENTIFIERS)


def aggregates(found: list[dict], k: int) -> list[tuple[str, str, str]]:
    """Counts over the whole release; a count below k (but not zero) is withheld."""
    table = []
    for measure, label in AGGREGATES:
        count = sum(1 for r in found if r[measure])
        table.append(
            (measure, label, str(count) if count == 0 or count >= k else f"fewer than {k}")
        )
    return table


def csv_rows(published: Release) -> Iterable[list]:
    yield COLUMNS
    yield from published.rows


def aggregate_rows(published: Release) -> Iterable[list]:
    yield ["measure", "meaning", "encounters"]
    yield from ([m, label, count] for m, label, count in published.aggregates)
    yield ["all_encounters", "Approved encounters in the period", str(published.total)]


def export(reports) -> Release:
    return release(records(reports))


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
