from django import forms

from defuse.platform.uploads import read_text

from .. import importer

IMPORT_MAX_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    """A CSV of historical records and the column that holds each of Defuse's fields."""

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
        self.text = read_text(upload, IMPORT_MAX_BYTES)
        return upload

    def mapping(self) -> dict[str, str]:
        return {t: self.cleaned_data[f"map_{t}"].strip() for t in importer.FIELDS}
