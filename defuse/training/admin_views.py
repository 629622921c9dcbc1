"""Wagtail admin pages for trainers: import a scenario file (Twee, Twine HTML or YAML) and
export one back to Twee or YAML."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from defuse.platform.uploads import read_text

from .formats import export_twee
from .formats.yaml_format import export_yaml
from .importer import import_text
from .models import Scenario
from .validation import ScenarioInvalid

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ScenarioFileForm(forms.Form):
    file = forms.FileField(
        label="Scenario file",
        help_text="Twee 3 (.twee, .tw), Twine 2 published story (.html) or YAML (.yaml, .yml), "
        "up to 5 MB. A scenario with the same slug gets a new version.",
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
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            version = import_text(form.text, form.cleaned_data["file"].name, user=request.user)
        except ScenarioInvalid as invalid:
            problems = invalid.problems
        else:
            spec = version.spec
            messages.success(
                request,
                f"Imported “{spec.title}” as version {version.number}: "
                f"{len(spec.passages)} passages, {len(spec.decision_passages())} decisions, "
                f"{len(spec.endings())} endings.",
            )
            return redirect("wagtailsnippets_training_scenario:edit", version.scenario_id)
    context = {
        "form": form,
        "problems": problems,
        "scenarios": Scenario.objects.filter(latest_version__isnull=False),
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


def export_scenario(request, pk, file_format):
    _require(request, "change")
    scenario = get_object_or_404(Scenario, pk=pk, latest_version__isnull=False)
    spec = scenario.latest_version.spec
    if file_format == "twee":
        text, content_type = export_twee(spec), "text/plain; charset=utf-8"
    else:
        text, content_type = export_yaml(spec), "application/yaml; charset=utf-8"
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{spec.slug}.{file_format}"'
    return response
