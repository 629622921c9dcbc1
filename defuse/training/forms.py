from django import forms
from django.utils import timezone

from defuse.accounts.models import Unit, User
from defuse.platform.form_fields import ModelMultipleChoiceField

from .models import Assignment, DebriefNote, Scenario


class AssignmentForm(forms.ModelForm):
    """A supervisor assigns a scenario to their own units or officers."""

    class Meta:
        model = Assignment
        fields = ["scenario", "units", "officers", "due_date", "pass_mark", "note"]
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "officers": forms.CheckboxSelectMultiple,
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "units": "Everyone in these units.",
            "officers": "And/or these officers.",
            "pass_mark": "Per cent of the best path's score needed to pass (0–100).",
            "note": "Optional message shown with the assignment.",
        }
        field_classes = {
            "units": ModelMultipleChoiceField,
            "officers": ModelMultipleChoiceField,
        }

    def __init__(self, *args, units=None, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].queryset = Scenario.objects.playable()
        self.fields["units"].queryset = units if units is not None else Unit.objects.none()
        self.fields["officers"].queryset = (
            officers.order_by("unit__name", "last_name", "username")
            if officers is not None
            else User.objects.none()
        )
        self.fields["officers"].label_from_instance = lambda u: f"{u} ({u.unit or 'no unit'})"
        if not self.is_bound:
            self.initial.setdefault("pass_mark", 70)

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError("The due date cannot be in the past.")
        return due

    def clean(self):
        data = super().clean()
        if not data.get("units") and not data.get("officers"):
            raise forms.ValidationError("Choose at least one unit or officer.")
        return data


class DebriefNoteForm(forms.ModelForm):
    class Meta:
        model = DebriefNote
        fields = ["text"]
        labels = {"text": "Debrief note"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
