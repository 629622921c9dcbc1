"""Who may see and do what in training. Every view asks here, on the server, per object."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from defuse.accounts.models import User
from defuse.accounts.roles import Role


def is_supervisor(user) -> bool:
    return user.is_authenticated and user.oversees()


def supervisor_required(view):
    """Logged-in supervisors and chiefs; anyone else logged in gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_supervisor(request.user):
            raise PermissionDenied("Only supervisors and chiefs can see this.")
        return view(request, *args, **kwargs)

    return wrapped


def units_in_scope(user):
    return user.units_in_scope()


def officers_in_scope(user):
    return User.objects.filter(unit__in=user.units_in_scope(), is_active=True)


def can_debrief(user, attempt) -> bool:
    """Supervisors of the officer's unit, and chiefs, may add debrief notes."""
    if not user.is_authenticated or attempt.user_id == user.pk:
        return False
    if user.has_role(Role.CHIEF):
        return True
    return user.has_role(Role.SUPERVISOR) and user.supervises(attempt.user)
