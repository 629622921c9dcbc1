"""The rows of a report: its subjects, its officers, the force each officer used on each
subject, and the techniques tried. Force and technique rows name an officer and a subject by
their number on the form, since neither exists before the report is submitted."""

from django import forms
from django.db.models import Case, Value, When
from django.forms import formset_factory

from defuse.accounts.models import User
from defuse.accounts.roles import Role
from defuse.core.models import Technique
from defuse.platform.form_fields import ModelMultipleChoiceField

from ..models import Code, ForceType
from ..models.people import CrisisIndicator, Impairment, ReportOfficer, Subject
from ..models.reports import Effect


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


def code_choice(element: str, label: str, **options) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Code.objects.of(element), label=label, empty_label="Choose", **options
    )


def code_choices(element: str, label: str) -> ModelMultipleChoiceField:
    return ModelMultipleChoiceField(
        queryset=Code.objects.of(element),
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class RowForm(forms.ModelForm):
    """A row that is blank until something is typed in it (Django's formsets then skip it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required:
                field.required_to_submit = True
                field.widget.attrs["aria-required"] = "true"


class SubjectForm(RowForm):
    sex = code_choice(Code.Element.SEX, "Sex", error_messages={"required": "Give the sex."})
    races = code_choices(Code.Element.RACE, "Race (tick all that apply)")
    ethnicity = code_choice(
        Code.Element.ETHNICITY, "Ethnicity", error_messages={"required": "Give the ethnicity."}
    )
    crisis_indicators = forms.MultipleChoiceField(
        choices=CrisisIndicator.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Signs of crisis",
    )
    impairments = forms.MultipleChoiceField(
        choices=Impairment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Known or apparent impairments",
    )
    resistance = code_choices(Code.Element.RESISTANCE, "How the person resisted")
    injuries = code_choices(Code.Element.INJURY, "Injuries")

    class Meta:
        model = Subject
        fields = [
            "age", "sex", "races", "ethnicity", "height_inches", "weight_pounds",
            "crisis_indicators", "impairments", "inability_signs", "weapon",
            "threat_perceived", "resisted", "resistance", "injured", "injuries",
            "serious_injury", "died", "medical_aid", "ems_called", "transported",
            "transported_by",
        ]  # fmt: skip
        widgets = {"inability_signs": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "age": "Age (your best estimate if not known)",
            "height_inches": "Height in inches (optional)",
            "weight_pounds": "Weight in pounds (optional)",
            "inability_signs": "Signs the person could not comply (not would not)",
            "weapon": "Weapon the person had or appeared to have",
            "threat_perceived": "You perceived a threat from the person to officers or others",
            "resisted": "The person resisted",
            "injured": "The person was injured",
            "serious_injury": "The injury was serious",
            "died": "The person died",
            "medical_aid": "Medical aid was given",
            "ems_called": "EMS were called",
            "transported": "The person was taken to hospital",
            "transported_by": "Transported by",
        }
        error_messages = {
            "age": {"required": "Give the age, or your best estimate."},
            "weapon": {"required": "Say whether the person had a weapon."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age"].required = True
        self.fields["weapon"].required = True
        self.fields["races"].required = True
        self.fields["races"].error_messages["required"] = "Tick at least one race (or Unknown)."
        for name in ("age", "weapon", "races"):
            self.fields[name].required_to_submit = True
            self.fields[name].widget.attrs["aria-required"] = "true"

    def clean(self):
        data = super().clean()
        if data.get("transported") and not data.get("transported_by"):
            self.add_error("transported_by", "Say who transported the person.")
        if (data.get("serious_injury") or data.get("injuries")) and not data.get("injured"):
            self.add_error("injured", "Injuries are recorded: tick “The person was injured”.")
        return data


class OfficerForm(RowForm):
    """The first row is the author (no choice of who); the others a colleague from the list,
    or an officer of another agency by name and agency."""

    user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Officer (anyone in the agency)",
        empty_label="Choose, or type a name below",
    )
    sex = code_choice(Code.Element.SEX, "Sex (optional)", required=False)
    races = code_choices(Code.Element.RACE, "Race (optional)")
    ethnicity = code_choice(Code.Element.ETHNICITY, "Ethnicity (optional)", required=False)
    injuries = code_choices(Code.Element.INJURY, "Injuries")

    class Meta:
        model = ReportOfficer
        fields = [
            "user", "name", "agency", "years_of_service", "off_duty", "age", "sex", "races",
            "ethnicity", "injured", "injuries", "intervened",
        ]  # fmt: skip
        labels = {
            "name": "Or: name of an officer without an account here",
            "agency": "Their agency (empty: this agency)",
            "years_of_service": "Years of service",
            "off_duty": "Off duty at the time",
            "age": "Age (optional)",
            "injured": "This officer was injured",
            "intervened": "Stepped in to stop or report another officer's force "
            "(duty to intervene)",
        }

    def __init__(self, *args, author=None, is_author=False, colleagues=None, **kwargs):
        """`colleagues`: the agency's officers, read once for every row of the report."""
        super().__init__(*args, **kwargs)
        self.is_author = is_author
        self.author = author
        self.colleagues = {person.pk: person for person in (colleagues or agency_officers(author))}
        if is_author:
            for name in ("user", "name", "agency"):
                del self.fields[name]
        else:
            field = self.fields["user"]
            field.queryset = agency_officers(author)  # what a posted choice is checked against
            field.choices = [("", field.empty_label)] + [
                (pk, officer_label(person)) for pk, person in self.colleagues.items()
            ]  # drawn from the list already read, not a query per row
            field.widget.attrs["data-select-filter"] = ""

    def has_changed(self) -> bool:
        """A colleague's row counts once someone is named in it."""
        if self.is_author:
            return True
        return bool(self["user"].value() or (self["name"].value() or "").strip())

    def clean(self):
        data = super().clean()
        if not self.is_author and data.get("user") and data.get("name"):
            self.add_error("name", "Choose a name from the list or type one, not both.")
        if data.get("injuries") and not data.get("injured"):
            self.add_error("injured", "Injuries are recorded: tick “This officer was injured”.")
        return data

    def label(self, number: int) -> str:
        if self.is_author:
            return f"{number}. You" + (f" ({self.author.get_full_name()})" if self.author else "")
        chosen = str(self["user"].value() or "")
        user = self.colleagues.get(int(chosen)) if chosen.isdigit() and len(chosen) < 19 else None
        if user:
            return f"{number}. {user.get_full_name() or user.username}"
        name = (self["name"].value() or "").strip()
        return f"{number}. {name}" if name else f"{number}. Officer {number}"


def _positions(labels: list[str], blank: str) -> list[tuple[str, str]]:
    return [("", blank), *[(str(number), label) for number, label in enumerate(labels, 1)]]


class BetweenPeopleForm(forms.Form):
    """A row that names an officer and a person by their numbers on the form; it counts once
    its `main` field is chosen."""

    main = ""
    officer_blank = subject_blank = "Choose"

    def __init__(self, *args, officers=(), subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = _positions(list(officers), self.officer_blank)
        self.fields["subject"].choices = _positions(list(subjects), self.subject_blank)

    def has_changed(self) -> bool:
        return bool(self[self.main].value())


class ForceForm(BetweenPeopleForm):
    """One type of force, used by one officer on one subject."""

    main, officer_blank, subject_blank = "force_type", "Choose the officer", "Choose the person"
    force_type = forms.ModelChoiceField(
        queryset=ForceType.objects.all(), required=False, label="Force", empty_label="Choose"
    )
    officer = forms.ChoiceField(label="Used by", required=False)
    subject = forms.ChoiceField(label="On", required=False)

    def clean(self):
        data = super().clean()
        if data.get("force_type"):
            if not data.get("officer"):
                self.add_error("officer", "Say which officer used this force.")
            if not data.get("subject"):
                self.add_error("subject", "Say on whom this force was used.")
        return data


class TechniqueForm(BetweenPeopleForm):
    """A technique tried and what it did: the officer says so ("Not sure" is an answer, never
    a default). Blank "tried by" is the author; blank "with" is the person, or everyone."""

    main, officer_blank, subject_blank = "technique", "You", "The person (or everyone)"
    technique = forms.ModelChoiceField(
        queryset=Technique.objects.all(), required=False, label="Technique"
    )
    effect = forms.ChoiceField(
        label="What it did", required=False, choices=[("", "Choose what it did"), *Effect.choices]
    )
    officer = forms.ChoiceField(label="Tried by", required=False)
    subject = forms.ChoiceField(label="With", required=False)

    def clean(self):
        data = super().clean()
        if data.get("technique") and not data.get("effect"):
            self.add_error("effect", "Say what it did (or “Not sure”).")
        return data


class BaseOfficerFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "is_author": index == 0}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if index == 0:
            del form.fields["DELETE"]  # the author stays on their own report


class BaseSubjectFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if index == 0:
            del form.fields["DELETE"]


# Rows beyond these are refused (absolute_max), so a forged row count cannot build a
# thousand forms.
SubjectFormSet = formset_factory(
    SubjectForm, BaseSubjectFormSet, extra=0, min_num=1, validate_min=True, can_delete=True,
    max_num=20, absolute_max=20,
)  # fmt: skip
OfficerFormSet = formset_factory(
    OfficerForm, BaseOfficerFormSet, extra=0, min_num=1, can_delete=True,
    max_num=30, absolute_max=30,
)  # fmt: skip
ForceFormSet = formset_factory(ForceForm, extra=0, max_num=60, absolute_max=60)
TechniqueFormSet = formset_factory(TechniqueForm, extra=0, max_num=60, absolute_max=60)
