from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from defuse.accounts.roles import Role

from .. import importer

MAX_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", help_text="UTF-8, first row the column names, 20 MB at most."
    )
    dry_run = forms.BooleanField(
        required=False, initial=True, label="Dry run: check every row, write nothing"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for target, meaning in importer.FIELDS.items():
            self.fields[f"map_{target}"] = forms.CharField(
                required=False, initial=target, label=f"Column for {target}", help_text=meaning
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB.")
        try:
            self.text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None
        return upload

    def mapping(self) -> dict[str, str]:
        return {t: self.cleaned_data[f"map_{t}"].strip() for t in importer.FIELDS}


@login_required
def import_reports(request):
    if not request.user.has_role(Role.CHIEF):
        raise PermissionDenied("Only chiefs import historical records.")
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
    messages.success(request, f"Imported {written} reports from {name}.")
    return redirect("insights:dashboard")
