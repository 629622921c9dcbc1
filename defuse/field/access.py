"""Who may do what with field reports, checked on the server for every object."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from defuse.accounts.roles import Role


def can_file(user) -> bool:
    return user.is_authenticated and (user.has_role(Role.OFFICER) or user.has_role(Role.SUPERVISOR))


def can_review(user, report) -> bool:
    if not user.is_authenticated or report.author_id == user.pk:
        return False
    if user.has_role(Role.CHIEF):
        return True
    return (
        user.has_role(Role.SUPERVISOR) and user.supervised_units.filter(pk=report.unit_id).exists()
    )


def is_reviewer(user) -> bool:
    return user.is_authenticated and user.oversees()


def field_user_required(view):
    """Officers, supervisors and chiefs; editors and others signed in get 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (can_file(request.user) or request.user.has_role(Role.CHIEF)):
            raise PermissionDenied("Field reports are for officers, supervisors and chiefs.")
        return view(request, *args, **kwargs)

    return wrapped
