"""The import page's forms: the file (and the profile it reads through), the profile's column
choices for that file, and a Defuse meaning for each value nobody has mapped yet."""

import json
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError

from defuse.platform.uploads import DOCUMENT_TYPES, content_type

from ..importing.profiles import load_profile
from ..importing.targets import TARGETS
from ..importing.vocabulary import options
from ..models import ImportProfile

IMPORT_MAX_BYTES = 20 * 1024 * 1024
FILE_TYPES = {f".{kind}": DOCUMENT_TYPES[kind] for kind in ("csv", "xlsx")}
LATER = "?"  # a value left for later: the import waits
NOT_RECORDED_LABEL = "Not recorded (leave empty)"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File (CSV or XLSX)",
        help_text="First row the column names; 20 MB at most. Larger files: manage.py "
        "import_reports (docs/importing.md).",
    )
    profile = forms.ModelChoiceField(
        ImportProfile.objects.all(), required=False, empty_label="A new profile",
        label="Read it with the profile",
    )  # fmt: skip
    new_profile = forms.CharField(
        required=False, max_length=80, label="Name of the new profile",
        help_text="e.g. City open data. Saved with your mapping, for the next file.",
    )  # fmt: skip
    profile_file = forms.FileField(
        required=False, label="Or a profile file (.json)",
        help_text="A profile downloaded from another Defuse (docs/import-profiles/ has examples).",
    )  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        if suffix not in FILE_TYPES:
            raise ValidationError("Choose a .csv or .xlsx file.")
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(f"The file is larger than {IMPORT_MAX_BYTES // 2**20} MB.")
        found = content_type(upload)
        if found not in FILE_TYPES[suffix]:
            raise ValidationError(f"This file's content is {found}, not {suffix[1:].upper()}.")
        return upload

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("profile_file"):
            try:
                text = data["profile_file"].read(1024 * 1024).decode("utf-8-sig")
                data["profile"] = load_profile(json.loads(text))
            except (UnicodeDecodeError, ValueError, ValidationError) as error:
                message = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.add_error("profile_file", f"Not a profile Defuse can read: {message}")
        elif not data.get("profile"):
            name = data.get("new_profile", "").strip()
            if not name:
                self.add_error("new_profile", "Name the new profile, or choose a saved one.")
            elif ImportProfile.objects.filter(name=name).exists():
                self.add_error("new_profile", "A profile has that name: choose it above.")
            else:
                data["profile"] = ImportProfile(name=name)
        return data


class ColumnsForm(forms.ModelForm):
    """Which of this file's columns holds each of Defuse's fields."""

    class Meta:
        model = ImportProfile
        fields = ["date_order", "time_zone"]

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— not in this file —"), *((h, h) for h in headers if h)]
        for target in TARGETS:
            initial = self.instance.columns.get(target.name) or _guess(target, headers)
            self.fields[f"col_{target.name}"] = forms.ChoiceField(
                choices=choices, required=target.required, initial=initial,
                label=target.label, help_text=target.help,
            )  # fmt: skip
        self.order_fields([f"col_{t.name}" for t in TARGETS] + ["date_order", "time_zone"])

    def column_fields(self):
        return [self[f"col_{t.name}"] for t in TARGETS]

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.columns = {
            t.name: self.cleaned_data[f"col_{t.name}"]
            for t in TARGETS
            if self.cleaned_data[f"col_{t.name}"]
        }
        if commit:
            profile.save()
        return profile


def _guess(target, headers: list[str]) -> str:
    """A column named like the field, for a file written for Defuse."""
    wanted = {target.name.lower(), target.label.lower()}
    return next((h for h in headers if h.strip().lower() in wanted), "")


class ValuesForm(forms.Form):
    """One choice per unmapped value (as listed by the plan, in that order)."""

    def __init__(self, *args, unmapped: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.unmapped = unmapped
        menus: dict[str, list] = {}
        for n, item in enumerate(unmapped):
            if item.target not in menus:
                menus[item.target] = [(LATER, "— decide later —"), ("", NOT_RECORDED_LABEL),
                                      *options(item.target)]  # fmt: skip
            self.fields[f"value_{n}"] = forms.ChoiceField(
                choices=menus[item.target], required=False, initial=LATER,
                label=f"“{item.value}” in {item.column}",
            )  # fmt: skip

    def rows(self):
        return [(item, self[f"value_{n}"]) for n, item in enumerate(self.unmapped)]

    def apply(self, profile: ImportProfile) -> int:
        """Write the chosen meanings into the profile's value maps; how many were chosen."""
        chosen = 0
        for n, item in enumerate(self.unmapped):
            if self.data.get(f"value_{n}_is") != item.slot:
                continue  # not asked on the page that was sent (or about another value)
            value = self.cleaned_data.get(f"value_{n}", LATER)
            if value != LATER:
                profile.values.setdefault(item.target, {})[item.value] = value
                chosen += 1
        return chosen
