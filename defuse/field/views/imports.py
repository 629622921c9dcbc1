"""The import page: upload a file and choose its profile; map its columns and any value nobody
has mapped yet (each step saved in the profile); see every problem with its line; import when
all rows pass. Chiefs only; a file waits privately until it is imported or abandoned."""

import dataclasses
import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from defuse.accounts.access import role_required
from defuse.accounts.roles import Role

from ..forms import ColumnsForm, UploadForm, ValuesForm
from ..importing.files import UnreadableFile, open_table
from ..importing.plan import read_plan
from ..importing.profiles import dump_profile
from ..importing.targets import Level
from ..importing.write import write_plan
from ..models import ImportProfile, ImportUpload

CHIEFS_ONLY = "Only chiefs import historical records."
SHOWN_PROBLEMS = 1000


@role_required(Role.CHIEF, message=CHIEFS_ONLY)
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        profile = form.cleaned_data["profile"]
        if profile.pk is None:
            profile.updated_by = request.user
            profile.save()
        upload = ImportUpload(name=form.cleaned_data["file"].name[:200], uploaded_by=request.user,
                              profile=profile)  # fmt: skip
        upload.file.save(form.cleaned_data["file"].name, form.cleaned_data["file"], save=False)
        upload.save()
        return redirect("field:import_review", pk=upload.pk)
    context = {
        "form": form,
        "profiles": ImportProfile.objects.all(),
        "uploads": ImportUpload.objects.filter(uploaded_by=request.user)[:10],
    }
    return render(request, "field/import.html", context, status=400 if form.errors else 200)


@role_required(Role.CHIEF, message=CHIEFS_ONLY)
def import_review(request, pk):
    upload = get_object_or_404(ImportUpload, pk=pk, uploaded_by=request.user)
    if upload.imported_at:
        messages.info(request, f"{upload.name} was imported on {upload.imported_at:%d %b %Y}.")
        return redirect("field:import")
    profile = upload.profile or ImportProfile(name=f"Profile for {upload.name}"[:80])
    try:
        plan = _plan(upload, profile)
    except UnreadableFile as error:
        messages.error(request, str(error))
        return redirect("field:import")
    columns = ColumnsForm(request.POST or None, instance=profile, headers=plan.headers)
    values = ValuesForm(request.POST or None, unmapped=_unmapped(plan))
    if request.method == "POST":
        if request.POST.get("action") == "import" and plan.ready:
            return _import(request, upload, plan)
        if columns.is_valid() and values.is_valid():
            profile = columns.save(commit=False)
            chosen = values.apply(profile)
            profile.updated_by = request.user
            profile.save()
            upload.profile = profile
            upload.save(update_fields=["profile"])
            mapped = f" with {chosen} value{'s' * (chosen != 1)} mapped" if chosen else ""
            messages.success(request, f"Saved the profile “{profile.name}”{mapped}.")
            return redirect("field:import_review", pk=upload.pk)
    context = {
        "upload": upload, "profile": profile, "plan": plan, "columns": columns, "values": values,
        "counts": plan.counts(), "new_officers": plan.new_officers(),
        "problems": plan.problems[:SHOWN_PROBLEMS], "levels": list(Level),
    }  # fmt: skip
    return render(
        request, "field/import_review.html", context, status=400 if columns.errors else 200
    )


def _plan(upload: ImportUpload, profile: ImportProfile):
    with upload.file.open("rb") as stream:
        return read_plan(open_table(stream, upload.name), profile)


def _unmapped(plan) -> list:
    return [item for items in plan.unmapped_by_target().values() for item in items]


def _import(request, upload: ImportUpload, plan):
    written = write_plan(plan, by=request.user)
    upload.imported_at = timezone.now()
    upload.summary = dataclasses.asdict(written)
    upload.file.delete(save=False)
    upload.save()
    messages.success(
        request,
        f"Imported {upload.name}: {written.new} new records, {written.amended} amendments, "
        f"{written.unchanged} unchanged, {written.officers_added} officers added without a "
        "login. Insights counts them in a moment.",
    )
    return redirect("field:import")


@require_POST
@role_required(Role.CHIEF, message=CHIEFS_ONLY)
def import_discard(request, pk):
    upload = get_object_or_404(ImportUpload, pk=pk, uploaded_by=request.user)
    upload.file.delete(save=False)
    upload.delete()
    messages.success(request, f"Discarded {upload.name}; nothing was imported.")
    return redirect("field:import")


@role_required(Role.CHIEF, message=CHIEFS_ONLY)
def profile_download(request, pk):
    profile = get_object_or_404(ImportProfile, pk=pk)
    response = HttpResponse(
        json.dumps(dump_profile(profile), indent=2, ensure_ascii=False) + "\n",
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="import-profile-{profile.pk}.json"'
    return response
