from datetime import date

from django.http import Http404
from django.shortcuts import render

from defuse.accounts.access import OVERSEERS, Scope, role_required
from defuse.accounts.roles import Role
from defuse.platform.csv_stream import csv_download
from defuse.platform.months import last_complete_month, month_before, parse_month, this_month
from defuse.platform.routers import reads_from_replica

from . import metrics, open_data, queries
from .charts import bars, cells

# Chiefs see the whole agency, supervisors their own units; everyone else 403.
insights_required = role_required(*OVERSEERS, message="Insights are for chiefs and supervisors.")


def drawn(chart):
    found, height = bars(chart)
    return {"chart": chart, "bars": found, "height": height, "cells": cells(chart)}


@insights_required
@reads_from_replica
def dashboard(request):
    scope = Scope.from_request(request)
    return render(
        request,
        "insights/dashboard.html",
        {
            "scope": scope,
            "last_month": scope.last_month,
            "headline": metrics.headline(queries.facts(scope)),
            "is_chief": request.user.has_role(Role.CHIEF),
            "charts": [drawn(chart) for chart in metrics.all_charts(scope)],
            "summary_month": min(scope.last_month, last_complete_month()),
            "training_excluded": queries.training_excluded(scope),
            "freshness": queries.freshness(),
        },
    )


@insights_required
@reads_from_replica
def chart_csv(request, slug):
    make = metrics.CHARTS.get(slug)
    if make is None:
        raise Http404("No such chart")
    chart = make(Scope.from_request(request))
    rows = [[_cell(value) for value in row] for row in chart.rows]
    return csv_download([chart.columns, *rows], f"{slug}.csv", stream=False)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%Y-%m}"  # a month, as spreadsheets and scripts read it
    return round(value, 4) if isinstance(value, float) else value


@insights_required
@reads_from_replica
def monthly_summary(request):
    """One month beside the month before: the month asked for (?month=YYYY-MM, else the
    period's last, ?to=), else the last complete one (not the month under way, which would
    read as a collapse)."""
    scope = Scope.from_request(request)
    asked = parse_month(request.GET.get("month"))
    if asked is None and parse_month(request.GET.get("to")):
        asked = scope.last_month
    month = min(asked or last_complete_month(), this_month())
    before = month_before(month)
    this = metrics.headline(queries.facts_for_month(scope, month))
    previous = metrics.headline(queries.facts_for_month(scope, before))
    return render(
        request,
        "insights/summary.html",
        {
            "scope": scope,
            "month": month,
            "partial": month == this_month(),
            "previous_month": before,
            "this": this,
            "previous": previous,
            "rows": metrics.summary_rows(this, previous),
            "freshness": queries.freshness(),
        },
    )


open_data_required = role_required(Role.CHIEF, message="Only chiefs export open data.")


def _release(request):
    scope = Scope.from_request(request)
    return scope, open_data.export(queries.reports(scope))


@open_data_required
@reads_from_replica
def open_data_page(request):
    """The data dictionary: the columns, how the rows were made k-anonymous, what it cost."""
    scope, published = _release(request)
    context = {"scope": scope, "release": published, "ladders": open_data.QUASI_IDENTIFIERS}
    return render(request, "insights/open_data.html", context)


@open_data_required
@reads_from_replica
def open_data_csv(request):
    """Chiefs publish; the file covers the chosen period for the whole agency or one unit."""
    _, published = _release(request)
    return csv_download(open_data.csv_rows(published), "deescalation-open-data.csv")


@open_data_required
@reads_from_replica
def open_data_aggregates_csv(request):
    _, published = _release(request)
    return csv_download(open_data.aggregate_rows(published), "deescalation-open-data-totals.csv")
