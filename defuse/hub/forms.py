"""The hub's front-end forms: webinar registration and the newsletter."""

from django import forms

from .models import Audience, WebinarRegistration


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = WebinarRegistration
        fields = ["name", "email", "agency", "role"]
        labels = {"name": "Full name", "email": "E-mail address", "agency": "Agency"}


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="E-mail address", max_length=254)
    audiences = forms.ModelMultipleChoiceField(
        queryset=Audience.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        label="Send me new items for",
        error_messages={"required": "Choose at least one audience."},
    )
