import itertools

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from defuse.accounts.access import OVERSEERS, Scope, role_required
from defuse.core.cdm import cdm_labels
from defuse.platform.csv_stream import csv_download
from defuse.platform.pagination import page_or_404
from defuse.platform.params import small_number
from defuse.platform.routers import reads_from_replica

from ..forms import AssignmentForm
from ..models import Assignment, Attempt, Scenario, ScenarioVersion, XapiStatement
from ..records import assignment_roster, decision_stats, training_summary
from ..spec import CRITERIA

supervisor_required = role_required(*OVERSEERS, message="Only supervisors and chiefs can see this.")


def _filtered_attempts(request):
    """Attempts in the user's scope, narrowed by ?unit= and ?scenario= (ignored if unknown)."""
    scope = Scope.from_request(request)
    # Training records are a unit's: people without a unit (editors, chiefs) are left out.
    attempts = scope.narrow(
        Attempt.objects.visible_to(request.user), "user__unit", without_unit=False
    )
    scenario = Scenario.objects.filter(slug=request.GET.get("scenario", "")).first()
    if scenario:
        attempts = attempts.filter(scenario=scenario)
    return attempts, scope.units, scope.unit, scenario


@supervisor_required
@reads_from_replica
def dashboard(request):
    attempts, units, unit, scenario = _filtered_attempts(request)
    heat_map, officer_rows = training_summary(attempts)
    officers = page_or_404(request, officer_rows, 50)
    assignments = Assignment.objects.managed_by(request.user).select_related("scenario")
    return render(
        request,
        "training/dashboard.html",
        {
            "heat_map": heat_map,
            "criteria": list(cdm_labels().items()),
            "officers": officers,
            "units": units,
            "unit": unit,
            "scenarios": Scenario.objects.playable(),
            "scenario": scenario,
            "assignments": assignments[:20],
            "query": request.GET.urlencode(),
        },
    )


@supervisor_required
@reads_from_replica
def scenario_stats(request, slug):
    scenario = get_object_or_404(Scenario.objects.playable(), slug=slug)
    versions = list(scenario.versions.defer("definition"))
    number = small_number(request.GET.get("version")) or scenario.latest_version.number
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404("No such version")
    version = ScenarioVersion.objects.get(pk=version.pk)
    attempts, units, unit, _ = _filtered_attempts(request)
    return render(
        request,
        "training/scenario_stats.html",
        {
            "scenario": scenario,
            "version": version,
            "versions": versions,
            "units": units,
            "unit": unit,
            "stats": decision_stats(version, attempts.filter(version=version)),
        },
    )


CSV_COLUMNS = [
    "attempt", "officer", "name", "unit", "scenario", "version", "status", "started_at",
    "finished_at", "score_percent", *[f"{c}_percent" for c in CRITERIA], "passed",
    "screened_out", "outcome", "assignment_due",
]  # fmt: skip


@supervisor_required
@reads_from_replica
def export_csv(request):
    attempts, *_ = _filtered_attempts(request)
    rows = (
        attempts.exclude(status=Attempt.Status.ABANDONED)
        .select_related("user", "user__unit", "scenario", "assignment")
        .defer("scenario__passages")  # the whole script of the scenario, once per row otherwise
        .order_by("started_at")
        .iterator(chunk_size=2000)
    )
    lines = itertools.chain([CSV_COLUMNS], (_csv_row(attempt) for attempt in rows))
    return csv_download(lines, "training-records.csv")


def _percent(value):
    return "" if value is None else round(value * 100, 1)


def _csv_row(a):
    return [
        a.pk, a.user.username, a.user.get_full_name(), a.user.unit or "", a.scenario.slug,
        a.version_id, a.status, a.started_at.isoformat(),
        a.finished_at.isoformat() if a.finished_at else "", _percent(a.scaled),
        *[_percent(getattr(a, f"score_{c}")) for c in CRITERIA],
        "" if a.passed is None else ("yes" if a.passed else "no"),
        "yes" if a.screened_out else "no", a.outcome,
        a.assignment.due_date.isoformat() if a.assignment else "",
    ]  # fmt: skip


@supervisor_required
@reads_from_replica
def xapi_export(request):
    attempts, *_ = _filtered_attempts(request)
    statements = XapiStatement.objects.filter(attempt__in=attempts.values("pk"))
    payloads = list(
        statements.order_by("created_at", "id").values_list("payload", flat=True)[:50000]
    )
    response = JsonResponse(payloads, safe=False)
    response["Content-Disposition"] = 'attachment; filename="training-xapi.json"'
    return response


@supervisor_required
def assignment_new(request):
    scope = Scope.from_request(request)
    form = AssignmentForm(request.POST or None, units=scope.units, officers=scope.officers())
    if request.method == "POST" and form.is_valid():
        assignment = form.save(commit=False)
        assignment.assigned_by = request.user
        assignment.save()
        form.save_m2m()
        messages.success(
            request, f"Assigned “{assignment.scenario}” due {assignment.due_date:%d %b %Y}."
        )
        return redirect("training:assignment", assignment.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/assignment_form.html", {"form": form}, status=status)


@supervisor_required
def assignment_detail(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.managed_by(request.user).select_related("scenario"), pk=pk
    )
    roster = assignment_roster(assignment, Scope.from_request(request).officers())
    done = sum(1 for _, status in roster if status.status == "done")
    return render(
        request,
        "training/assignment.html",
        {"assignment": assignment, "roster": roster, "done": done},
    )
