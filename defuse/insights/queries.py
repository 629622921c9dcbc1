"""What an Insights page counts, for the request's Scope (defuse.accounts.access): the approved
reports and the monthly counts of the viewer's units and months."""

from datetime import date

from django.db.models import QuerySet

from defuse.accounts.access import Scope
from defuse.field.models import Report
from defuse.platform.months import start_of

from .models import ReportFact, TechniqueFact


def reports(scope: Scope) -> QuerySet:
    return reports_between(scope, scope.start, scope.end)


def reports_between(scope: Scope, start: date, end: date) -> QuerySet:
    counted = Report.objects.countable().filter(
        occurred_at__gte=start_of(start), occurred_at__lt=start_of(end)
    )
    return scope.narrow(counted)


def facts(scope: Scope) -> QuerySet:
    return scope.narrow(ReportFact.objects.filter(month__gte=scope.start, month__lt=scope.end))


def technique_facts(scope: Scope) -> QuerySet:
    return scope.narrow(TechniqueFact.objects.filter(month__gte=scope.start, month__lt=scope.end))


def facts_for_month(scope: Scope, month: date) -> QuerySet:
    return scope.narrow(ReportFact.objects.filter(month=month))
