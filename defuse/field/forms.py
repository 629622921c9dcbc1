from django import forms
from django.db.models import Case, Value, When
from django.forms import inlineformset_factory

from defuse.accounts.models import User
from defuse.accounts.roles import Role
from defuse.platform.form_fields import ModelMultipleChoiceField
from defuse.platform.uploads import read_text

from . import importer
from .models import (
    ForceType,
    Report,
    TechniqueAttempt,
)
from .models.reports import NARRATIVE_PROMPTS, CrisisIndicator, Effect, Impairment
from .workflow import Submission

IMPORT_MAX_BYTES = 20 * 1024 * 1024

REQUIRED_TO_SUBMIT = {
    "case_number": "Give the case or incident number.",
    "occurred_at": "Give the date and time of the encounter.",
    "district": "Give the district.",
    "call_type": "Choose the call type.",
    "reason_for_contact": "Say why you made contact.",
    "weapon": "Say whether the person had a weapon.",
    "outcome": "Choose the outcome.",
    "narrative_deescalation": "Describe the de-escalation you tried.",
}


class TechniqueAttemptForm(forms.ModelForm):
    """A technique tried and what it did: the officer says so ("Not sure" is an answer, never
    a default)."""

    effect = forms.ChoiceField(
        label="What it did", required=False, choices=[("", "Choose what it did"), *Effect.choices]
    )

    class Meta:
        model = TechniqueAttempt
        fields = ["technique", "effect"]
        labels = {"technique": "Technique"}

    def has_changed(self) -> bool:
        """A new row is a technique: with none chosen it is empty, whatever its effect says."""
        if self.instance.pk is None:
            return bool(self["technique"].value())
        return super().has_changed()

    def clean(self):
        data = super().clean()
        if data.get("technique") and not data.get("effect") and not data.get("DELETE"):
            self.add_error("effect", "Say what it did (or “Not sure”).")
        return data


TechniqueFormSet = inlineformset_factory(
    Report, TechniqueAttempt, form=TechniqueAttemptForm, extra=3, can_delete=True
)


def agency_officers(author=None):
    """Every active officer and supervisor of the agency but the author: the author's own unit
    first (who is most often there), then by unit and name."""
    in_the_field = User.objects.filter(
        groups__name__in=[Role.OFFICER.group_name, Role.SUPERVISOR.group_name]
    ).values("pk")
    people = User.objects.filter(is_active=True, pk__in=in_the_field).select_related("unit")
    if author is None:
        return people.order_by("last_name", "first_name")
    own_unit = Case(When(unit_id=author.unit_id, then=Value(0)), default=Value(1))
    return people.exclude(pk=author.pk).order_by(own_unit, "unit__name", "last_name", "first_name")


def officer_label(officer) -> str:
    name = officer.get_full_name() or officer.username
    return f"{name} ({officer.unit})" if officer.unit else name


class ReportForm(forms.ModelForm):
    """A report as the officer fills it in, with its techniques (`self.techniques`, a formset).
    Drafts keep whatever was typed; submitting checks everything (see clean())."""

    crisis_indicators = forms.MultipleChoiceField(
        choices=CrisisIndicator.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    impairments = forms.MultipleChoiceField(
        choices=Impairment.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    force_types = ModelMultipleChoiceField(
        queryset=ForceType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Force used",
        help_text="Tick every type used. Leave empty if no force was used.",
    )

    class Meta:
        model = Report
        fields = [
            "case_number", "occurred_at", "district", "beat", "address", "call_type",
            "reason_for_contact", "crisis_indicators", "impairments", "weapon", "inability_signs",
            "subject_injured", "officer_injured", "medical_aid", "ems_called", "transported",
            "transported_by", "complaint", "outcome", "bwc_reference", "involved_officers",
            *[name for name, _ in NARRATIVE_PROMPTS], "no_technique_reason", "is_training",
        ]  # fmt: skip
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "reason_for_contact": forms.Textarea(attrs={"rows": 2}),
            "inability_signs": forms.Textarea(attrs={"rows": 2}),
            "no_technique_reason": forms.Textarea(attrs={"rows": 2}),
            "involved_officers": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 3}) for name, _ in NARRATIVE_PROMPTS},
        }
        field_classes = {"involved_officers": ModelMultipleChoiceField}
        labels = {
            "occurred_at": "Date and time",
            "address": "Address (optional)",
            "inability_signs": "Signs the person could not comply (not would not)",
            "bwc_reference": "Body-worn camera reference",
            "no_technique_reason": "If no technique was feasible, say why",
            "is_training": "This is a training entry (never counted in analytics)",
            "involved_officers": "Other officers involved (anyone in the agency)",
            "transported_by": "Transported by",
            "subject_injured": "The person was injured",
            "officer_injured": "An officer was injured",
            "medical_aid": "Medical aid was given",
            "ems_called": "EMS were called",
            "transported": "The person was taken to hospital",
            "complaint": "A complaint was made about the encounter",
            **dict(NARRATIVE_PROMPTS),
        }

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["involved_officers"].queryset = agency_officers(author)
        self.fields["involved_officers"].label_from_instance = officer_label
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        for name in REQUIRED_TO_SUBMIT:  # optional while a draft, marked as needed to submit
            self.fields[name].required_to_submit = True
            self.fields[name].widget.attrs["aria-required"] = "true"
        if self.instance.pk and not self.is_bound:
            self.initial["force_types"] = [f.force_type_id for f in self.instance.force.all()]
        self.techniques = TechniqueFormSet(
            self.data if self.is_bound else None, instance=self.instance, prefix="techniques"
        )

    def is_valid(self) -> bool:
        form_valid = super().is_valid()  # both run, so both show their errors
        return self.techniques.is_valid() and form_valid

    def clean(self):
        data = super().clean()
        for field, message in REQUIRED_TO_SUBMIT.items():
            if not data.get(field) and field not in self.errors:
                self.add_error(field, message)
        if data.get("force_types"):
            for name, prompt in NARRATIVE_PROMPTS[1:]:
                if not data.get(name):
                    self.add_error(name, f"Force was used: answer “{prompt}”")
        if data.get("transported") and not data.get("transported_by"):
            self.add_error("transported_by", "Say who transported the person.")
        techniques_known = self.techniques.is_valid()
        if techniques_known and not data.get("no_technique_reason") and not self.technique_rows():
            self.add_error(
                "no_technique_reason",
                "List at least one technique you tried, or say why none was feasible.",
            )
        return data

    def technique_rows(self) -> list[tuple]:
        """(technique, effect) in the order listed; each technique once (its first row)."""
        rows, seen = [], set()
        for row in self.techniques.cleaned_data:
            technique = row.get("technique")
            if technique and not row.get("DELETE") and technique.pk not in seen:
                seen.add(technique.pk)
                rows.append((technique, row["effect"]))
        return rows

    def submission(self) -> Submission:
        """The cleaned report, as plain data for workflow.submit()."""
        data = self.cleaned_data
        m2m = {field.name for field in Report._meta.many_to_many}
        return Submission(
            fields={name: data[name] for name in self.Meta.fields if name not in m2m},
            involved_officers=list(data["involved_officers"]),
            force_types=list(data["force_types"]),
            techniques=self.technique_rows(),
        )


class ReviewForm(forms.Form):
    """A supervisor's decision on a submitted report: approve, or return with a comment."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("return", "Return")],
        error_messages={"required": "Choose to approve or to return the report."},
    )
    comment = forms.CharField(required=False, strip=True)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment"):
            raise forms.ValidationError("Say what needs to change before returning the report.")
        return data

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class AmendForm(forms.Form):
    reason = forms.CharField(
        strip=True, error_messages={"required": "Give the reason for the amendment."}
    )


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
