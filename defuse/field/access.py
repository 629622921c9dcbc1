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
    """Who signs off at the report's level of the review chain: the unit's supervisors (the
    first level), a group's members with the supervisor role (later levels), chiefs at every
    level; never the report's author."""
    if report.author_id == user.pk or not user.is_authenticated:
        return False
    level = report.review_level
    if level is None or level.reviewers == level.Reviewers.UNIT_SUPERVISORS:
        return oversees_unit(user, report.unit_id)
    if user.has_role(Role.CHIEF):
        return True
    return (
        user.has_role(Role.SUPERVISOR)
        and level.group is not None
        and (level.group.name in user.group_names)
    )


def is_reviewer(user) -> bool:
    return user.is_authenticated and user.oversees()
