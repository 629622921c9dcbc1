"""Field's per-object rules, checked on the server for every report. The role gate and the
oversight rule are defuse.accounts.access's, like every app's."""

from defuse.accounts.access import oversees_unit, role_required
from defuse.accounts.roles import Role

FILERS = (Role.OFFICER, Role.SUPERVISOR)

field_user_required = role_required(
    *FILERS, Role.CHIEF, message="Field reports are for officers, supervisors and chiefs."
)


def can_file(user) -> bool:
    return user.is_authenticated and user.has_any_role(*FILERS)


def can_review(user, report) -> bool:
    """The supervisors of the report's unit, and chiefs; never the report's author."""
    return report.author_id != user.pk and oversees_unit(user, report.unit_id)


def is_reviewer(user) -> bool:
    return user.is_authenticated and user.oversees()
