"""Who may see what, in one place: the roles a view needs, and the records a request covers.

Every view that needs a role is wrapped in `role_required(...)` (views any signed-in person may
use, such as playing a scenario, take `login_required` and check the object), and every listing
of other people's records is narrowed by a `Scope`: a chief sees the agency's, a supervisor their
units', everyone else only their own (which each app checks per object).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from defuse.platform.months import month_after, month_before, parse_month, this_month
from defuse.platform.params import small_number

from .models import Unit, User
from .roles import Role

OVERSEERS = (Role.SUPERVISOR, Role.CHIEF)


def role_required(*roles: Role, message: str = "Your role does not give access to this page."):
    """View decorator: anonymous visitors go to the login page; signed-in people without one of
    `roles` get 403."""
    if not roles:
        raise TypeError("role_required() needs at least one role")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.has_any_role(*roles):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def oversees_unit(user, unit_id: int | None) -> bool:
    """Chiefs oversee every unit; supervisors the units they supervise."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.CHIEF):
        return True
    return (
        unit_id is not None
        and user.has_role(Role.SUPERVISOR)
        and user.supervised_units.filter(pk=unit_id).exists()
    )


def _month(day: date) -> str:
    return f"{day:%B %Y}"


@dataclass(frozen=True)
class Scope:
    """The records a request covers: the units in the viewer's reach (narrowed to one with
    ?unit=) and the months from ?from= to ?to= (YYYY-MM, both included). Unknown or malformed
    values fall back to the defaults (all the viewer's units, the twelve months to this one), a
    period that runs backwards is turned round, one past this month ends at this month; each
    such change is said in `problems`, for the page to show."""

    user: User
    units: QuerySet  # the Unit queryset the viewer may see
    unit: Unit | None  # the one unit chosen, if any
    start: date  # first day of the first month
    end: date  # first day of the month after the last
    problems: tuple[str, ...] = ()

    @classmethod
    def from_request(cls, request) -> Scope:
        units = request.user.units_in_scope()
        chosen = small_number(request.GET.get("unit"))
        unit = units.filter(pk=chosen).first() if chosen else None
        now = this_month()
        problems = []
        given = {name: (request.GET.get(name) or "").strip()[:20] for name in ("from", "to")}
        months = {name: parse_month(raw) for name, raw in given.items()}
        for name, raw in given.items():
            if raw and months[name] is None:
                problems.append(
                    f"“{raw}” is not a month between 2000 and 2100 (year-month, e.g. "
                    f"{now:%Y-%m}): the default period is shown instead."
                )
        last, first = months["to"] or now, months["from"]
        if last > now:
            problems.append(f"The period cannot end after this month: it ends in {_month(now)}.")
            last = now
        if first is not None and first > now:
            problems.append(
                f"The period cannot start after this month ({_month(first)}): the twelve "
                f"months to {_month(last)} are shown."
            )
            first = None
        if first is not None and first > last:
            problems.append(
                f"The period ran backwards ({_month(first)} to {_month(last)}): it is shown "
                f"from {_month(last)} to {_month(first)}."
            )
            first, last = last, first
        if first is None:
            first = month_after(date(last.year - 1, last.month, 1))
        return cls(request.user, units, unit, first, month_after(last), tuple(problems))

    @property
    def everyone(self) -> bool:
        """A chief with no unit chosen: records of people without a unit count too."""
        return self.unit is None and self.user.has_role(Role.CHIEF)

    @property
    def last_month(self) -> date:
        return month_before(self.end)

    def narrow(self, queryset: QuerySet, unit_field: str = "unit", without_unit=True) -> QuerySet:
        """`queryset` limited to the chosen unit, else to the viewer's reach. `without_unit`:
        whether a chief's whole-agency view keeps the records that have no unit."""
        if self.unit:
            return queryset.filter(**{unit_field: self.unit})
        if self.everyone and without_unit:
            return queryset
        return queryset.filter(**{f"{unit_field}__in": self.units})

    def officers(self) -> QuerySet:
        """Active people serving in the units in the viewer's reach."""
        return User.objects.in_units(self.units).filter(is_active=True)

    def query(self) -> str:
        """The scope as a query string, for links that keep it."""
        parts = [f"from={self.start:%Y-%m}", f"to={self.last_month:%Y-%m}"]
        return "&".join(parts + ([f"unit={self.unit.pk}"] if self.unit else []))
