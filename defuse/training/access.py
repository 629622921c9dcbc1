"""Training's own per-object rule. Role gates and the scope of records are
defuse.accounts.access's, like every app's."""

from defuse.accounts.access import oversees_unit


def can_debrief(user, attempt) -> bool:
    """Supervisors of the officer's unit, and chiefs, may add debrief notes; never the officer."""
    return attempt.user_id != user.pk and oversees_unit(user, attempt.user.unit_id)
