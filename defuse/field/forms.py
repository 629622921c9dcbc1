from django import forms
from django.forms import inlineformset_factory

from defuse.accounts.models import User
from defuse.accounts.roles import Role

from .models import (
    ChecklistItem,
    ForceType,
    Report,
    TechniqueAttempt,
)
from .models.reports import NARRATIVE_PROMPTS, CrisisIndicator, Impairment

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


class ReportForm(forms.ModelForm):
    """A report as the officer fills it in. Drafts keep whatever was typed; submitting checks
    everything (see clean())."""

    crisis_indicators = forms.MultipleChoiceField(
        choices=CrisisIndicator.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    impairments = forms.MultipleChoiceField(
        choices=Impairment.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    force_types = forms.ModelMultipleChoiceField(
        queryset=ForceType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Force used",
        help_text="Tick every type used. Leave empty if no force was used.",
    )
    checklist_items = forms.ModelMultipleChoiceField(
        queryset=ChecklistItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Checklist items you used",
        help_text="Each ticked item adds its technique to the list below.",
    )

    class Meta:
        model = Report
        fields = [
            "case_number", "occurred_at", "district", "beat", "address", "call_type",
            "reason_for_contact", "crisis_indicators", "impairments", "weapon", "inability_signs",
            "subject_injured", "officer_injured", "medical_aid", "ems_called", "transported",
            "transported_by", "outcome", "bwc_reference", "involved_officers",
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
        labels = {
            "occurred_at": "Date and time",
            "address": "Address (optional)",
            "inability_signs": "Signs the person could not comply (not would not)",
            "bwc_reference": "Body-worn camera reference",
            "no_technique_reason": "If no technique was feasible, say why",
            "is_training": "This is a training entry (never counted in analytics)",
            "involved_officers": "Other officers involved",
            "transported_by": "Transported by",
            **dict(NARRATIVE_PROMPTS),
        }

    def __init__(self, *args, author=None, checklist=None, **kwargs):
        super().__init__(*args, **kwargs)
        officers = User.objects.with_role(Role.OFFICER).filter(is_active=True)
        if author is not None:
            officers = officers.exclude(pk=author.pk)
            if author.unit_id:
                officers = officers.filter(unit=author.unit_id)
        self.fields["involved_officers"].queryset = officers.order_by("last_name")
        if checklist is not None:
            self.fields["checklist_items"].queryset = checklist.items.exclude(technique=None)
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk and not self.is_bound:
            self.initial["force_types"] = [f.force_type_id for f in self.instance.force.all()]

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
        return data


TechniqueFormSet = inlineformset_factory(
    Report,
    TechniqueAttempt,
    fields=["technique", "effect"],
    extra=3,
    can_delete=True,
    labels={"technique": "Technique", "effect": "Effect"},
)
