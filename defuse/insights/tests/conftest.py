"""A small agency whose reports touch every rule Insights counts by: two units and an officer
without one, three months (with encounters just before midnight on the last day of a month),
every flag, and the reports that must never be counted."""

from datetime import date
from types import SimpleNamespace

import pytest

from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UnitFactory
from defuse.field.models import Code, Report, Subject
from defuse.insights.facts import rebuild
from defuse.training.models import Attempt, Scenario, ScenarioVersion

from .builders import local, report

PERIOD = "?from=2025-01&to=2025-03"
FIRST, LAST = date(2025, 1, 1), date(2025, 3, 1)


# The reports that count: who, when (on the local clock), call type, outcome, flags (force,
# crisis, subject or officer injured), techniques, hours from submission to approval (None: an
# imported record, never reviewed).
# fmt: off
COUNTED = [
    ("alpha_1", (2025, 1, 10, 12), "disturbance", "advice", "", "distance time", 10),
    ("alpha_1", (2025, 1, 20, 12), "assault", "arrest", "force subject", "distance", 30),
    ("alpha_2", (2025, 1, 31, 23, 30), "mental_health", "transported_to_care", "crisis",
     "time tactical-communication", 1),  # 1 February in UTC
    ("alpha_2", (2025, 2, 5, 12), "domestic", "arrest", "force officer", "", 4),
    ("alpha_1", (2025, 2, 14, 12), "mental_health", "referral", "force crisis subject officer",
     "distance", 10),
    ("alpha_2", (2025, 3, 31, 23, 59), "welfare_check", "advice", "crisis", "time", 10),
    ("alpha_1", (2025, 3, 3, 12), "theft", "citation", "", "", None),
    ("bravo_1", (2025, 1, 15, 12), "assault", "arrest", "force", "", 2),
    ("bravo_1", (2025, 2, 20, 12), "disturbance", "voluntary_compliance", "", "time", 3),
    ("bravo_1", (2025, 3, 10, 12), "mental_health", "transported_to_care", "crisis",
     "distance time", 5),
    ("loner", (2025, 2, 10, 12), "traffic", "citation", "force subject", "", 7),
]
# fmt: on


def _counted(people: dict):
    for who, when, call_type, outcome, flag_words, techniques, hours in COUNTED:
        flags = flag_words.split()
        report(
            people[who], occurred_at=local(*when), call_type=call_type, outcome=outcome,
            force="force" in flags, crisis="crisis" in flags,
            subject_injured="subject" in flags, officer_injured="officer" in flags,
            techniques=techniques.split(), review_hours=hours or 0,
            **({"submitted_at": None} if hours is None else {}),
        )  # fmt: skip


# Who the people were, report by report in COUNTED's order: (age, sex, races); a second person
# (never the one force was used on) in two encounters; one encounter whose force names no one.
# fmt: off
PEOPLE = [(17, "M", "W"), (34, "M", "B"), (52, "F", "W"), (29, "F", "B A"), (61, "M", ""),
          (None, "", "B"), (24, "M", "W"), (44, "M", "B"), (19, "F", "U"), (35, "F", "W"),
          (25, "M", "B")]
SECOND_PEOPLE = {1: (22, "F", "B"), 10: (45, "M", "W")}
# fmt: on


def _people():
    codes = {(c.element, c.code): c for c in Code.objects.filter(element__in=["sex", "race"])}
    counted = Report.objects.countable().exclude(amends__isnull=False).order_by("pk")
    for n, made in enumerate(counted):
        if n >= len(PEOPLE):
            break
        (first,) = made.subjects.all()
        people = [(first, PEOPLE[n])]
        if n in SECOND_PEOPLE:
            people.append((Subject.objects.create(report=made, order=2), SECOND_PEOPLE[n]))
        for person, (age, sex, races) in people:
            person.age, person.sex = age, codes.get(("sex", sex))
            person.save()
            person.races.set([codes[("race", race)] for race in races.split()])
    loner = counted[len(PEOPLE) - 1]
    loner.force.update(subject=None)  # force recorded, not on whom: both people count


def _never_counted(alpha_1, bravo_1):
    report(alpha_1, occurred_at=local(2025, 2, 11), force=True, is_training=True)
    report(alpha_1, occurred_at=local(2025, 2, 2), status=Report.Status.DRAFT, force=True)
    report(alpha_1, occurred_at=local(2025, 2, 3), status=Report.Status.SUBMITTED, force=True)
    report(bravo_1, occurred_at=local(2025, 3, 4), status=Report.Status.RETURNED, force=True)
    report(alpha_1, occurred_at=None, force=True)
    report(alpha_1, occurred_at=local(2024, 12, 31, 23, 30), force=True)  # December, locally
    report(bravo_1, occurred_at=local(2025, 4, 1, 0, 10), force=True)  # April
    # a report replaced by an amendment, which is counted in its place
    original = report(alpha_1, occurred_at=local(2025, 1, 25), force=True, call_type="assault",
                      outcome="arrest", superseded=True)  # fmt: skip
    report(alpha_1, occurred_at=local(2025, 1, 25), techniques=["tactical-pause"], amends=original,
           revision=2, outcome="voluntary_compliance")  # fmt: skip


@pytest.fixture
def played(db):
    """played(user, finished, passed, scaled[, status]): one attempt at a one-version scenario."""
    scenario = Scenario.objects.create(title="Night call", slug="night-call", start="start")
    version = ScenarioVersion.objects.create(scenario=scenario, number=1, definition={})

    def play(user, finished, passed, scaled, status=Attempt.Status.COMPLETED):
        return Attempt.objects.create(
            user=user, version=version, scenario=scenario, status=status, pass_mark=70,
            started_at=finished, finished_at=finished, current_passage="end", shown_at=finished,
            passed=passed, scaled=scaled,
        )  # fmt: skip

    return play


def _training(played, alpha_1, alpha_2, alpha_3, bravo_1, loner):
    played(alpha_1, local(2025, 2, 10), True, 0.9)
    played(alpha_1, local(2025, 3, 1), False, 0.4)
    played(alpha_2, local(2025, 1, 5), False, 0.5)
    played(alpha_3, local(2024, 11, 10), True, 1.0)  # before the period
    played(alpha_2, local(2025, 2, 1), None, None, status=Attempt.Status.IN_PROGRESS)
    played(bravo_1, local(2025, 3, 15), True, 0.8)
    played(bravo_1, local(2025, 1, 15), None, None, status=Attempt.Status.ABANDONED)
    played(loner, local(2025, 2, 15), True, 0.7)  # no unit: in no unit's row


@pytest.fixture
def agency(user_with_role, officer, supervisor, chief, unit, played):
    """`unit` (supervised by `supervisor`) and Bravo, whose supervisor is another; `loner`, an
    officer without a unit; counts rebuilt. The period to ask for is PERIOD."""
    bravo = UnitFactory(name="Bravo")
    bravo_supervisor = user_with_role(Role.SUPERVISOR)
    bravo.supervisors.add(bravo_supervisor)
    alpha_2, alpha_3 = (user_with_role(Role.OFFICER, unit=unit) for _ in range(2))
    bravo_1 = user_with_role(Role.OFFICER, unit=bravo)
    loner = user_with_role(Role.OFFICER)
    _counted({"alpha_1": officer, "alpha_2": alpha_2, "bravo_1": bravo_1, "loner": loner})
    _people()
    _never_counted(officer, bravo_1)
    _training(played, officer, alpha_2, alpha_3, bravo_1, loner)
    rebuild(everything=True)
    return SimpleNamespace(
        alpha=unit, bravo=bravo, supervisor=supervisor, bravo_supervisor=bravo_supervisor,
        chief=chief, officer=officer, bravo_officer=bravo_1, loner=loner,
    )  # fmt: skip
