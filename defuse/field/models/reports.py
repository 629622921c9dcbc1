from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from defuse.accounts.roles import Role
from defuse.core.vocabulary import REPORT_OUTCOMES, outcome_choices

from .codes import Code, code_field
from .review_chain import ReviewLevel


class ForceType(models.Model):
    """A type of force in the agency's own levels (editable by administrators)."""

    name = models.CharField(max_length=80, unique=True, help_text="e.g. Hands-on control.")
    level = models.PositiveSmallIntegerField(help_text="The agency's level: 1 is the lowest.")
    description = models.CharField(max_length=200, blank=True, help_text="One line.")
    is_firearm_discharge = models.BooleanField(
        default=False,
        help_text="A firearm fired at or toward a person: reports with it go to the review "
        "levels that ask for a firearm discharge.",
    )
    fbi_category = code_field(
        Code.Element.FORCE_CATEGORY,
        verbose_name="FBI type of force",
        help_text="What the FBI's use-of-force collection calls it (empty: not force it counts).",
    )

    class Meta:
        ordering = ["level", "name"]

    def __str__(self):
        return f"{self.name} (level {self.level})"


class CallType(models.TextChoices):
    DISTURBANCE = "disturbance", "Disturbance"
    MENTAL_HEALTH = "mental_health", "Mental health / behavioural crisis"
    WELFARE_CHECK = "welfare_check", "Welfare check"
    DOMESTIC = "domestic", "Domestic"
    TRAFFIC = "traffic", "Traffic stop"
    THEFT = "theft", "Theft or shoplifting"
    ASSAULT = "assault", "Assault"
    SUSPICIOUS = "suspicious", "Suspicious person"
    TRESPASS = "trespass", "Trespass or refusal to leave"
    OTHER = "other", "Other"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"


class Effect(models.TextChoices):
    HELPED = "helped", "Helped"
    NO_CHANGE = "no_change", "No visible change"
    MADE_WORSE = "made_worse", "Made things worse"
    UNKNOWN = "unknown", "Not sure"


# The six points a narrative must cover when force is used (Minneapolis policy, July 2020).
NARRATIVE_PROMPTS = [
    (
        "narrative_deescalation",
        "What de-escalation did you try before any force, and how did the person respond?",
    ),
    ("narrative_why_force", "Why was force used?"),
    ("narrative_force_level", "Why that type and level of force?"),
    ("narrative_injuries", "What injuries or complaints of injury were there?"),
    ("narrative_medical", "What medical aid was given, and were EMS called?"),
    ("narrative_transport", "Was anyone taken to hospital, and by whom?"),
]


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportQuerySet":
        """Officers: their own and those naming them; supervisors: their units'; chiefs: all.
        A draft (an amendment's included) is its author's alone until it is submitted.
        Editors, writers and administrators see none: reports are not content."""
        if not user.is_authenticated:
            return self.none()
        own = Q(author=user)
        submitted = ~Q(status=Report.Status.DRAFT)
        if user.has_role(Role.CHIEF):
            return self.filter(own | submitted)
        if not user.has_any_role(Role.OFFICER, Role.SUPERVISOR):
            return self.none()
        others = Q(officers__user=user)
        if user.has_role(Role.SUPERVISOR):
            others |= Q(unit__in=user.supervised_units.all())
            # A later level of the review chain: its group's members, and whoever signed off.
            others |= Q(status=Report.Status.SUBMITTED, review_level__group__in=user.groups.all())
            others |= Q(comments__author=user)
        return self.filter(own | (submitted & others)).distinct()

    def awaiting_review_by(self, user) -> "ReportQuerySet":
        """Submitted reports at a level of the chain this person signs off (chiefs: every
        level), never their own."""
        waiting = self.filter(status=Report.Status.SUBMITTED).exclude(author=user)
        if user.has_role(Role.CHIEF):
            return waiting
        if not user.has_role(Role.SUPERVISOR):
            return waiting.none()
        units = user.supervised_units.all()
        return waiting.filter(
            Q(review_level__isnull=True, unit__in=units)
            | Q(review_level__reviewers=ReviewLevel.Reviewers.UNIT_SUPERVISORS, unit__in=units)
            | Q(
                review_level__reviewers=ReviewLevel.Reviewers.GROUP,
                review_level__group__in=user.groups.all(),
            )
        )

    def with_injury(self) -> "ReportQuerySet":
        return self.filter(Q(subject_injured=True) | Q(officer_injured=True))

    def overdue_drafts(self) -> "ReportQuerySet":
        """With the officer (a draft or returned) past its due time."""
        return self.filter(
            status__in=[Report.Status.DRAFT, Report.Status.RETURNED], due_at__lt=timezone.now()
        )

    def overdue_reviews(self) -> "ReportQuerySet":
        return self.filter(status=Report.Status.SUBMITTED, review_due_at__lt=timezone.now())

    def countable(self) -> "ReportQuerySet":
        """What analytics count: closed, real (not training) and not replaced by an amendment."""
        return self.filter(status=Report.Status.CLOSED, is_training=False, superseded=False)


class Report(models.Model):
    """A de-escalation report an officer files after an encounter."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Awaiting review"
        RETURNED = "returned", "Returned for changes"
        CLOSED = "closed", "Approved and closed"

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,  # an imported record whose file does not name its officer
        blank=True,
        on_delete=models.PROTECT,
        related_name="field_reports",
    )
    unit = models.ForeignKey(
        "accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveSmallIntegerField(default=1)
    amends = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    amendment_reason = models.TextField(blank=True)
    superseded = models.BooleanField(default=False, help_text="Replaced by an amendment.")
    draft_data = models.JSONField(
        null=True, blank=True, help_text="What the officer typed, kept exactly until submitted."
    )
    # Set by a phone that started the report offline: sending it again finds this report.
    client_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # An imported record: "<profile id>:<incident key>", and a digest of its rows in the file, so
    # a second import of the same file changes nothing and a changed record becomes an amendment.
    import_key = models.CharField(max_length=120, blank=True, db_index=True)
    import_digest = models.CharField(max_length=64, blank=True)

    case_number = models.CharField(max_length=40, blank=True)
    occurred_at = models.DateTimeField(null=True, blank=True)
    district = models.CharField(max_length=60, blank=True)
    beat = models.CharField(max_length=30, blank=True)
    address = models.CharField(max_length=200, blank=True)
    call_type = models.CharField(max_length=30, choices=CallType.choices, blank=True)
    location_type = code_field(Code.Element.LOCATION_TYPE)
    contact_reason = code_field(
        Code.Element.CONTACT_REASON,
        help_text="The FBI's reason for initial contact (the call type is Defuse's own).",
    )
    reason_for_contact = models.TextField(blank=True)
    supervisor_on_scene = models.BooleanField(default=False)
    # Asked by the FBI's National Use-of-Force Data Collection of every incident it takes.
    officer_approached = models.CharField(
        max_length=10, choices=YesNoUnknown.choices, blank=True,
        verbose_name="Did an officer approach the person?",
    )  # fmt: skip
    ambush = models.CharField(
        max_length=10, choices=YesNoUnknown.choices, blank=True,
        verbose_name="Was it an ambush of the officers?",
    )  # fmt: skip
    supervisor_notified_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=outcome_choices(REPORT_OUTCOMES), blank=True)
    complaint = models.BooleanField(default=False)
    bwc_reference = models.CharField(max_length=80, blank=True)
    narrative_deescalation = models.TextField(blank=True)
    narrative_why_force = models.TextField(blank=True)
    narrative_force_level = models.TextField(blank=True)
    narrative_injuries = models.TextField(blank=True)
    narrative_medical = models.TextField(blank=True)
    narrative_transport = models.TextField(blank=True)
    no_technique_reason = models.TextField(blank=True)
    is_training = models.BooleanField(default=False, help_text="Practice entry: never counted.")
    # Kept in step on submit from the subjects, officers and force rows, so that analytics
    # over a million reports need no joins.
    force_used = models.BooleanField(default=False)
    subject_injured = models.BooleanField(default=False)
    officer_injured = models.BooleanField(default=False)
    technique_count = models.PositiveSmallIntegerField(default=0)
    crisis = models.BooleanField(default=False, help_text="Any crisis indicator was recorded.")
    firearm_discharged = models.BooleanField(default=False)
    # Where a submitted report is in the review chain (None: not submitted, or no chain).
    review_level = models.ForeignKey(
        "field.ReviewLevel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Deadlines (ReportDeadlines): the officer's while a draft or returned, the reviewer's
    # while submitted; a reminder goes out once for each.
    due_at = models.DateTimeField(null=True, blank=True, help_text="The report is due by then.")
    review_due_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    review_reminded_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "occurred_at"]),
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["status", "review_due_at"]),
        ]

    def __str__(self):
        return f"Report {self.case_number or self.pk} (rev. {self.revision})"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def deadline(self):
        """What is due next, and by when: the report while it is with the officer, the review
        while it waits for one; None once closed."""
        if self.editable:
            return self.due_at
        return self.review_due_at if self.status == self.Status.SUBMITTED else None

    @property
    def anyone_injured(self) -> bool:
        return self.subject_injured or self.officer_injured

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.now()


class TechniqueAttempt(models.Model):
    """A technique the officer tried, in order, and what it did."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="techniques")
    order = models.PositiveSmallIntegerField()
    technique = models.ForeignKey("core.Technique", on_delete=models.PROTECT)
    effect = models.CharField(max_length=20, choices=Effect.choices, default=Effect.UNKNOWN)
    officer = models.ForeignKey(
        "field.ReportOfficer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.ForeignKey(
        "field.Subject", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["report", "order"]

    def __str__(self):
        return f"{self.technique}: {self.get_effect_display()}"


class ForceApplication(models.Model):
    """A type of force one officer used on one subject."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="force")
    force_type = models.ForeignKey(ForceType, on_delete=models.PROTECT)
    officer = models.ForeignKey(
        "field.ReportOfficer", null=True, on_delete=models.CASCADE, related_name="force"
    )
    subject = models.ForeignKey(
        "field.Subject", null=True, on_delete=models.CASCADE, related_name="force"
    )

    class Meta:
        ordering = ["report", "pk"]

    def __str__(self):
        return str(self.force_type)


class ReviewComment(models.Model):
    class Action(models.TextChoices):
        RETURNED = "returned", "Returned for changes"
        APPROVED = "approved", "Approved"
        SIGNED_OFF = "signed_off", "Signed off"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=20, choices=Action.choices)
    level = models.CharField(max_length=80, blank=True, help_text="The review level it came from.")
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.author}"


class ReportEvent(models.Model):
    """The audit trail: who viewed or changed which report, and when."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        VIEWED = "viewed", "Viewed"
        SAVED = "saved", "Draft saved"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved and closed"
        SIGNED_OFF = "signed_off", "Signed off"
        AMENDED = "amended", "Amendment started"
        EXPORTED = "exported", "Exported"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.user} at {self.at:%Y-%m-%d %H:%M}"
