from django import forms


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
