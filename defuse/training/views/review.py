from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..access import can_debrief
from ..forms import DebriefNoteForm
from ..models import Attempt, AttemptStep
from ..records import passes
from ..review import build_review


def _visible_attempt(request, pk, **filters):
    queryset = Attempt.objects.visible_to(request.user).select_related(
        "version", "scenario", "user", "user__unit", "assignment"
    )
    return get_object_or_404(queryset, pk=pk, **filters)


@login_required
def review(request, pk):
    attempt = _visible_attempt(request, pk, status=Attempt.Status.COMPLETED)
    context = build_review(attempt)
    context.update(
        attempt=attempt,
        can_debrief=can_debrief(request.user, attempt),
        note_form=DebriefNoteForm(),
        certificate=attempt.assignment and passes(attempt, attempt.assignment),
    )
    return render(request, "training/review.html", context)


@require_POST
@login_required
def add_note(request, pk, index):
    attempt = _visible_attempt(request, pk, status=Attempt.Status.COMPLETED)
    if not can_debrief(request.user, attempt):
        raise PermissionDenied("Only the officer's supervisors and chiefs add debrief notes.")
    step = get_object_or_404(AttemptStep, attempt=attempt, index=index)
    form = DebriefNoteForm(request.POST)
    if form.is_valid():
        note = form.save(commit=False)
        note.step, note.author = step, request.user
        note.save()
        messages.success(request, f"Debrief note added to decision {index + 1}.")
        return redirect(reverse("training:review", args=[attempt.pk]) + f"#step-{index + 1}")
    context = build_review(attempt)
    context.update(
        attempt=attempt, can_debrief=True, note_form=form, note_step=index, certificate=False
    )
    return render(request, "training/review.html", context, status=400)


@login_required
def xapi_statements(request, pk):
    attempt = _visible_attempt(request, pk)
    payloads = list(
        attempt.statements.order_by("created_at", "id").values_list("payload", flat=True)
    )
    response = JsonResponse(payloads, safe=False, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="attempt-{attempt.pk}-xapi.json"'
    return response


@login_required
def certificate(request, pk):
    attempt = _visible_attempt(request, pk, status=Attempt.Status.COMPLETED)
    if not attempt.assignment or not passes(attempt, attempt.assignment):
        raise Http404("Certificates are for passed assignments.")
    return render(request, "training/certificate.html", {"attempt": attempt})
