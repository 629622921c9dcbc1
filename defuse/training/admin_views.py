"""Wagtail admin pages for trainers: import a scenario file (Twee, Twine HTML or YAML) and
export one back to Twee or YAML."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from defuse.platform.uploads import read_text

from .formats import export_twee
from .formats.yaml_format import export_yaml
from .importer import draft_text
from .models import Scenario
from .validation import ScenarioInvalid

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ScenarioFileForm(forms.Form):
    file = forms.FileField(
        label="Scenario file",
        help_text="Twee (.twee, .tw), Twine 2 published story (.html) or YAML (.yaml, .yml), "
        "up to 5 MB, in any story format. It becomes a draft to check and publish; a scenario "
        "with the same slug gets the draft as its next version once published.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.text = read_text(upload, MAX_UPLOAD_BYTES)
        return upload


def _require(request, action):
    if not request.user.has_perm(f"training.{action}_scenario"):
        raise PermissionDenied


def import_scenario(request):
    _require(request, "add")
    form = ScenarioFileForm(request.POST or None, request.FILES or None)
    problems, draft = [], None
    if request.method == "POST" and form.is_valid():
        try:
            draft = draft_text(form.text, form.cleaned_data["file"].name, user=request.user)
        except ScenarioInvalid as invalid:
            problems = invalid.problems
        else:
            if not draft.warnings:
                messages.success(request, _imported(draft))
                return redirect("wagtailsnippets_training_scenario:edit", draft.scenario.pk)
    context = {
        "form": form,
        "problems": problems,
        "draft": draft,
        "imported": _imported(draft) if draft else "",
        "scenarios": Scenario.objects.exclude(latest_version=None, latest_revision=None),
        "header_title": "Import a scenario",
        "page_title": "Import a scenario",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": reverse("wagtailsnippets_training_scenario:list"), "label": "Scenarios"},
            {"url": "", "label": "Import"},
        ],
    }
    status = 400 if problems or form.errors else 200
    return TemplateResponse(request, "training/admin/import.html", context, status=status)


def _imported(draft) -> str:
    spec = draft.spec
    counts = (
        f"{len(spec.passages)} passages, {len(spec.decision_passages())} decisions, "
        f"{len([p for p in spec.passages if not p.choices])} endings"
    )
    if draft.unchanged:
        return f"“{spec.title}” already says what this file says ({counts}): nothing was changed."
    return f"Imported “{spec.title}” as a draft ({counts}): check it and publish it when ready."


def export_scenario(request, pk, file_format):
    """The scenario as the editor last saved it: its draft, if it has one, else its version."""
    _require(request, "change")
    scenario = get_object_or_404(Scenario, pk=pk)
    if scenario.latest_revision_id and (scenario.has_unpublished_changes or not scenario.live):
        spec = scenario.get_latest_revision_as_object().to_spec()
    elif scenario.latest_version is not None:
        spec = scenario.latest_version.spec
    else:
        raise Http404("This scenario has nothing to export yet.")
    if file_format == "twee":
        text, content_type = export_twee(spec), "text/plain; charset=utf-8"
    else:
        text, content_type = export_yaml(spec), "application/yaml; charset=utf-8"
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{spec.slug}.{file_format}"'
    return response
