"""The report archive: every submitted report a supervisor (their units') or a chief (the
agency's) may see, found by words, unit, call type, period and what happened."""

from django import forms
from django.db.models import Q

from defuse.accounts.models import Unit
from defuse.accounts.roles import Role

from .models import Report
from .models.reports import CallType

ANY = [("", "Any")]


class ArchiveFilters(forms.Form):
    q = forms.CharField(
        label="Words", required=False, max_length=200,
        help_text="Case number, district, beat, address or reason for contact.",
    )  # fmt: skip
    unit = forms.ModelChoiceField(
        label="Unit", queryset=Unit.objects.none(), required=False, empty_label="All my units"
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=ANY + [(s.value, s.label) for s in Report.Status if s != Report.Status.DRAFT],
    )
    call_type = forms.ChoiceField(label="Call type", required=False, choices=ANY + CallType.choices)
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    force = forms.BooleanField(label="Force used", required=False)
    injury = forms.BooleanField(label="Injury", required=False)
    crisis = forms.BooleanField(label="Crisis", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = user.units_in_scope()
        if user.has_role(Role.CHIEF):
            self.fields["unit"].empty_label = "All units"

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end comes before the start: the period is left out.")
            data.pop("since", None)
        return data


def found(reports, filters: ArchiveFilters):
    """The reports matching what the form says: the fields it could read (Django leaves a
    field with an error out of cleaned_data, so that filter is not applied)."""
    filters.is_valid()
    data = filters.cleaned_data
    if words := (data.get("q") or "").strip():
        reports = reports.filter(
            Q(case_number__icontains=words)
            | Q(district__icontains=words)
            | Q(beat__icontains=words)
            | Q(address__icontains=words)
            | Q(reason_for_contact__icontains=words)
        )
    if data.get("unit"):
        reports = reports.filter(unit=data["unit"])
    if data.get("status"):
        reports = reports.filter(status=data["status"])
    if data.get("call_type"):
        reports = reports.filter(call_type=data["call_type"])
    if data.get("since"):
        reports = reports.filter(occurred_at__date__gte=data["since"])
    if data.get("until"):
        reports = reports.filter(occurred_at__date__lte=data["until"])
    if data.get("force"):
        reports = reports.filter(force_used=True)
    if data.get("injury"):
        reports = reports.with_injury()
    if data.get("crisis"):
        reports = reports.filter(crisis=True)
    return reports
