from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from defuse.accounts.roles import Role
from defuse.platform.csv_stream import csv_download
from defuse.platform.routers import reads_from_replica

from . import metrics
from .charts import bars, cells
from .scope import _month_before, scope_for


def insights_required(view):
    """Chiefs (the whole agency) and supervisors (their own units); everyone else 403."""

    @login_required
    @reads_from_replica
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (user.has_role(Role.CHIEF) or user.has_role(Role.SUPERVISOR)):
            raise PermissionDenied("Insights are for chiefs and supervisors.")
        return view(request, *args, **kwargs)

    return wrapped


def drawn(chart):
    found, height = bars(chart)
    return {"chart": chart, "bars": found, "height": height, "cells": cells(chart)}


@insights_required
def dashboard(request):
    scope = scope_for(request)
    return render(
        request,
        "insights/dashboard.html",
        {
            "scope": scope,
            "last_month": _month_before(scope.end),
            "headline": metrics.headline(scope.facts()),
            "is_chief": request.user.has_role(Role.CHIEF),
            "charts": [drawn(chart) for chart in metrics.all_charts(scope)],
        },
    )


@insights_required
def chart_csv(request, slug):
    make = metrics.CHARTS.get(slug)
    if make is None:
        raise Http404("No such chart")
    chart = make(scope_for(request))
    rows = [[_cell(value) for value in row] for row in chart.rows]
    return csv_download([chart.columns, *rows], f"{slug}.csv", stream=False)


def _cell(value):
    if value is None:
        return ""
    return round(value, 4) if isinstance(value, float) else value


@insights_required
def monthly_summary(request):
    scope = scope_for(request)
    month = _month_before(scope.end)
    before = _month_before(month)
    this = metrics.headline(scope.facts_for_month(month))
    previous = metrics.headline(scope.facts_for_month(before))
    return render(
        request,
        "insights/summary.html",
        {
            "scope": scope,
            "month": month,
            "this": this,
            "previous": previous,
            "previous_month": before,
        },
    )


@insights_required
def open_data(request):
    """Chiefs publish; the file covers the chosen period for the whole agency or one unit."""
    from .open_data import rows

    if not request.user.has_role(Role.CHIEF):
        raise PermissionDenied("Only chiefs export open data.")
    return csv_download(rows(scope_for(request).reports()), "deescalation-open-data.csv")
