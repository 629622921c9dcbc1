from django.contrib import messages
from django.shortcuts import redirect, render

from defuse.accounts.access import role_required
from defuse.accounts.roles import Role

from .. import importer
from ..forms import ImportForm


@role_required(Role.CHIEF, message="Only chiefs import historical records.")
def import_reports(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "mapping_fields": [f for f in form if f.name.startswith("map_")]}
    if request.method != "POST" or not form.is_valid():
        return render(request, "field/import.html", context, status=400 if form.errors else 200)
    name = form.cleaned_data["file"].name
    result = importer.read(form.text, name, form.mapping())
    context.update(result=result, filename=name)
    if result.errors:
        return render(request, "field/import.html", context, status=400)
    if form.cleaned_data["dry_run"]:
        context["dry_run_ok"] = True
        return render(request, "field/import.html", context)
    written = importer.write(result)
    messages.success(
        request, f"Imported {written} reports from {name}. Insights counts them in a moment."
    )
    return redirect("field:import")
