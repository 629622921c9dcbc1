import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from defuse.accounts.models import User
from defuse.accounts.roles import Role, ensure_role_groups
from defuse.accounts.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.group_name for role in Role} <= names


def test_role_groups_are_idempotent():
    before = (Group.objects.count(), GroupPagePermission.objects.count())
    ensure_role_groups()
    ensure_role_groups()
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before


def test_editors_may_publish_the_page_tree_but_officers_may_not(editor, officer):
    root = Page.get_first_root_node()
    codenames = set(
        GroupPagePermission.objects.filter(
            group__name=Role.EDITOR.group_name, page=root
        ).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not officer.has_perm("wagtailadmin.access_admin")


def test_administrators_manage_users_and_units(user_with_role):
    admin = user_with_role(Role.ADMINISTRATOR)
    assert admin.has_perm("accounts.change_user")
    assert admin.has_perm("accounts.change_unit")


def test_has_role(officer, chief):
    assert officer.has_role(Role.OFFICER)
    assert not officer.has_role(Role.CHIEF)
    assert chief.has_role(Role.CHIEF)
    assert list(User.objects.with_role(Role.CHIEF)) == [chief]


def test_supervisor_supervises_members_of_their_units_only(supervisor, officer, user_with_role):
    elsewhere = user_with_role(Role.OFFICER, unit=UnitFactory(name="Elsewhere"))
    no_unit = user_with_role(Role.OFFICER)
    assert supervisor.supervises(officer)
    assert not supervisor.supervises(elsewhere)
    assert not supervisor.supervises(no_unit)
    assert list(User.objects.in_units(supervisor.supervised_units.all())) == [officer]


def test_a_supervisor_can_supervise_several_units(supervisor, unit):
    second = UnitFactory(name="Night Squad")
    second.supervisors.add(supervisor)
    assert set(supervisor.supervised_units.all()) == {unit, second}
