"""Builders for the Insights tests: a report of a known shape, a moment in the site's time zone,
the Scope a viewer's request covers. Nothing here touches the database until a test calls it."""

from datetime import datetime, timedelta

from django.test import RequestFactory
from django.utils import timezone

from defuse.accounts.access import Scope
from defuse.core.vocabulary import Technique
from defuse.field.models import ForceApplication, ForceType, Report, TechniqueAttempt


def local(year, month, day, hour=12, minute=0) -> datetime:
    """An aware moment on the site's clock (America/Chicago), where months begin and end."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def report(author, days_ago=3, force=False, techniques=(), crisis=False, review_hours=10, **fields):
    """A report, approved unless `status` says otherwise. It happened at `occurred_at` (default
    `days_ago` days before now), was submitted two hours later and approved `review_hours` after
    that; the unit is the author's unless `unit` is given."""
    occurred = fields.pop("occurred_at", timezone.now() - timedelta(days=days_ago))
    fields.setdefault("status", Report.Status.CLOSED)
    fields.setdefault("unit", author.unit)
    fields.setdefault("submitted_at", (occurred or timezone.now()) + timedelta(hours=2))
    if "closed_at" not in fields and fields["status"] == Report.Status.CLOSED:
        fields["closed_at"] = (fields["submitted_at"] or occurred) + timedelta(hours=review_hours)
    made = Report.objects.create(
        author=author, occurred_at=occurred,
        call_type=fields.pop("call_type", "disturbance"), outcome=fields.pop("outcome", "advice"),
        force_used=force, crisis=crisis, crisis_indicators=["distress"] if crisis else [],
        technique_count=len(techniques), case_number=fields.pop("case_number", "T"),
        district=fields.pop("district", "North"), **fields,
    )  # fmt: skip
    for order, code in enumerate(techniques, start=1):
        TechniqueAttempt.objects.create(
            report=made, order=order, technique=Technique.objects.get(code=code)
        )
    if force:
        ForceApplication.objects.create(report=made, force_type=ForceType.objects.first())
    return made


def scope_for(user, query: str = "") -> Scope:
    """The Scope of `user` asking for /insights/`query` (e.g. "?from=2025-01&to=2025-03")."""
    request = RequestFactory().get("/insights/" + query)
    request.user = user
    return Scope.from_request(request)
