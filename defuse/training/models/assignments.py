from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from defuse.accounts.models import User
from defuse.accounts.roles import Role


class AssignmentQuerySet(models.QuerySet):
    def for_officer(self, user) -> "AssignmentQuerySet":
        scope = Q(officers=user)
        if user.unit_id:
            scope |= Q(units=user.unit_id)
        return self.filter(scope).distinct()

    def managed_by(self, user) -> "AssignmentQuerySet":
        """Assignments a supervisor may see: made by them or aimed at their units or officers."""
        if user.has_role(Role.CHIEF):
            return self
        units = user.supervised_units.all()
        scope = Q(assigned_by=user) | Q(units__in=units) | Q(officers__unit__in=units)
        return self.filter(scope).distinct()


class Assignment(models.Model):
    """A scenario a supervisor asks units or officers to complete by a date."""

    scenario = models.ForeignKey(
        "training.Scenario", on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    units = models.ManyToManyField("accounts.Unit", blank=True, related_name="assignments")
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="training_assignments"
    )
    due_date = models.DateField()
    pass_mark = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"{self.scenario} by {self.due_date:%Y-%m-%d}"

    def recipients(self):
        scope = Q(training_assignments=self) | Q(unit__in=self.units.all())
        return User.objects.filter(scope, is_active=True).distinct()


class AssignmentReminder(models.Model):
    """Remembers that a reminder went out, so the daily task never sends it twice."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "user"], name="one_reminder_each")
        ]

    def __str__(self):
        return f"Reminder to {self.user} for {self.assignment}"
