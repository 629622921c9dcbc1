from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import player
from ..models import Assignment, Attempt, Scenario
from ..records import my_assignments


@login_required
def my_training(request):
    attempts = Attempt.objects.filter(user=request.user).select_related("scenario")
    best = {}
    for attempt in attempts.completed().order_by("scaled"):
        best[attempt.scenario_id] = attempt
    return render(
        request,
        "training/my_training.html",
        {
            "assignments": my_assignments(request.user),
            "in_progress": attempts.in_progress(),
            "recent": attempts.completed()[:10],
            "catalogue": [
                (scenario, best.get(scenario.pk))
                for scenario in Scenario.objects.playable().prefetch_related("audiences")
            ],
            "is_supervisor": request.user.oversees(),
        },
    )


@login_required
def scenario_detail(request, slug):
    scenario = get_object_or_404(Scenario.objects.playable(), slug=slug)
    attempts = Attempt.objects.filter(user=request.user, scenario=scenario).exclude(
        status=Attempt.Status.ABANDONED
    )
    return render(
        request,
        "training/scenario.html",
        {
            "scenario": scenario,
            "spec": scenario.latest_version.spec,
            "open_attempt": attempts.in_progress().first(),
            "attempts": attempts.completed()[:10],
            "assignment": _assignment_for(request, scenario),
        },
    )


def _assignment_for(request, scenario):
    raw = request.POST.get("assignment") or request.GET.get("assignment") or ""
    if not raw.isdigit():
        return None
    return (
        Assignment.objects.for_officer(request.user).filter(pk=int(raw), scenario=scenario).first()
    )


@require_POST
@login_required
def start(request, slug):
    scenario = get_object_or_404(Scenario.objects.playable(), slug=slug)
    if request.POST.get("restart") == "1":
        for attempt in Attempt.objects.in_progress().filter(user=request.user, scenario=scenario):
            player.abandon(attempt)
    attempt = player.start_or_resume(request.user, scenario, _assignment_for(request, scenario))
    return redirect("training:play", attempt.pk)


@never_cache
@login_required
def play(request, pk):
    attempt = get_object_or_404(
        Attempt.objects.select_related("version", "scenario"), pk=pk, user=request.user
    )
    if request.method == "POST":
        return _answer(request, attempt)
    if attempt.status == Attempt.Status.COMPLETED:
        return redirect("training:review", attempt.pk)
    if attempt.status == Attempt.Status.ABANDONED:
        raise Http404("This attempt was abandoned.")
    spec = attempt.version.spec
    passage = spec.passage(attempt.current_passage)
    remaining = player.time_left(attempt)
    return render(
        request,
        "training/play.html",
        {
            "attempt": attempt,
            "spec": spec,
            "passage": passage,
            "options": player.open_choices(attempt, passage),
            "paragraphs": [p for p in passage.text.split("\n\n") if p.strip()],
            "remaining": None if remaining is None else max(int(remaining), 0),
            "expired": remaining is not None and remaining <= 0,
            "decision_number": attempt.step_count + 1,
            "media": _media(passage),
        },
    )


def _answer(request, attempt):
    step = request.POST.get("step", "")
    if not step.isdigit():
        messages.error(request, "That answer could not be read. Choose again.")
        return redirect("training:play", attempt.pk)
    try:
        outcome = player.answer(attempt.pk, request.user, int(step), request.POST.get("choice", ""))
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("training:play", attempt.pk)
    if not outcome.recorded:
        messages.info(
            request, "That decision was already recorded; you are back where the scenario stands."
        )
    if outcome.attempt.status == Attempt.Status.COMPLETED:
        return redirect("training:review", attempt.pk)
    return redirect(reverse("training:play", args=[attempt.pk]) + "#passage")


def _media(passage) -> dict:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    found = {}
    if passage.image:
        found["image"] = get_image_model().objects.filter(title=passage.image).first()
    documents = get_document_model().objects
    if passage.media:
        document = documents.filter(title=passage.media).first()
        if document:
            kind = "audio" if document.file_extension in {"mp3", "ogg", "m4a", "wav"} else "video"
            found[kind] = document
    if passage.captions:
        found["captions"] = documents.filter(title=passage.captions).first()
    return found


@require_POST
@login_required
def abandon(request, pk):
    attempt = get_object_or_404(Attempt, pk=pk, user=request.user)
    player.abandon(attempt)
    messages.info(request, "The attempt was closed. You can start the scenario again any time.")
    return redirect("training:scenario", attempt.scenario.slug)
