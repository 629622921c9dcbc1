"""The FBI use-of-force export page: the period's qualifying incidents, each with what is still
missing, the months that need a zero report, and the file of complete incidents. Chiefs only."""

import json

from django.http import HttpResponse
from django.shortcuts import render

from defuse.accounts.access import Scope, role_required
from defuse.accounts.roles import Role

from .. import nufdc
from ..models import Report, ReportEvent

chiefs_only = role_required(Role.CHIEF, message="Only chiefs export to the FBI.")


def _export(request):
    """The request's period, its qualifying incidents as checked, and the file they make."""
    scope = Scope.from_request(request)
    reports = Report.objects.filter(occurred_at__date__gte=scope.start,
                                    occurred_at__date__lt=scope.end)  # fmt: skip
    checked = nufdc.check(nufdc.qualifying(reports))
    return scope, checked, nufdc.export(checked, nufdc.agency_ori(), scope.start, scope.last_month)


@chiefs_only
def nufdc_page(request):
    scope, checked, document = _export(request)
    context = {
        "scope": scope, "checked": checked, "ori": nufdc.agency_ori(),
        "ready": sum(c.ready for c in checked), "zero_months": document["zero_report_months"],
    }  # fmt: skip
    return render(request, "field/nufdc.html", context)


@chiefs_only
def nufdc_file(request):
    scope, checked, document = _export(request)
    ReportEvent.objects.bulk_create(
        ReportEvent(report=c.report, user=request.user, action=ReportEvent.Action.EXPORTED,
                    detail="FBI use-of-force export")
        for c in checked if c.ready
    )  # fmt: skip
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", content_type="application/json"
    )
    name = f"nufdc-{scope.start:%Y-%m}-to-{scope.last_month:%Y-%m}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
