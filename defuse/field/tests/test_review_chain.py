"""The review chain (Settings → Review chain): by default the unit's supervisor signs off every
report, command staff those with force, internal affairs those with an injury, a firearm
discharge or a complaint. Each level signs off or returns with comments, each sign-off is in the
audit trail, and only that level's reviewers (and chiefs) can act on it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.core.vocabulary import Technique
from defuse.field.models import ForceType, Report, ReportEvent, ReviewLevel

from .conftest import force_entry, valid_report_data

INJURED = {"subjects-0-injured": "on"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(people, user_with_role):
    """The default chain's reviewers: the unit's supervisor, a commander, an investigator."""
    commander = user_with_role(Role.SUPERVISOR, first_name="Casey", last_name="Commander")
    investigator = user_with_role(Role.SUPERVISOR, first_name="Ira", last_name="Investigator")
    commander.groups.add(Group.objects.get(name="Command staff"))
    investigator.groups.add(Group.objects.get(name="Internal affairs"))
    return {**people, "commander": commander, "investigator": investigator}


def file_report(client, officer, **typed) -> Report:
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.filter(author=officer).latest("pk")
    data = valid_report_data(
        **{"techniques-0-technique": str(Technique.objects.get(code="distance").pk)},
        submit="1",
        **typed,
    )
    response = client.post(reverse("field:edit", args=[report.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    return report


FORCE_ANSWERS = {
    "narrative_why_force": "He swung at my partner.",
    "narrative_force_level": "The lowest that stopped it.",
    "narrative_injuries": "A graze on his arm.",
    "narrative_medical": "First aid on scene.",
    "narrative_transport": "No one was taken to hospital.",
}


def with_force(force_type="Takedown", **typed) -> dict:
    used = ForceType.objects.get(name=force_type)
    return {
        **force_entry(0, used),
        **FORCE_ANSWERS,
        "supervisor_notified_at": "2026-11-20T22:40",
        **typed,
    }


def decide(client, who, report, decision, comment="") -> int:
    client.force_login(who)
    response = client.post(
        reverse("field:review", args=[report.pk]), {"decision": decision, "comment": comment}
    )
    report.refresh_from_db()
    return response.status_code


def level_of(report) -> str:
    return str(report.review_level) if report.review_level else ""


def test_a_report_without_force_closes_at_the_supervisor(client, chain, checklist):
    report = file_report(client, chain["officer"])
    assert level_of(report) == "Supervisor"
    decide(client, chain["supervisor"], report, "approve")
    assert report.status == Report.Status.CLOSED


def test_force_and_injury_go_through_three_levels_with_a_return_on_the_way(
    client, chain, checklist
):
    officer = chain["officer"]
    report = file_report(client, officer, **with_force(**INJURED))
    assert level_of(report) == "Supervisor"

    decide(client, chain["supervisor"], report, "approve", "Fine by me.")
    assert (report.status, level_of(report)) == (Report.Status.SUBMITTED, "Command staff")
    decide(client, chain["commander"], report, "return", "Say where the takedown happened.")
    assert report.status == Report.Status.RETURNED and report.review_level is None

    client.force_login(officer)
    page = client.get(reverse("field:edit", args=[report.pk])).content.decode()
    assert "Say where the takedown happened." in page
    file_again = with_force(**INJURED, address="On the grass by the bus stop")
    response = client.post(
        reverse("field:edit", args=[report.pk]),
        valid_report_data(
            **{"techniques-0-technique": str(Technique.objects.get(code="distance").pk)},
            submit="1",
            **file_again,
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert level_of(report) == "Supervisor"  # the chain starts again

    decide(client, chain["supervisor"], report, "approve")
    decide(client, chain["commander"], report, "approve", "Proportionate.")
    assert level_of(report) == "Internal affairs"
    decide(client, chain["investigator"], report, "approve", "Injury documented.")
    assert report.status == Report.Status.CLOSED

    trail = [
        (event.action, event.user, event.detail)
        for event in report.events.filter(
            action__in=[
                ReportEvent.Action.SIGNED_OFF,
                ReportEvent.Action.RETURNED,
                ReportEvent.Action.APPROVED,
            ]
        )
    ]
    assert trail == [
        ("signed_off", chain["supervisor"], "Supervisor; on to Command staff: Fine by me."),
        ("returned", chain["commander"], "Command staff: Say where the takedown happened."),
        ("signed_off", chain["supervisor"], "Supervisor; on to Command staff"),
        ("signed_off", chain["commander"], "Command staff; on to Internal affairs: Proportionate."),
        ("approved", chain["investigator"], "Internal affairs: Injury documented."),
    ]
    assert list(report.comments.values_list("level", flat=True)) == [
        "Supervisor", "Command staff", "Supervisor", "Command staff", "Internal affairs",
    ]  # fmt: skip


def test_a_firearm_discharge_or_a_complaint_skips_to_internal_affairs_after_the_supervisor(
    client, chain, checklist
):
    report = file_report(client, chain["officer"], complaint="on")
    decide(client, chain["supervisor"], report, "approve")
    assert level_of(report) == "Internal affairs"  # no force: command staff do not apply
    discharge = ForceType.objects.get(name="Firearm discharge")
    assert discharge.is_firearm_discharge
    fired = file_report(client, chain["colleague"], **with_force(discharge.name))
    assert fired.firearm_discharged
    decide(client, chain["supervisor"], fired, "approve")
    decide(client, chain["commander"], fired, "approve")
    assert level_of(fired) == "Internal affairs"


# At each level of the chain, who may act (302), who sees the report but may not (403), and
# who does not even see it (404). The editor never sees reports (403 at the door).
LEVEL_LADDER = {
    "Supervisor": {
        "officer": 403, "supervisor": 302, "editor": 403, "colleague": 404,
        "other_supervisor": 404, "commander": 404, "investigator": 404, "chief": 302,
    },
    "Command staff": {
        "officer": 403, "supervisor": 403, "editor": 403, "colleague": 404,
        "other_supervisor": 404, "commander": 302, "investigator": 404, "chief": 302,
    },
    "Internal affairs": {
        "officer": 403, "supervisor": 403, "editor": 403, "colleague": 404,
        "other_supervisor": 404, "commander": 403, "investigator": 302, "chief": 302,
    },
}  # fmt: skip
REACH = {
    "Supervisor": [],
    "Command staff": ["supervisor"],
    "Internal affairs": ["supervisor", "commander"],
}


@pytest.mark.parametrize(
    "level, who, status",
    [(level, who, status) for level, row in LEVEL_LADDER.items() for who, status in row.items()],
)
def test_only_the_levels_reviewers_act_at_each_level(client, chain, checklist, level, who, status):
    report = file_report(client, chain["officer"], **with_force(**INJURED))
    for reviewer in REACH[level]:
        decide(client, chain[reviewer], report, "approve")
    assert level_of(report) == level
    client.force_login(chain[who])
    seen = client.get(reverse("field:report", args=[report.pk])).status_code
    assert seen == {302: 200, 403: 200 if who != "editor" else 403, 404: 404}[status]
    assert decide(client, chain[who], report, "approve") == status
    assert (level_of(report) == level) == (status != 302)


def test_each_reviewers_queue_holds_what_waits_for_them(client, chain, checklist):
    report = file_report(client, chain["officer"], **with_force())
    case = report.case_number

    def in_queue(who) -> bool:
        client.force_login(chain[who])
        return case in client.get(reverse("field:review_queue")).content.decode()

    assert in_queue("supervisor") and not in_queue("commander") and in_queue("chief")
    client.force_login(chain["supervisor"])
    detail = client.get(reverse("field:report", args=[report.pk])).content.decode()
    assert "Sign off: on to Command staff" in detail
    decide(client, chain["supervisor"], report, "approve")
    assert not in_queue("supervisor") and in_queue("commander") and not in_queue("investigator")
    client.force_login(chain["commander"])
    page = client.get(reverse("field:report", args=[report.pk]))
    assert page.status_code == 200 and 'name="decision"' in page.content.decode()
    assert "Awaiting review: Command staff" in page.content.decode()
    assert "Approve and close" in page.content.decode()  # no injury: the last level
    decide(client, chain["commander"], report, "approve")  # no injury: closed here
    assert report.status == Report.Status.CLOSED
    client.force_login(chain["commander"])  # who signed off still finds the report
    assert client.get(reverse("field:report", args=[report.pk])).status_code == 200
    client.force_login(chain["investigator"])
    assert client.get(reverse("field:report", args=[report.pk])).status_code == 404


def test_without_a_chain_the_supervisor_closes_every_report(client, chain, checklist):
    ReviewLevel.objects.all().delete()
    report = file_report(client, chain["officer"], **with_force(**INJURED))
    assert report.review_level is None
    decide(client, chain["supervisor"], report, "approve")
    assert report.status == Report.Status.CLOSED


def test_an_administrator_shapes_the_chain_and_an_officer_cannot(client, people):
    listing = reverse("wagtailsnippets_field_reviewlevel:list")
    client.force_login(people["administrator"])
    page = client.get(listing)
    assert page.status_code == 200
    assert "Command staff" in page.content.decode() and "When force" in page.content.decode()
    client.force_login(people["officer"])
    assert client.get(listing).status_code in (302, 403)
    assert ReviewLevel.objects.count() == 3


@pytest.mark.parametrize(
    "start_at, expected", [(None, "Supervisor"), ("Command staff", "Command staff")]
)
def test_an_amendment_starts_its_review_where_the_agency_says(
    client, chain, checklist, start_at, expected
):
    if start_at:
        ReviewLevel.objects.filter(name=start_at).update(amendments_start_here=True)
    report = file_report(client, chain["officer"], **with_force())
    decide(client, chain["supervisor"], report, "approve")
    decide(client, chain["commander"], report, "approve")
    assert report.status == Report.Status.CLOSED
    client.force_login(chain["officer"])
    client.post(reverse("field:amend", args=[report.pk]), {"reason": "The beat was wrong."})
    amendment = Report.objects.get(amends=report)
    edit = reverse("field:edit", args=[amendment.pk])
    data = valid_report_data(
        beat="N4",
        **{"techniques-0-technique": str(Technique.objects.get(code="distance").pk)},
        submit="1",
        **with_force(),
    )
    assert client.post(edit, data).status_code == 302
    amendment.refresh_from_db()
    assert level_of(amendment) == expected
