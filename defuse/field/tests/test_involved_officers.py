"""Other officers involved are chosen from the whole agency (the author's unit first), and an
officer of another unit named in a report then sees it."""

import pytest
from django.db import connection
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
    form = ReportForm(author=people["officer"])
    choices = list(form.fields["involved_officers"].queryset)
    assert people["officer"] not in choices
    for who in ("named", "colleague", "stranger", "supervisor", "other_supervisor"):
        assert people[who] in choices, who
    for who in ("chief", "editor", "administrator"):
        assert people[who] not in choices, who
    own_unit = [officer.unit_id == people["officer"].unit_id for officer in choices]
    assert own_unit == sorted(own_unit, reverse=True)  # the author's unit first
    labels = dict(form.fields["involved_officers"].choices)
    assert labels[people["stranger"].pk] == (
        f"{people['stranger'].get_full_name()} ({people['stranger'].unit})"
    )


def test_an_officer_of_another_unit_is_named_and_then_sees_the_report(client, people, checklist):
    officer, stranger = people["officer"], people["stranger"]
    client.force_login(officer)
    client.post(reverse("field:new"))
    report = Report.objects.get(author=officer)
    data = valid_report_data(
        involved_officers=[str(stranger.pk)],
        **{"techniques-0-technique": str(Technique.objects.get(code="distance").pk)},
        submit="1",
    )
    response = client.post(reverse("field:edit", args=[report.pk]), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    assert list(Report.objects.get(pk=report.pk).involved_officers.all()) == [stranger]
    client.force_login(stranger)
    assert client.get(reverse("field:report", args=[report.pk])).status_code == 200


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
    assert queries() == before
    assert client.get(edit).content.decode().count('name="involved_officers"') >= 15
