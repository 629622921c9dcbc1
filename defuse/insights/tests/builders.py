"""Builders for the Insights tests: a report of a known shape, a moment in the site's time zone,
the Scope a viewer's request covers. Nothing here touches the database until a test calls it."""

from datetime import datetime, timedelta

from django.test import RequestFactory
from django.utils import timezone

from defuse.accounts.access import Scope
from defuse.core.vocabulary import Technique
from defuse.field.models import (
    ForceApplication,
    ForceType,
    Report,
    ReportOfficer,
    Subject,
    TechniqueAttempt,
)


def local(year, month, day, hour=12, minute=0) -> datetime:
    """An aware moment on the site's clock (America/Chicago), where months begin and end."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


SUBJECT_FIELDS = {"weapon", "medical_aid", "transported"}


def report(author, days_ago=3, force=False, techniques=(), crisis=False, review_hours=10, **fields):
    """A report, approved unless `status` says otherwise. It happened at `occurred_at` (default
    `days_ago` days before now), was submitted two hours later and approved `review_hours` after
    that; the unit is the author's unless `unit` is given. It has one person (`weapon`,
    `medical_aid`, `transported` are theirs) and one officer, the author."""
    person = {name: fields.pop(name) for name in SUBJECT_FIELDS & fields.keys()}
    occurred = fields.pop("occurred_at", timezone.now() - timedelta(days=days_ago))
    fields.setdefault("status", Report.Status.CLOSED)
    fields.setdefault("unit", author.unit)
    fields.setdefault("submitted_at", (occurred or timezone.now()) + timedelta(hours=2))
    if "closed_at" not in fields and fields["status"] == Report.Status.CLOSED:
        fields["closed_at"] = (fields["submitted_at"] or occurred) + timedelta(hours=review_hours)
    made = Report.objects.create(
        author=author, occurred_at=occurred,
        call_type=fields.pop("call_type", "disturbance"), outcome=fields.pop("outcome", "advice"),
        force_used=force, crisis=crisis,
        technique_count=len(techniques), case_number=fields.pop("case_number", "T"),
        district=fields.pop("district", "North"), **fields,
    )  # fmt: skip
    subject = Subject.objects.create(
        report=made,
        crisis_indicators=["distress"] if crisis else [],
        injured=made.subject_injured,
        **person,
    )
    officer = ReportOfficer.objects.create(report=made, user=author, injured=made.officer_injured)
    for order, code in enumerate(techniques, start=1):
        TechniqueAttempt.objects.create(
            report=made,
            order=order,
            technique=Technique.objects.get(code=code),
            officer=officer,
            subject=subject,
        )
    if force:
        ForceApplication.objects.create(
            report=made, force_type=ForceType.objects.first(), officer=officer, subject=subject
        )
    return made


def scope_for(user, query: str = "") -> Scope:
    """The Scope of `user` asking for /insights/`query` (e.g. "?from=2025-01&to=2025-03")."""
    request = RequestFactory().get("/insights/" + query)
    request.user = user
    return Scope.from_request(request)
