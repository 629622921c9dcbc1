"""Reminders, once each, when a report or its review is overdue (ReportDeadlines): to the
officer whose draft or returned report is past due, and to whoever signs off at its level of
the review chain when a submitted report has waited past its review time."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Report
from .workflow import reviewers_of


def send_overdue_reminders() -> tuple[int, int]:
    """Returns (officers reminded, reviews reminded)."""
    drafts = Report.objects.overdue_drafts().filter(reminded_at__isnull=True, superseded=False)
    reviews = Report.objects.overdue_reviews().filter(review_reminded_at__isnull=True)
    officers = sum(_remind_author(report) for report in drafts.select_related("author"))
    reviewers = sum(
        _remind_reviewers(report)
        for report in reviews.select_related("author", "unit", "review_level__group")
    )
    return officers, reviewers


def _claim(report: Report, field: str) -> bool:
    """Marks the reminder as sent; False when another worker has just sent it."""
    return bool(
        Report.objects.filter(pk=report.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
    )


def _link(name: str, report: Report) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=[report.pk])


@transaction.atomic
def _remind_author(report: Report) -> int:
    if report.author is None or not report.author.email or not _claim(report, "reminded_at"):
        return 0
    _mail(report, "overdue_report", "field:edit", [report.author.email])
    return 1


@transaction.atomic
def _remind_reviewers(report: Report) -> int:
    emails = [user.email for user in reviewers_of(report) if user.email]
    if not emails or not _claim(report, "review_reminded_at"):
        return 0
    _mail(report, "overdue_review", "field:report", emails)
    return 1


def _mail(report: Report, template: str, url_name: str, recipients: list[str]) -> None:
    context = {"report": report, "url": _link(url_name, report)}
    send_mail(
        render_to_string(f"field/email/{template}_subject.txt", context).strip(),
        render_to_string(f"field/email/{template}.txt", context),
        None,
        recipients,
    )
