"""A report's life: draft → submitted → returned or approved (closed); amendments are new
revisions of a closed report, with a reason. Every step is written to the audit trail."""

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import (
    ForceApplication,
    Report,
    ReportDeadlines,
    ReportEvent,
    ReportOfficer,
    ReviewComment,
    Subject,
    TechniqueAttempt,
)
from .models.review_chain import first_level, next_level
from .signals import report_approved

CSRF_FIELD = "csrfmiddlewaretoken"


def log(report: Report, user, action: str, detail: str = "") -> None:
    ReportEvent.objects.create(report=report, user=user, action=action, detail=detail[:300])


@transaction.atomic  # a draft always has its CREATED event
def start_draft(user, techniques: Sequence[int] = (), client_key: str | None = None) -> Report:
    """A new draft; `techniques` (ids, from the checklist) are listed in it, each waiting for
    the officer to say what it did."""
    due = ReportDeadlines.load().report_due(timezone.now())
    typed = {f"techniques-{number}-technique": [str(t)] for number, t in enumerate(techniques)}
    if typed:
        typed["techniques-TOTAL_FORMS"] = [str(len(techniques) + 1)]
    report = Report.objects.create(
        author=user, unit=user.unit, due_at=due, draft_data=typed or None, client_key=client_key
    )
    log(report, user, ReportEvent.Action.CREATED)
    return report


def keep_typed(report: Report, data) -> None:
    """Store the form exactly as typed (every value of every field), valid or not; but for
    NUL characters, which nobody types and PostgreSQL's JSON cannot hold."""
    typed = {
        key.replace("\x00", ""): [value.replace("\x00", "") for value in data.getlist(key)]
        for key in data
        if key != CSRF_FIELD
    }
    changes = {"draft_data": typed, "updated_at": timezone.now()}
    encounter = _encounter_time(typed)
    if encounter and report.status == Report.Status.DRAFT and not report.amends_id:
        changes["due_at"] = ReportDeadlines.load().report_due(encounter)
    Report.objects.filter(pk=report.pk).update(**changes)
    for name, value in changes.items():
        setattr(report, name, value)


def _encounter_time(typed: dict):
    """The encounter's time as typed, when it reads as one and is not in the future: a first
    report is due so many hours after the encounter, not after the draft was started."""
    try:
        when = forms.DateTimeField().clean((typed.get("occurred_at") or [""])[0])
    except ValidationError:
        return None
    return when if when and when <= timezone.now() else None


@transaction.atomic  # the typed text and its SAVED event, together
def save_draft(report: Report, data, user) -> None:
    keep_typed(report, data)
    log(report, user, ReportEvent.Action.SAVED)


@dataclass(frozen=True)
class Submission:
    """A report as submitted, already checked (field.forms.ReportForm.submission()). Force and
    technique rows name their officer and subject by place in `officers` and `subjects`."""

    fields: dict[str, Any]  # the incident's own fields, by name
    subjects: list[dict] = dataclass_field(default_factory=list)  # Subject fields, by name
    officers: list[dict] = dataclass_field(default_factory=list)  # the author first
    force: list[tuple] = dataclass_field(default_factory=list)  # (ForceType, officer, subject)
    # (Technique, effect, officer, subject or None), in the order tried
    techniques: list[tuple] = dataclass_field(default_factory=list)


@transaction.atomic
def submit(report: Report, submission: Submission, user) -> Report:
    for name, value in submission.fields.items():
        setattr(report, name, value)
    report.status = Report.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.review_due_at = ReportDeadlines.load().review_due(report.submitted_at)
    report.review_reminded_at = None
    report.draft_data = None
    report.force_used = bool(submission.force)
    report.firearm_discharged = any(force.is_firearm_discharge for force, _, _ in submission.force)
    report.crisis = any(subject.get("crisis_indicators") for subject in submission.subjects)
    report.subject_injured = any(subject.get("injured") for subject in submission.subjects)
    report.officer_injured = any(officer.get("injured") for officer in submission.officers)
    report.technique_count = len(submission.techniques)
    report.review_level = first_level(report)  # a resubmission starts the chain again
    report.save()
    report.subjects.all().delete()  # and with them their force and technique rows
    report.officers.all().delete()
    subjects = _saved_rows(Subject, report, submission.subjects)
    author, *others = submission.officers or [{}]
    officers = _saved_rows(ReportOfficer, report, [{**author, "user": report.author}, *others])
    TechniqueAttempt.objects.filter(report=report).delete()
    TechniqueAttempt.objects.bulk_create(
        TechniqueAttempt(
            report=report,
            order=order,
            technique=technique,
            effect=effect,
            officer=officers[officer],
            subject=subjects[subject] if subject is not None else None,
        )
        for order, (technique, effect, officer, subject) in enumerate(submission.techniques, 1)
    )
    ForceApplication.objects.filter(report=report).delete()
    ForceApplication.objects.bulk_create(
        ForceApplication(
            report=report, force_type=force, officer=officers[officer], subject=subjects[subject]
        )
        for force, officer, subject in submission.force
    )
    log(report, user, ReportEvent.Action.SUBMITTED)
    notify_supervisors(report)
    return report


def _saved_rows(model, report: Report, rows: list[dict]) -> list:
    """Subjects or officers saved in order with their values, many-to-many ones (races,
    injuries…) included: one insert for the rows and one for each many-to-many field."""
    many = model._meta.many_to_many
    names = {field.name for field in many}
    saved = model.objects.bulk_create(
        model(report=report, order=order, **{k: v for k, v in values.items() if k not in names})
        for order, values in enumerate(rows, start=1)
    )
    for field in many:
        through = field.remote_field.through
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.bulk_create(
            through(**{own: row, other: chosen})
            for row, values in zip(saved, rows, strict=True)
            for chosen in values.get(field.name, [])
        )
    return saved


def reviewers_of(report: Report) -> list:
    """Who signs off at the report's level: the unit's supervisors, or the level's group."""
    level = report.review_level
    if level is not None and level.reviewers == level.Reviewers.GROUP and level.group:
        return list(level.group.user_set.filter(is_active=True))
    return list(report.unit.supervisors.all()) if report.unit else []


def notify_supervisors(report: Report) -> None:
    """Queues the mail in the submit's own transaction (django-post-office), so a committed
    report always has its notification; the worker delivers it, retrying while mail is down.
    Written to whoever signs off at the report's level of the review chain."""
    emails = [user.email for user in reviewers_of(report) if user.email]
    if not emails:
        return
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("field:report", args=[report.pk])
    context = {"report": report, "url": url}
    send_mail(
        render_to_string("field/email/submitted_subject.txt", context).strip(),
        render_to_string("field/email/submitted.txt", context),
        None,
        emails,
    )


@transaction.atomic
def review(report: Report, user, approve: bool, comment: str) -> None:
    """A sign-off at the report's level: on to the next level that applies, or closed when
    this was the last; or returned to the officer, from any level."""
    level = report.review_level
    following = next_level(report, level) if approve else None
    if following is not None:
        action = ReviewComment.Action.SIGNED_OFF
    else:
        action = ReviewComment.Action.APPROVED if approve else ReviewComment.Action.RETURNED
    level_name = str(level) if level else ""
    ReviewComment.objects.create(
        report=report, author=user, action=action, level=level_name, text=comment
    )
    report.reviewed_by = user
    if following is not None:
        report.review_level = following
        report.review_due_at = ReportDeadlines.load().review_due(timezone.now())
        report.review_reminded_at = None
        report.save(
            update_fields=[
                "review_level", "reviewed_by", "review_due_at", "review_reminded_at", "updated_at",
            ]
        )  # fmt: skip
        detail = f"{level_name}; on to {following}" + (f": {comment}" if comment else "")
        log(report, user, ReportEvent.Action.SIGNED_OFF, detail)
        notify_supervisors(report)
        return
    report.review_level = None
    if approve:
        report.status, report.closed_at = Report.Status.CLOSED, timezone.now()
        if report.amends_id:
            Report.objects.filter(pk=report.amends_id).update(superseded=True)
    else:
        report.status = Report.Status.RETURNED
        report.due_at = ReportDeadlines.load().report_due(timezone.now())
        report.reminded_at = None
    report.review_due_at = None
    report.save(
        update_fields=[
            "status", "closed_at", "reviewed_by", "updated_at", "due_at", "reminded_at",
            "review_due_at", "review_level",
        ]
    )  # fmt: skip
    if approve:
        report_approved.send(sender=Report, report=report)
    detail = f"{level_name}: {comment}" if level_name and comment else level_name or comment
    log(
        report,
        user,
        ReportEvent.Action.APPROVED if approve else ReportEvent.Action.RETURNED,
        detail,
    )


COPIED_FIELDS = [
    f.name
    for f in Report._meta.concrete_fields
    if f.name not in {"id", "status", "revision", "amends", "amendment_reason", "superseded",
                      "draft_data", "created_at", "updated_at", "submitted_at", "closed_at",
                      "reviewed_by", "due_at", "review_due_at", "reminded_at",
                      "review_reminded_at", "review_level"}
]  # fmt: skip


@transaction.atomic
def amend(report: Report, user, reason: str) -> Report:
    """A new revision of a closed report, in draft, copying everything; the closed one stays."""
    copy = Report(
        **{name: getattr(report, name) for name in COPIED_FIELDS},
        amends=report,
        revision=report.revision + 1,
        amendment_reason=reason,
        due_at=ReportDeadlines.load().report_due(timezone.now()),
    )
    copy.save()
    subjects: dict[int | None, Subject] = {
        subject.pk: _copied_row(subject, copy) for subject in report.subjects.all()
    }
    officers: dict[int | None, ReportOfficer] = {
        officer.pk: _copied_row(officer, copy) for officer in report.officers.all()
    }
    TechniqueAttempt.objects.bulk_create(
        TechniqueAttempt(
            report=copy,
            order=t.order,
            technique_id=t.technique_id,
            effect=t.effect,
            officer=officers.get(t.officer_id),
            subject=subjects.get(t.subject_id),
        )
        for t in report.techniques.all()
    )
    ForceApplication.objects.bulk_create(
        ForceApplication(
            report=copy,
            force_type_id=f.force_type_id,
            officer=officers.get(f.officer_id),
            subject=subjects.get(f.subject_id),
        )
        for f in report.force.all()
    )
    log(report, user, ReportEvent.Action.AMENDED, reason)
    log(
        copy, user, ReportEvent.Action.CREATED, f"Amendment of revision {report.revision}: {reason}"
    )
    return copy


def _copied_row(row, report: Report):
    """A subject or officer of `report`'s earlier revision, copied onto it."""
    many = {field.name: list(getattr(row, field.name).all()) for field in row._meta.many_to_many}
    row.pk = None
    row._state.adding = True
    row.report = report
    row.save()
    for name, values in many.items():
        getattr(row, name).set(values)
    return row
