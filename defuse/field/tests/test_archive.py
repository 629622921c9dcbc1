"""The report archive: a supervisor finds their units' submitted reports, a chief the agency's;
officers, editors and administrators have none; words, unit, period and what happened narrow
it, and what cannot be read is said and left out."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from defuse.accounts.tests.factories import UnitFactory
from defuse.field import workflow
from defuse.field.models import Report

pytestmark = pytest.mark.django_db
ARCHIVE = reverse("field:archive")


@pytest.fixture
def reports(people):
    """Closed, submitted and draft reports of the officer's unit, and one of another unit."""

    def report(author, case, status, day, **fields):
        made = workflow.start_draft(author)
        occurred = timezone.make_aware(datetime.datetime(2026, 11, day, 21, 0))
        Report.objects.filter(pk=made.pk).update(
            case_number=case, status=status, occurred_at=occurred, **fields
        )
        return made

    closed, submitted, draft = Report.Status.CLOSED, Report.Status.SUBMITTED, Report.Status.DRAFT
    return {
        "bridge": report(people["officer"], "24-BRIDGE", closed, 3, district="Riverside",
                         call_type="mental_health", crisis=True),
        "market": report(people["colleague"], "24-MARKET", submitted, 10, force_used=True,
                         subject_injured=True, address="4 Market Row"),
        "draft": report(people["officer"], "24-DRAFT", draft, 12),
        "elsewhere": report(people["stranger"], "24-ELSEWHERE", closed, 5),
    }  # fmt: skip


def cases(client, **query) -> set[str]:
    response = client.get(ARCHIVE, query)
    assert response.status_code == 200
    page = response.content.decode()
    return {case for case in ("24-BRIDGE", "24-MARKET", "24-DRAFT", "24-ELSEWHERE") if case in page}


@pytest.mark.parametrize(
    "who, seen",
    [
        ("supervisor", {"24-BRIDGE", "24-MARKET"}),
        ("other_supervisor", {"24-ELSEWHERE"}),
        ("chief", {"24-BRIDGE", "24-MARKET", "24-ELSEWHERE"}),
    ],
)
def test_each_overseer_finds_their_scope_and_never_a_draft(client, people, reports, who, seen):
    client.force_login(people[who])
    assert cases(client) == seen


@pytest.mark.parametrize("who", ["officer", "named", "editor", "administrator"])
def test_no_archive_for_others(client, people, reports, who):
    client.force_login(people[who])
    assert client.get(ARCHIVE).status_code == 403


def test_anonymous_is_asked_to_sign_in(client, reports):
    response = client.get(ARCHIVE)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_words_period_and_what_happened_narrow_it(client, people, reports):
    client.force_login(people["supervisor"])
    assert cases(client, q="riverside") == {"24-BRIDGE"}
    assert cases(client, q="market row") == {"24-MARKET"}
    assert cases(client, since="2026-11-08") == {"24-MARKET"}
    assert cases(client, until="2026-11-08") == {"24-BRIDGE"}
    assert cases(client, force="on") == cases(client, injury="on") == {"24-MARKET"}
    assert cases(client, crisis="on", call_type="mental_health") == {"24-BRIDGE"}
    assert cases(client, status="closed") == {"24-BRIDGE"}


def test_a_supervisor_cannot_reach_another_unit_by_naming_it(client, people, reports):
    client.force_login(people["supervisor"])
    other = people["stranger"].unit
    response = client.get(ARCHIVE, {"unit": other.pk})
    assert "Select a valid choice" in response.content.decode()
    assert cases(client, unit=other.pk) == {"24-BRIDGE", "24-MARKET"}  # the filter is left out
    client.force_login(people["chief"])
    assert cases(client, unit=other.pk) == {"24-ELSEWHERE"}


def test_what_cannot_be_read_is_said_and_left_out(client, people, reports):
    client.force_login(people["supervisor"])
    response = client.get(ARCHIVE, {"since": "2026-02-30", "until": "2026-11-30", "q": "24-"})
    page = response.content.decode()
    assert response.status_code == 200 and "Enter a valid date" in page
    assert 'value="24-"' in page  # what was typed stays in the form
    assert cases(client, since="2026-11-20", until="2026-11-01") == {"24-BRIDGE", "24-MARKET"}
    assert (
        "the period is left out"
        in client.get(ARCHIVE, {"since": "2026-11-20", "until": "2026-11-01"}).content.decode()
    )
    assert cases(client, unit="99999999999999999999", status="nonsense") == {
        "24-BRIDGE",
        "24-MARKET",
    }


def test_an_amended_report_shows_its_latest_revision(client, people, reports):
    bridge = reports["bridge"]
    bridge.refresh_from_db()
    amendment = workflow.amend(bridge, people["officer"], "Wrong district.")
    Report.objects.filter(pk=amendment.pk).update(
        status=Report.Status.CLOSED, case_number="24-BRIDGE-R2"
    )
    Report.objects.filter(pk=bridge.pk).update(superseded=True)
    client.force_login(people["supervisor"])
    page = client.get(ARCHIVE, {"q": "bridge"}).content.decode()
    assert "24-BRIDGE-R2" in page and "rev. 2" in page
    assert page.count("24-BRIDGE") == 1


def test_the_unit_choices_are_the_supervisors_own(client, people, reports):
    UnitFactory(name="Harbour Squad")
    client.force_login(people["supervisor"])
    page = client.get(ARCHIVE).content.decode()
    assert str(people["officer"].unit) in page and "Harbour Squad" not in page
