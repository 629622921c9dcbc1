"""Demo units and one demo user per role. Synthetic people only."""

from defuse.accounts.models import Unit, User
from defuse.accounts.roles import Role, group_for

DEMO_UNITS = [
    ("A Squad", Unit.Kind.SQUAD),
    ("B Squad", Unit.Kind.SQUAD),
    ("North District", Unit.Kind.DISTRICT),
    ("Academy Class 2026-3", Unit.Kind.ACADEMY_CLASS),
]

# username, first name, last name, role, unit, units supervised
DEMO_USERS = [
    ("officer", "Olivia", "Marsh", Role.OFFICER, "A Squad", []),
    ("supervisor", "Sam", "Ortega", Role.SUPERVISOR, "North District", ["A Squad", "B Squad"]),
    ("chief", "Charlotte", "Nwosu", Role.CHIEF, None, []),
    ("writer", "Wren", "Adebayo", Role.WRITER, None, []),
    ("editor", "Evan", "Brooks", Role.EDITOR, None, []),
    ("admin", "Ada", "Kowalski", Role.ADMINISTRATOR, None, []),
]


def demo_password(username: str) -> str:
    return f"defuse-{username}-demo"


def ensure_demo_people() -> list[tuple[str, str, Role]]:
    """Creates missing units and users; returns (username, password, role) for each demo login."""
    units = {}
    for name, kind in DEMO_UNITS:
        units[name], _ = Unit.objects.get_or_create(name=name, defaults={"kind": kind})
    logins = []
    for username, first, last, role, unit_name, supervised in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@defuse.invalid",
                "unit": units.get(unit_name) if unit_name else None,
                "is_superuser": role is Role.ADMINISTRATOR,
                "is_staff": role is Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(demo_password(username))
            user.save(update_fields=["password"])
        user.groups.add(group_for(role))
        for name in supervised:
            units[name].supervisors.add(user)
        logins.append((username, demo_password(username), role))
    return logins
