from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from .roles import Role


class Unit(models.Model):
    """A group of officers: a squad, a district, or an academy class."""

    class Kind(models.TextChoices):
        SQUAD = "squad", "Squad"
        DISTRICT = "district", "District"
        ACADEMY_CLASS = "academy_class", "Academy class"
        OTHER = "other", "Other"

    name = models.CharField(max_length=120, unique=True, help_text="How the agency names the unit.")
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.SQUAD, help_text="What sort of unit."
    )
    supervisors = models.ManyToManyField(
        "accounts.User",
        blank=True,
        related_name="supervised_units",
        help_text="Supervisors and trainers who review this unit's reports and training.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    def with_role(self, role: Role) -> "UserQuerySet":
        return self.filter(groups__name=role.group_name)

    def in_units(self, units) -> "UserQuerySet":
        return self.filter(unit__in=units)


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """An account on Defuse. Roles are groups (see roles.py); a unit is where the officer serves."""

    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="The unit this person belongs to.",
    )
    badge_number = models.CharField(
        max_length=30, blank=True, help_text="Agency badge or employee number, if any."
    )
    enabled_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the account was last enabled again: inactivity counts from here too.",
    )

    objects: ClassVar[UserManager] = UserManager()
    # Not fields: what save() and the audit trail learn of a change of is_active (below).
    loaded_active: bool | None = None
    active_changed = False
    change_reason: str | None = None

    def __str__(self):
        return self.get_full_name() or self.username

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user.loaded_active = user.__dict__.get("is_active")  # never a query for a deferred field
        return user

    def save(self, *args, **kwargs):
        """Enabling an account again starts its inactivity period afresh (inactive.py); the
        audit trail learns of each change (audit.on_user_saved)."""
        loaded = getattr(self, "loaded_active", None)
        self.active_changed = loaded is not None and loaded != self.is_active
        if self.active_changed and self.is_active:
            self.enabled_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "enabled_at"}
        super().save(*args, **kwargs)
        self.loaded_active = self.is_active

    def disable(self, reason: str) -> None:
        """Takes the account's access away, never its records; the audit trail says why."""
        if self.is_active:
            self.is_active = False
            self.change_reason = reason
            self.save(update_fields=["is_active"])

    @cached_property
    def group_names(self) -> frozenset[str]:
        """Read once per user object (so once per request; access checks ask several times),
        from the cache while no one's groups change (backends.permissions_version)."""
        from .backends import cached_for_user

        return cached_for_user(
            self, "groups", lambda: frozenset(self.groups.values_list("name", flat=True))
        )

    def has_role(self, role: Role) -> bool:
        if self.is_superuser and role is Role.ADMINISTRATOR:
            return True
        return role.group_name in self.group_names

    def has_any_role(self, *roles: Role) -> bool:
        return any(self.has_role(role) for role in roles)

    def oversees(self) -> bool:
        """Supervisors and chiefs: they see others' records (their units', or everyone's)."""
        return self.has_role(Role.SUPERVISOR) or self.has_role(Role.CHIEF)

    def units_in_scope(self):
        """The units whose records this person may see: all for a chief, their own for a
        supervisor, none for anyone else."""
        if self.has_role(Role.CHIEF):
            return Unit.objects.all()
        if self.has_role(Role.SUPERVISOR):
            return self.supervised_units.all()
        return Unit.objects.none()

    def supervises(self, other: "User") -> bool:
        return other.unit_id is not None and self.supervised_units.filter(pk=other.unit_id).exists()


class AuditRecord(models.Model):
    """One entry of the tamper-evident audit trail: each entry's digest covers its own fields
    and the previous entry's digest, keyed with a secret the database does not hold
    (accounts/audit.py; `manage.py verify_audit` checks the chain)."""

    sequence = models.PositiveBigIntegerField(unique=True, help_text="1, 2, 3, … with no gaps.")
    at = models.DateTimeField()
    actor_pk = models.IntegerField(null=True, blank=True, help_text="Who did it (user id).")
    actor = models.CharField(max_length=150, blank=True, help_text="Their username then.")
    action = models.CharField(max_length=60, help_text="For example 'sign-in' or 'report.viewed'.")
    subject = models.CharField(max_length=200, blank=True, help_text="What it was done to.")
    detail = models.JSONField(default=dict, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    previous_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self):
        return f"#{self.sequence} {self.action} by {self.actor or 'nobody'}"
