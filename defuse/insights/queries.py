"""What an Insights page counts, for the request's Scope (defuse.accounts.access): the approved
reports and the monthly counts of the viewer's units and months."""

from datetime import date

from django.db.models import Count, Min, QuerySet, Sum
from django.utils import timezone

from defuse.accounts.access import Scope
from defuse.field.models import Report
from defuse.platform.months import start_of

from .models import ReportFact, StaleSlice, SubjectFact, TechniqueFact, TrainingFact


def reports(scope: Scope) -> QuerySet:
    return reports_between(scope, scope.start, scope.end)


def reports_between(scope: Scope, start: date, end: date) -> QuerySet:
    counted = Report.objects.countable().filter(
        occurred_at__gte=start_of(start), occurred_at__lt=start_of(end)
    )
    return scope.narrow(counted)


def facts(scope: Scope) -> QuerySet:
    return scope.narrow(ReportFact.objects.filter(month__gte=scope.start, month__lt=scope.end))


def people_facts(scope: Scope) -> QuerySet:
    return scope.narrow(SubjectFact.objects.filter(month__gte=scope.start, month__lt=scope.end))


def technique_facts(scope: Scope) -> QuerySet:
    return scope.narrow(TechniqueFact.objects.filter(month__gte=scope.start, month__lt=scope.end))


def facts_for_month(scope: Scope, month: date) -> QuerySet:
    return scope.narrow(ReportFact.objects.filter(month=month))


def training_excluded(scope: Scope) -> int:
    """Approved training entries in the scope: never counted, but said how many (from their
    monthly counts: reading the reports took 2 s at a million)."""
    months = TrainingFact.objects.filter(month__gte=scope.start, month__lt=scope.end)
    return scope.narrow(months).aggregate(n=Sum("reports"))["n"] or 0


def freshness() -> dict:
    """How current the monthly counts are: up to date now, or behind since the oldest change
    still waiting for the worker to count it (StaleSlice)."""
    waiting = StaleSlice.objects.aggregate(oldest=Min("created_at"), count=Count("pk"))
    return {
        "as_of": waiting["oldest"] or timezone.now(),
        "behind": waiting["oldest"] is not None,
        "waiting": waiting["count"],
    }
