"""Retention schedules, legal holds and complaint findings: what decides when a record may go
(retention.py applies them; the worker purges what is due)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class RecordClass(models.TextChoices):
    """The kinds of record a retention period is set for. An encounter report falls in every
    class it matches (every report is a REPORT; one with force is also REPORT_FORCE…) and is
    kept for the longest of their periods."""

    REPORT = "report", "Encounter report"
    REPORT_ARREST = "report_arrest", "Report ending in an arrest or citation"
    REPORT_FORCE = "report_force", "Report with force used"
    REPORT_FIREARM = "report_firearm", "Report with a firearm discharge"
    REPORT_COMPLAINT = "report_complaint", "Report with a complaint, finding not sustained"
    REPORT_SUSTAINED = "report_sustained", "Report with a complaint sustained or not yet decided"
    PRACTICE = "practice", "Practice (training) entry"
    DRAFT = "draft", "Draft never submitted"
    TRAINING = "training", "Training record (scenario attempt)"
    AUDIT = "audit", "Audit record"


class RetentionRule(models.Model):
    """How long one class of record is kept, counted from when it was closed (reports), last
    changed (drafts), finished (training) or written (audit)."""

    record_class = models.CharField(max_length=30, choices=RecordClass.choices, unique=True)
    years = models.PositiveSmallIntegerField(default=0)
    months = models.PositiveSmallIntegerField(default=0)
    forever = models.BooleanField(default=False, help_text="Never purged.")
    authority = models.CharField(
        max_length=300, help_text="The law, schedule or policy that sets the period."
    )

    class Meta:
        ordering = ["record_class"]

    def __str__(self):
        return f"{self.get_record_class_display()}: {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.forever:
            return "kept"
        parts = [f"{self.years} years"] * bool(self.years) + [f"{self.months} months"] * bool(
            self.months
        )
        return " ".join(parts) or "0 months"

    def clean(self):
        if not self.forever and not self.years and not self.months:
            raise ValidationError("Give a period, or choose to keep these records.")


class LegalHold(models.Model):
    """A records request or litigation: while it is in force, nothing it names is purged or
    amended away: one report (every version of it), every report with a case number, or every
    report an officer wrote or took part in (and their training records)."""

    reason = models.CharField(max_length=200, help_text="For example 'Smith v. City, 26-cv-114'.")
    report = models.ForeignKey(
        "field.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case_number = models.CharField(max_length=40, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Every report they wrote or took part in, and their training records.",
    )
    placed_at = models.DateTimeField(default=timezone.now)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True, help_text="Empty: in force.")

    class Meta:
        ordering = ["-placed_at"]

    def __str__(self):
        return self.reason

    def clean(self):
        if not (self.report_id or self.case_number or self.officer_id):
            raise ValidationError("Name the report, the case number or the officer to hold.")


class ComplaintFinding(models.Model):
    """The finding on a complaint, recorded by those who investigated it; a report's retention
    depends on it (California Penal Code 832.5: fifteen years when sustained)."""

    class Finding(models.TextChoices):
        SUSTAINED = "sustained", "Sustained"
        NOT_SUSTAINED = "not_sustained", "Not sustained"
        EXONERATED = "exonerated", "Exonerated"
        UNFOUNDED = "unfounded", "Unfounded"

    case_number = models.CharField(max_length=40, unique=True)
    finding = models.CharField(max_length=20, choices=Finding.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.case_number}: {self.get_finding_display()}"
