import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from defuse.accounts.roles import Role


class AttemptQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AttemptQuerySet":
        """Officers see their own attempts, supervisors their units', chiefs all."""
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.CHIEF):
            return self
        scope = Q(user=user)
        if user.has_role(Role.SUPERVISOR):
            scope |= Q(user__unit__in=user.supervised_units.all())
        return self.filter(scope)

    def completed(self) -> "AttemptQuerySet":
        return self.filter(status=Attempt.Status.COMPLETED)

    def in_progress(self) -> "AttemptQuerySet":
        return self.filter(status=Attempt.Status.IN_PROGRESS)


class Attempt(models.Model):
    """One officer's play of one scenario version."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        ABANDONED = "abandoned", "Abandoned"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_attempts"
    )
    version = models.ForeignKey(
        "training.ScenarioVersion", on_delete=models.PROTECT, related_name="attempts"
    )
    scenario = models.ForeignKey(
        "training.Scenario", on_delete=models.PROTECT, related_name="attempts"
    )
    assignment = models.ForeignKey(
        "training.Assignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
    )
    registration = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="xAPI registration id."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    pass_mark = models.PositiveSmallIntegerField(help_text="Per cent of the best path to pass.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    current_passage = models.CharField(max_length=200)
    shown_at = models.DateTimeField(help_text="Server time the current passage was first shown.")
    step_count = models.PositiveIntegerField(default=0)
    points = models.JSONField(default=dict)
    total_points = models.PositiveIntegerField(default=0)
    scaled = models.FloatField(
        null=True,
        blank=True,
        help_text="0..1: points earned over the best points open at the decisions faced.",
    )
    score_core = models.FloatField(null=True, blank=True)
    score_collect = models.FloatField(null=True, blank=True)
    score_assess = models.FloatField(null=True, blank=True)
    score_powers = models.FloatField(null=True, blank=True)
    score_options = models.FloatField(null=True, blank=True)
    score_act = models.FloatField(null=True, blank=True)
    screened_out = models.BooleanField(default=False)
    ending_acceptable = models.BooleanField(
        null=True, blank=True, help_text="Whether the ending was an acceptable resolution."
    )
    passed = models.BooleanField(null=True, blank=True)
    outcome = models.CharField(max_length=40, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scenario"],
                condition=Q(status="in_progress"),
                name="one_open_attempt_per_scenario",
            )
        ]
        indexes = [
            models.Index(fields=["user", "scenario", "status"]),
            models.Index(fields=["scenario", "status"]),
            models.Index(fields=["status", "finished_at"]),
        ]

    def __str__(self):
        return f"{self.user} – {self.scenario} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def percent(self) -> int | None:
        return None if self.scaled is None else round(self.scaled * 100)


class AttemptStep(models.Model):
    """One decision (or a timer running out) in an attempt, timed on the server."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="steps")
    version = models.ForeignKey(
        "training.ScenarioVersion", on_delete=models.CASCADE, related_name="+"
    )
    index = models.PositiveIntegerField()
    passage = models.CharField(max_length=200)
    choice_index = models.SmallIntegerField(null=True, blank=True, help_text="Empty: no decision.")
    choice_label = models.CharField(max_length=300, blank=True)
    target = models.CharField(max_length=200)
    points = models.JSONField(default=dict)
    screen_out = models.BooleanField(default=False)
    timed_out = models.BooleanField(default=False)
    shown_at = models.DateTimeField()
    answered_at = models.DateTimeField()
    seconds = models.FloatField()

    class Meta:
        ordering = ["attempt", "index"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "index"], name="one_step_per_index")
        ]
        indexes = [models.Index(fields=["version", "passage", "choice_index"])]

    def __str__(self):
        return f"{self.passage}: {self.choice_label or 'no decision'}"


class DebriefNote(models.Model):
    """A supervisor's note on one decision, shown in the after-action review."""

    step = models.ForeignKey(AttemptStep, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]
