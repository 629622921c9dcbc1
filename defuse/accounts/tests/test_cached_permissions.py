"""Permissions and roles come from the cache, and never outlive a change."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defuse.accounts.models import User
from defuse.accounts.roles import Role

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # as the next request loads them


def test_a_second_request_reads_permissions_and_roles_without_queries(user_with_role):
    user = user_with_role(Role.EDITOR)
    assert fresh(user).has_perm("wagtailadmin.access_admin")
    assert fresh(user).has_role(Role.EDITOR)
    again = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        assert again.has_perm("wagtailadmin.access_admin")
        assert again.has_role(Role.EDITOR)
    assert len(queries) == 0


def test_losing_a_role_takes_effect_at_once(user_with_role):
    user = user_with_role(Role.EDITOR)
    assert fresh(user).has_perm("wagtailadmin.access_admin")
    user.groups.clear()
    assert not fresh(user).has_perm("wagtailadmin.access_admin")
    assert not fresh(user).has_role(Role.EDITOR)


def test_a_permission_taken_from_a_group_is_gone_at_once(user_with_role):
    user = user_with_role(Role.EDITOR)
    assert fresh(user).has_perm("hub.add_synonym")
    group = Group.objects.get(name=Role.EDITOR.group_name)
    group.permissions.remove(Permission.objects.get(codename="add_synonym"))
    assert not fresh(user).has_perm("hub.add_synonym")


def test_a_deactivated_user_has_no_permissions(user_with_role):
    user = user_with_role(Role.EDITOR)
    assert fresh(user).has_perm("wagtailadmin.access_admin")
    user.is_active = False
    user.save()
    assert not fresh(user).has_perm("wagtailadmin.access_admin")


def test_a_direct_permission_counts(user_with_role):
    user = user_with_role(Role.OFFICER)
    assert not fresh(user).has_perm("hub.add_synonym")
    user.user_permissions.add(Permission.objects.get(codename="add_synonym"))
    assert fresh(user).has_perm("hub.add_synonym")
