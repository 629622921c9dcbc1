import re
from uuid import uuid4

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from defuse.accounts.access import OVERSEERS, role_required
from defuse.accounts.roles import Role
from defuse.platform.pagination import page_or_404

from .. import archive, report_facts, workflow
from ..access import FILERS, can_file, can_review, field_user_required, is_reviewer
from ..forms import AmendForm, ReportForm, ReviewForm
from ..forms.report import ROWS, typed_from, with_another_row
from ..models import Checklist, Report, ReportEvent
from ..models.reports import NARRATIVE_PROMPTS
from ..models.review_chain import next_level

STASH_KEY = "field-report-typed"  # what an officer typed when their session had expired
STASH_MAX_BYTES = 64 * 1024  # the longest report's text, several times over
STASH_MAX_FIELDS = 300
STASH_RATE = "30/h"
STASH_HOURS = 4


@field_user_required
def report_list(request):
    reports = Report.objects.visible_to(request.user).filter(superseded=False)
    mine = reports.filter(author=request.user) | reports.filter(officers__user=request.user)
    return render(
        request,
        "field/report_list.html",
        {
            "reports": page_or_404(request, mine.distinct().select_related("unit"), 25),
            "can_file": can_file(request.user),
            "is_reviewer": is_reviewer(request.user),
        },
    )


@require_POST
@role_required(*FILERS, message="Only officers and supervisors file reports.")
def report_new(request):
    """A new draft; started from the checklist, with the ticked items' techniques listed,
    each waiting for the officer to say what it did."""
    ticked = _ticked_techniques(request.POST.getlist("checklist_items"))
    report = workflow.start_draft(request.user, techniques=ticked)
    return redirect("field:edit", report.pk)


def _ticked_techniques(values: list[str]) -> list[int]:
    checklist = Checklist.objects.current()
    wanted = {int(value) for value in values if value.isdigit() and len(value) < 10}
    if checklist is None or not wanted:
        return []
    items = checklist.items.filter(pk__in=wanted).exclude(technique=None).order_by("sort_order")
    return list(dict.fromkeys(item.technique_id for item in items))


def _own_editable(request, pk) -> Report:
    report = get_object_or_404(Report, pk=pk, author=request.user)
    if not report.editable:
        raise Http404("This report can no longer be edited.")
    return report


def _form(report, data) -> ReportForm:
    return ReportForm(data, instance=report, author=report.author)


def _typed(report) -> QueryDict:
    """What the form shows: the draft as typed; or, for a report that comes back (returned,
    or an amendment), the report as filed; or nothing yet."""
    if report.draft_data:
        data = QueryDict(mutable=True)
        for key, values in report.draft_data.items():
            data.setlist(key, values)
        return data
    if report.officers.exists():
        return typed_from(report)
    return QueryDict(mutable=True)


@never_cache
def report_edit(request, pk):
    if not request.user.is_authenticated:
        return _stash_and_log_in(request)
    if not can_file(request.user):
        raise PermissionDenied
    report = _own_editable(request, pk)
    _restore_stash(request, report)
    if request.method == "POST":
        return _take_post(request, report)
    return _render_edit(request, report, _form(report, _typed(report)), show_errors=False)


def _take_post(request, report):
    """Save the draft as typed; then submit it, or show it again one row longer, or say it
    was saved."""
    if "submit" in request.POST:
        workflow.keep_typed(report, request.POST)
        return _submit(request, report)
    adding = request.POST.get("add", "")
    if adding in ROWS:  # "Add a person" and the like: the page again, one row longer
        workflow.save_draft(report, with_another_row(request.POST, adding), request.user)
        return redirect(reverse("field:edit", args=[report.pk]) + f"#add-{adding}")
    workflow.save_draft(report, request.POST, request.user)
    messages.success(request, "Draft saved.")
    return redirect("field:edit", report.pk)


CLIENT_KEY = re.compile(r"[A-Za-z0-9-]{16,64}")


@never_cache
def report_start(request):
    """A blank report the service worker keeps for offline use. It becomes a report when it
    is first sent, found again by the key the phone made for it (`client_key`), so a report
    sent twice (a retry after the connection came back) arrives once."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not request.user.is_authenticated:
        if wants_json:
            return JsonResponse({"error": "session expired"}, status=401)
        return (
            _stash_and_log_in(request)
            if request.method == "POST"
            else redirect_to_login(request.path)
        )
    if not can_file(request.user):
        raise PermissionDenied
    if request.method != "POST":
        blank = Report(author=request.user)
        form = _form(blank, QueryDict())
        return _render_edit(request, blank, form, show_errors=False, client_key=uuid4().hex)
    key = request.POST.get("client_key", "")
    if not CLIENT_KEY.fullmatch(key):
        return HttpResponseBadRequest("This report has no key: open a new one and send it again.")
    report = _report_for(request.user, key)
    if report is None:
        return HttpResponse("This key belongs to another report.", status=409)
    if wants_json:
        return _take_sent(request, report)
    if not report.editable:
        return redirect("field:report", report.pk)
    return _take_post(request, report)


def _report_for(user, key: str) -> Report | None:
    """The report sent with this key before, or a new draft for it (None: someone else's)."""
    found = Report.objects.filter(client_key=key).first()
    if found is None:
        try:
            with transaction.atomic():
                return workflow.start_draft(user, client_key=key)
        except IntegrityError:  # the same report, sent twice at once
            found = Report.objects.get(client_key=key)
    return found if found.author_id == user.pk else None


def _take_sent(request, report):
    """What the phone's script sent when the connection came back: kept as typed, submitted
    if asked and complete. It answers where the report now is."""
    if report.editable:
        typed = request.POST.copy()
        typed.pop("client_key", None)
        workflow.save_draft(report, typed, request.user)
        if "submit" in request.POST:
            form = _form(report, typed)
            if form.is_valid():
                workflow.submit(report, form.submission(), request.user)
    submitted = not report.editable
    url = reverse("field:report" if submitted else "field:edit", args=[report.pk])
    return JsonResponse({"url": url, "submitted": submitted})


def _stash_and_log_in(request):
    """The session expired while typing: keep the POST, ask for a login, restore it after.
    Anyone can post here, so what is kept is bounded: a report's worth of text (STASH_MAX_BYTES),
    STASH_RATE stashes an hour per address, and an anonymous session that ends within hours."""
    if request.method == "POST":
        data = {
            key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"
        }
        size = sum(len(key) + sum(len(value) for value in values) for key, values in data.items())
        limited = is_ratelimited(
            request, group="field-stash", key="ip", rate=STASH_RATE, method="POST", increment=True
        )
        if size <= STASH_MAX_BYTES and len(data) <= STASH_MAX_FIELDS and not limited:
            request.session[STASH_KEY] = {"path": request.path, "data": data}
            request.session.set_expiry(STASH_HOURS * 3600)
    return redirect_to_login(request.path)


def _restore_stash(request, report) -> None:
    stash = request.session.get(STASH_KEY)
    if stash and stash["path"] == request.path:
        del request.session[STASH_KEY]
        data = QueryDict(mutable=True)
        for key, values in stash["data"].items():
            data.setlist(key, values)
        workflow.keep_typed(report, data)
        messages.info(
            request, "Your session had expired. What you typed was kept: check it and carry on."
        )


def _submit(request, report):
    form = _form(report, request.POST)
    if not form.is_valid():
        return _render_edit(request, report, form, show_errors=True, status=400)
    workflow.submit(report, form.submission(), request.user)
    messages.success(request, "Report submitted. Your supervisor has been notified.")
    return redirect("field:report", report.pk)


def _render_edit(request, report, form, show_errors, status=200, client_key=""):
    if not show_errors:
        form.quiet()
    context = {
        "report": report,
        "client_key": client_key,
        "form": form,
        "show_errors": show_errors,
        "encounter_fields": [form[name] for name in report_facts.ENCOUNTER],  # the page's order
        "narrative_fields": [form[name] for name, _ in NARRATIVE_PROMPTS[:1]],
        "force_narrative_fields": [form[name] for name, _ in NARRATIVE_PROMPTS[1:]],
        "comments": report.comments.select_related("author") if report.pk else [],
    }
    return render(request, "field/report_form.html", context, status=status)


@require_POST
def report_autosave(request, pk):
    """Called by the page's script as the officer types. 401 tells it the session is gone, so it
    keeps the text in the browser and asks the officer to sign in again."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "session expired"}, status=401)
    report = get_object_or_404(Report, pk=pk, author=request.user)
    if not report.editable:
        return JsonResponse({"error": "This report can no longer be edited."}, status=409)
    workflow.keep_typed(report, request.POST)
    return JsonResponse({"saved_at": timezone.localtime().strftime("%H:%M:%S")})


@field_user_required
def report_detail(request, pk):
    report = get_object_or_404(
        Report.objects.visible_to(request.user)
        .select_related("author", "unit", "amends", "review_level__group")
        .prefetch_related(*report_facts.PREFETCH),
        pk=pk,
    )
    workflow.log(report, request.user, ReportEvent.Action.VIEWED)
    reviewing = report.status == Report.Status.SUBMITTED and can_review(request.user, report)
    return render(
        request,
        "field/report_detail.html",
        {
            "report": report,
            "can_review": reviewing,
            "next_level": next_level(report, report.review_level) if reviewing else None,
            "can_amend": report.status == Report.Status.CLOSED
            and report.author_id == request.user.pk
            and not report.superseded,
            "sections": report_facts.sections(report),
            "narratives": [(prompt, getattr(report, name)) for name, prompt in NARRATIVE_PROMPTS],
            "events": report.events.select_related("user") if is_reviewer(request.user) else None,
        },
    )


@require_POST
@field_user_required
def report_review(request, pk):
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    if not can_review(request.user, report) or report.status != Report.Status.SUBMITTED:
        raise PermissionDenied("You cannot review this report now.")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(message for e in form.errors.values() for message in e))
        return redirect("field:report", report.pk)
    workflow.review(report, request.user, form.approve, form.cleaned_data["comment"])
    if not form.approve:
        done = "Report returned to the officer."
    elif report.status == Report.Status.SUBMITTED:
        done = f"Signed off: the report goes on to {report.review_level}."
    else:
        done = "Report approved and closed."
    messages.success(request, done)
    return redirect("field:review_queue")


@require_POST
@field_user_required
def report_amend(request, pk):
    report = get_object_or_404(
        Report, pk=pk, author=request.user, status=Report.Status.CLOSED, superseded=False
    )
    form = AmendForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason for the amendment.")
        return redirect("field:report", report.pk)
    if report.amendments.filter(
        status__in=[Report.Status.DRAFT, Report.Status.SUBMITTED, Report.Status.RETURNED]
    ).exists():
        messages.error(request, "An amendment of this report is already open.")
        return redirect("field:report", report.pk)
    copy = workflow.amend(report, request.user, form.cleaned_data["reason"])
    return redirect("field:edit", copy.pk)


# The triage table's orders: the longest waiting first unless asked otherwise.
QUEUE_ORDERS = {
    "waiting": ("Waiting longest", ["submitted_at", "pk"]),
    "due": ("Review due soonest", ["review_due_at", "submitted_at", "pk"]),
    "call_type": ("Call type", ["call_type", "submitted_at", "pk"]),
    "officer": ("Officer", ["author__last_name", "author__first_name", "submitted_at", "pk"]),
}
# Narrowing the table (each a tick box): what needs a closer look first.
QUEUE_FILTERS = {
    "overdue": ("Overdue only", lambda reports: reports.overdue_reviews()),
    "force": ("Force used", lambda reports: reports.filter(force_used=True)),
    "injury": ("Injury", lambda reports: reports.with_injury()),
    "crisis": ("Crisis", lambda reports: reports.filter(crisis=True)),
}


@role_required(*OVERSEERS, message="Only supervisors and chiefs review reports.")
def review_queue(request):
    reports = (
        Report.objects.awaiting_review_by(request.user)
        .select_related("author", "unit", "review_level")
        .prefetch_related("subjects")
    )
    ticked = [name for name in QUEUE_FILTERS if request.GET.get(name) == "1"]
    for name in ticked:
        reports = QUEUE_FILTERS[name][1](reports)
    order = request.GET.get("order", "")
    order = order if order in QUEUE_ORDERS else "waiting"
    reports = reports.order_by(*QUEUE_ORDERS[order][1])
    return render(
        request,
        "field/review_queue.html",
        {
            "reports": page_or_404(request, reports, 25),
            "orders": [(name, label) for name, (label, _) in QUEUE_ORDERS.items()],
            "order": order,
            "filters": [
                (name, label, name in ticked) for name, (label, _) in QUEUE_FILTERS.items()
            ],
            "narrowed": bool(ticked),
        },
    )


@role_required(*OVERSEERS, message="The archive is for supervisors and chiefs.")
def report_archive(request):
    filters = archive.ArchiveFilters(request.GET, user=request.user)
    reports = (
        Report.objects.visible_to(request.user)
        .exclude(status=Report.Status.DRAFT)
        .filter(superseded=False)
        .select_related("author", "unit")
        .prefetch_related("subjects")
        .order_by("-occurred_at", "-pk")
    )
    return render(
        request,
        "field/report_archive.html",
        {
            "filters": filters,
            "reports": page_or_404(request, archive.found(reports, filters), 25),
            "is_chief": request.user.has_role(Role.CHIEF),
        },
    )
