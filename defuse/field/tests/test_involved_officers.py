"""Other officers involved are chosen from the whole agency (the author's unit first), or
named with their agency when they have no account here; an officer of another unit named in a
report then sees it."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UnitFactory
from defuse.core.vocabulary import Technique
from defuse.field.forms import ReportForm
from defuse.field.models import Report

from .conftest import valid_report_data

pytestmark = pytest.mark.django_db


def test_every_officer_and_supervisor_of_the_agency_is_a_choice_but_the_author(people):
    form = ReportForm(QueryDict(), author=people["officer"])
    field = form.officers.forms[1].fields["user"]
    choices = list(field.queryset)
    assert people["officer"] not in choices
    for who in ("named", "colleague", "stranger", "supervisor", "other_supervisor"):
        assert people[who] in choices, who
    for who in ("chief", "editor", "administrator"):
        assert people[who] not in choices, who
    own_unit = [officer.unit_id == people["officer"].unit_id for officer in choices]
    assert own_unit == sorted(own_unit, reverse=True)  # the author's unit first
    labels = dict(field.choices)
    assert labels[people["stranger"].pk] == (
        f"{people['stranger'].get_full_name()} ({people['stranger'].unit})"
    )


def test_an_officer_of_another_unit_is_named_and_then_sees_the_report(client, people, checklist):
    officer, stranger = people["officer"], people["stranger"]
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    data = valid_report_data(
        **{"officers-1-user": str(stranger.pk), "officers-1-years_of_service": "4"},
        **{"techniques-0-technique": str(Technique.objects.get(code="distance").pk)},
        submit="1",
    )
    response = client.post(reverse("field:edit", args=[report.pk]), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    officers = Report.objects.get(pk=report.pk).officers.order_by("order")
    assert [(o.user, o.years_of_service) for o in officers] == [(officer, None), (stranger, 4)]
    client.force_login(stranger)
    assert client.get(reverse("field:report", args=[report.pk])).status_code == 200


def test_an_officer_of_another_agency_is_named_with_the_agency(client, people, checklist):
    officer = people["officer"]
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    data = valid_report_data(
        **{"officers-1-name": "Dana Whitlock", "officers-1-agency": "County Sheriff"},
        **{"officers-2-name": "Lee Park", "officers-2-user": str(people["named"].pk)},
        **{"techniques-0-technique": str(Technique.objects.get(code="distance").pk)},
        submit="1",
    )
    page = client.post(reverse("field:edit", args=[report.pk]), data).content.decode()
    assert "Choose a name from the list or type one, not both." in page
    data.pop("officers-2-name")
    response = client.post(reverse("field:edit", args=[report.pk]), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    named = [(o.user, o.name, o.agency) for o in report.officers.order_by("order")]
    assert named == [
        (officer, "", ""),
        (None, "Dana Whitlock", "County Sheriff"),
        (people["named"], "", ""),
    ]
    page = client.get(reverse("field:report", args=[report.pk])).content.decode()
    assert "Officer 2: Dana Whitlock (County Sheriff)" in page


def test_an_officer_named_twice_is_refused(client, people, checklist):
    officer = people["officer"]
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    twice = {"officers-1-user": str(people["named"].pk), "officers-2-user": str(people["named"].pk)}
    data = valid_report_data(no_technique_reason="No time.", submit="1", **twice)
    page = client.post(reverse("field:edit", args=[report.pk]), data).content.decode()
    assert "This officer is already on the report." in page


def test_the_form_lists_the_agency_in_a_constant_number_of_queries(client, people, user_with_role):
    client.force_login(people["officer"])
    client.post(reverse("field:new"))
    edit = reverse("field:edit", args=[Report.objects.get().pk])
    client.get(edit)  # warm the session and the site's caches

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(edit).status_code == 200
        return len(captured)

    before = queries()
    for _ in range(10):
        user_with_role(Role.OFFICER, unit=UnitFactory())  # each in a unit of their own
    client.get(edit)  # new roles were given: the cached permissions are read again once
    assert queries() == before
    page = client.get(edit).content.decode()
    assert page.count("<option") - page.count('<option value=""') >= 15
