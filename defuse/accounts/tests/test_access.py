"""The one authorization module: role_required() for views, oversees_unit() for objects, and the
Scope a request covers (units in reach, the chosen unit, the months)."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from defuse.accounts.access import OVERSEERS, Scope, oversees_unit, role_required
from defuse.accounts.models import User
from defuse.accounts.roles import Role
from defuse.accounts.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@role_required(*OVERSEERS, message="Only for people who oversee others.")
def overseers_view(request):
    return HttpResponse("ok")


def request_for(user, query=""):
    request = RequestFactory().get("/somewhere/" + query)
    request.user = user
    return request


def test_anonymous_visitors_are_sent_to_sign_in_and_back():
    response = overseers_view(request_for(AnonymousUser(), "?unit=3"))
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/somewhere/%3Funit%3D3"


@pytest.mark.parametrize("role", [Role.OFFICER, Role.EDITOR, Role.WRITER, Role.ADMINISTRATOR])
def test_signed_in_without_the_role_is_refused(user_with_role, role):
    with pytest.raises(PermissionDenied, match="Only for people who oversee others."):
        overseers_view(request_for(user_with_role(role)))


@pytest.mark.parametrize("role", OVERSEERS)
def test_any_of_the_roles_is_enough(user_with_role, role):
    assert overseers_view(request_for(user_with_role(role))).content == b"ok"


def test_who_oversees_which_unit(user_with_role, unit):
    other = UnitFactory()
    supervisor, chief = user_with_role(Role.SUPERVISOR), user_with_role(Role.CHIEF)
    unit.supervisors.add(supervisor)
    officer = user_with_role(Role.OFFICER, unit=unit)
    assert oversees_unit(supervisor, unit.pk) and not oversees_unit(supervisor, other.pk)
    assert not oversees_unit(supervisor, None)
    assert oversees_unit(chief, other.pk) and oversees_unit(chief, None)
    assert not oversees_unit(officer, unit.pk)
    assert not oversees_unit(AnonymousUser(), unit.pk)


@pytest.fixture
def squads(user_with_role):
    alpha, bravo, charlie = UnitFactory(name="Alpha"), UnitFactory(name="Bravo"), UnitFactory()
    supervisor = user_with_role(Role.SUPERVISOR)
    alpha.supervisors.add(supervisor)
    bravo.supervisors.add(supervisor)
    for squad in (alpha, bravo, charlie):
        user_with_role(Role.OFFICER, unit=squad)
    unassigned = user_with_role(Role.OFFICER)
    return {"alpha": alpha, "bravo": bravo, "charlie": charlie, "supervisor": supervisor,
            "unassigned": unassigned}  # fmt: skip


def test_a_supervisor_sees_their_units_and_may_narrow_to_one(squads):
    scope = Scope.from_request(request_for(squads["supervisor"]))
    assert set(scope.units) == {squads["alpha"], squads["bravo"]} and not scope.everyone
    people = scope.narrow(User.objects.exclude(unit=None))
    assert {u.unit for u in people} == {squads["alpha"], squads["bravo"]}

    one = Scope.from_request(request_for(squads["supervisor"], f"?unit={squads['bravo'].pk}"))
    assert one.unit == squads["bravo"]
    assert {u.unit for u in one.narrow(User.objects.all())} == {squads["bravo"]}


@pytest.mark.parametrize("raw", ["charlie", "999999", "abc", "-1", "1" * 12, "٣"])
def test_a_unit_out_of_reach_or_malformed_is_ignored(squads, raw):
    value = str(squads["charlie"].pk) if raw == "charlie" else raw
    scope = Scope.from_request(request_for(squads["supervisor"], f"?unit={value}"))
    assert scope.unit is None
    assert squads["charlie"] not in {u.unit for u in scope.narrow(User.objects.all())}


def test_a_chief_sees_everyone_including_people_without_a_unit(squads, user_with_role):
    chief = user_with_role(Role.CHIEF)
    scope = Scope.from_request(request_for(chief))
    assert scope.everyone
    assert squads["unassigned"] in scope.narrow(User.objects.all())
    narrowed = Scope.from_request(request_for(chief, f"?unit={squads['charlie'].pk}"))
    assert not narrowed.everyone
    assert squads["unassigned"] not in narrowed.narrow(User.objects.all())


def test_officers_in_reach_are_the_active_members_of_the_units(squads):
    leaver = User.objects.filter(unit=squads["alpha"]).first()
    leaver.is_active = False
    leaver.save()
    officers = Scope.from_request(request_for(squads["supervisor"])).officers()
    assert {u.unit for u in officers} == {squads["bravo"]}


@pytest.mark.parametrize(
    "query, start, last",
    [
        ("?from=2025-03&to=2025-09", date(2025, 3, 1), date(2025, 9, 1)),
        ("?from=2025-12&to=2025-12", date(2025, 12, 1), date(2025, 12, 1)),
        ("?to=2025-12", date(2025, 1, 1), date(2025, 12, 1)),
        ("?to=2025-03", date(2024, 4, 1), date(2025, 3, 1)),
        ("?from=2025-09&to=2025-03", date(2025, 3, 1), date(2025, 9, 1)),  # reversed: turned round
        ("?from=2025-13&to=1999-01", None, None),  # malformed and out of range: defaults
    ],
)
def test_the_months_covered(user_with_role, query, start, last):
    scope = Scope.from_request(request_for(user_with_role(Role.CHIEF), query))
    if last is None:
        last = timezone.localdate().replace(day=1)
        start = date(last.year - 1, last.month, 1)
        start = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    assert (scope.start, scope.last_month) == (start, last)
    assert scope.end > scope.last_month
    assert scope.query().startswith(f"from={start:%Y-%m}&to={last:%Y-%m}")
