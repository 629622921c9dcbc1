"""The FBI use-of-force export: the demo year's file validates against the schema written from the
FBI's published data elements; only qualifying incidents go in; what is missing is said in
words, per incident, and such an incident stays out of the file; months without one are listed
for a zero report; only chiefs export, and each export is in the reports' audit trail."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator

from defuse.accounts.roles import Role
from defuse.field import nufdc
from defuse.field.models import Code, ForceApplication, ForceType, Report, ReportEvent
from defuse.platform.months import this_month

pytestmark = pytest.mark.django_db
ORI = "MN0271100"


@pytest.fixture
def ori(settings):
    settings.DEFUSE_AGENCY_ORI = ORI
    return ORI


def test_the_schema_is_a_schema_and_names_its_sources():
    Draft202012Validator.check_schema(nufdc.schema())
    assert "UoF-DOC-37001" in nufdc.schema()["$comment"]
    assert "docs/use-of-force-data-elements.md" in nufdc.schema()["$comment"]


def code(element, value):
    return Code.objects.get(element=element, code=value)


def qualifying_report(officer, **fields):
    """A serious injury from a conducted energy weapon, complete unless `fields` take away."""
    fields = {"case_number": "26-000123", "address": "400 block of Elm Court",
              "officer_approached": "yes", "ambush": "no", **fields}  # fmt: skip
    report = Report.objects.create(
        author=officer, unit=officer.unit, status=Report.Status.CLOSED,
        occurred_at=timezone.now() - timedelta(days=3),
        location_type=code("location_type", "20"), contact_reason=code("contact_reason", "WELFARE"),
        force_used=True, subject_injured=True, **fields,
    )  # fmt: skip
    person = report.subjects.create(age=31, sex=code("sex", "F"), ethnicity=code("ethnicity", "N"),
                                    weapon="none", injured=True, serious_injury=True)  # fmt: skip
    person.races.set([code("race", "B")])
    person.injuries.set([code("injury", "B")])
    crew = report.officers.create(
        user=officer, age=36, years_of_service=9, sex=code("sex", "M"),
        ethnicity=code("ethnicity", "N"),
    )  # fmt: skip
    crew.races.set([code("race", "W")])
    taser = ForceType.objects.get(name="Conducted energy weapon")
    ForceApplication.objects.create(report=report, force_type=taser, officer=crew, subject=person)
    return report


def test_a_complete_incident_reads_as_the_fbi_asks(officer, ori):
    report = qualifying_report(officer)
    (item,) = nufdc.check(nufdc.qualifying(Report.objects.all()))
    assert item.ready, item.missing
    record = item.record
    assert record["qualifying_events"] == ["serious_bodily_injury"]
    assert (record["location_type"], record["reason_for_initial_contact"]) == ("20", "WELFARE")
    assert (
        record["total_officers_applying_force"]
        == record["reporting_agency_officers_applying_force"]
        == 1
    )
    (person,) = record["subjects"]
    assert (person["sex"], person["race"], person["age"], person["force_types"]) == (
        "F",
        ["B"],
        31,
        ["ECD"],
    )
    assert person["injury_types"] == ["B"] and person["armed"] == "no"
    (crew,) = record["officers"]
    assert (crew["age"], crew["years_of_service"], crew["on_duty"]) == (36, 9, "yes")
    local = timezone.localtime(report.occurred_at)
    assert (
        record["incident_date"] == f"{local:%Y-%m-%d}"
        and record["incident_time"] == f"{local:%H:%M}"
    )


def test_what_is_missing_is_said_in_words_and_keeps_the_incident_out(officer, ori):
    report = qualifying_report(officer, ambush="", address="")
    report.subjects.get().races.clear()
    crew = report.officers.get()
    crew.age = None
    crew.save()
    (item,) = nufdc.check(nufdc.qualifying(Report.objects.all()))
    assert item.missing == [
        "Ambush is missing",
        "an address (or latitude and longitude) is missing",
        "Officer 1: Age is missing",
        "Person 1: Race: none recorded",
    ]
    first = this_month().replace(year=this_month().year - 1)
    assert nufdc.export([item], ori, first, this_month())["incidents"] == []


def test_a_force_type_without_an_fbi_category_is_named(officer, ori):
    report = qualifying_report(officer)
    pointed = ForceType.objects.get(name="Firearm pointed at a person")
    report.force.update(force_type=pointed)
    (item,) = nufdc.check(nufdc.qualifying(Report.objects.all()))
    assert "Person 1: Type of force used: none recorded" in item.missing


def test_only_qualifying_incidents_are_taken(officer, ori):
    qualifying_report(officer)
    ordinary = qualifying_report(officer, case_number="26-000124")
    ordinary.subjects.update(serious_injury=False)
    practice = qualifying_report(officer, case_number="26-000125", is_training=True)
    fired = qualifying_report(officer, case_number="26-000126", firearm_discharged=True)
    fired.subjects.update(serious_injury=False)
    taken = {i.report.case_number for i in nufdc.check(nufdc.qualifying(Report.objects.all()))}
    assert taken == {"26-000123", "26-000126"}
    assert practice.case_number not in taken


def test_the_page_lists_incidents_zero_months_and_the_file_logs_the_export(
    client, chief, officer, ori
):
    report = qualifying_report(officer)
    client.force_login(chief)
    page = client.get(reverse("field:nufdc")).content.decode()
    assert "1 qualifying incident, 1 complete" in page and ORI in page
    month = timezone.localtime(report.occurred_at)
    response = client.get(reverse("field:nufdc_file"))
    document = response.json()
    assert nufdc.problems_of_file(document) == []
    assert [r["agency_case_number"] for r in document["incidents"]] == ["26-000123"]
    assert f"{month:%Y-%m}" not in document["zero_report_months"]
    assert len(document["zero_report_months"]) == 11
    assert ReportEvent.objects.filter(report=report, action="exported", user=chief).exists()


def test_without_an_ori_nothing_is_complete(client, chief, officer, settings):
    settings.DEFUSE_AGENCY_ORI = ""
    qualifying_report(officer)
    client.force_login(chief)
    page = client.get(reverse("field:nufdc")).content.decode()
    assert "ORI is not set" in page and "0 complete" in page


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR, Role.EDITOR, Role.ADMINISTRATOR])
def test_only_chiefs_export(client, user_with_role, role):
    client.force_login(user_with_role(role))
    for name in ("field:nufdc", "field:nufdc_file"):
        assert client.get(reverse(name)).status_code == 403
    client.logout()
    assert "/accounts/login/" in client.get(reverse("field:nufdc")).url


def test_a_zero_report_month_is_the_agency_s_month_not_utc(officer, ori):
    report = qualifying_report(officer)
    report.occurred_at = timezone.make_aware(datetime(2025, 3, 31, 20, 0))  # 1 April in UTC
    report.save()
    checked = nufdc.check(nufdc.qualifying(Report.objects.all()))
    first, last = this_month().replace(year=2025, month=3), this_month().replace(year=2025, month=4)
    assert nufdc.export(checked, ori, first, last)["zero_report_months"] == ["2025-04"]


def test_an_imported_record_leaves_unasked_answers_missing(officer, ori):
    report = qualifying_report(officer, import_key="1:26-000123")
    (item,) = nufdc.check(nufdc.qualifying(Report.objects.filter(pk=report.pk)))
    person, crew = item.record["subjects"][0], item.record["officers"][0]
    assert "threat_perceived" not in person and "impairment" not in person
    assert "on_duty" not in crew and "supervisor_present_or_consulted" not in item.record
    assert "Supervisor present or consulted is missing" in item.missing
