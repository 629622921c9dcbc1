"""The report as the officer fills it in: the incident (this form) and its rows (subjects,
officers, force, techniques: see rows.py), all in one page that works without JavaScript.
Drafts keep whatever was typed, exactly; submitting checks everything."""

import re
from datetime import datetime

from django import forms
from django.db import models
from django.forms.models import model_to_dict
from django.forms.utils import ErrorDict
from django.http import QueryDict
from django.utils import timezone

from ..models import Code, Report
from ..models.reports import NARRATIVE_PROMPTS
from ..workflow import Submission
from .rows import (
    ForceFormSet,
    OfficerForm,
    OfficerFormSet,
    SubjectForm,
    SubjectFormSet,
    TechniqueFormSet,
    agency_officers,
    code_choice,
)

REQUIRED_TO_SUBMIT = {
    "case_number": "Give the case or incident number.",
    "occurred_at": "Give the date and time of the encounter.",
    "district": "Give the district.",
    "location_type": "Choose the type of location.",
    "call_type": "Choose the call type.",
    "contact_reason": "Choose the reason for the first contact.",
    "reason_for_contact": "Say why you made contact.",
    "outcome": "Choose the outcome.",
    "narrative_deescalation": "Describe the de-escalation you tried.",
}
# Each kind of row: its formset and how many rows a new report opens with.
ROWS = {
    "subjects": (SubjectFormSet, 1),
    "officers": (OfficerFormSet, 2),
    "force": (ForceFormSet, 1),
    "techniques": (TechniqueFormSet, 3),
}
DATETIME_INPUT = "%Y-%m-%dT%H:%M"


def with_row_counts(data) -> QueryDict:
    """The typed data with a sound row count for each kind of row: drafts from older versions,
    or from the checklist, may have none, and a count that is not a small number (typed by
    hand, or hostile) becomes the number of rows the data holds."""
    counted = data.copy() if isinstance(data, QueryDict) else _query_dict(data)
    for prefix, (formset, opening) in ROWS.items():
        seen = [
            int(match.group(1))
            for key in counted
            if (match := re.fullmatch(rf"{prefix}-(\d{{1,3}})-\w+", key))
        ]
        needed = max([opening, *(number + 1 for number in seen)])
        total = counted.get(f"{prefix}-TOTAL_FORMS", "")
        if not (total.isdigit() and len(total) < 4 and int(total) >= needed):
            counted[f"{prefix}-TOTAL_FORMS"] = str(min(needed, formset.max_num))
        counted[f"{prefix}-INITIAL_FORMS"] = "0"
    return counted


def with_another_row(data, prefix: str) -> QueryDict:
    counted = with_row_counts(data)
    formset = ROWS[prefix][0]
    counted[f"{prefix}-TOTAL_FORMS"] = str(
        min(int(str(counted[f"{prefix}-TOTAL_FORMS"])) + 1, formset.max_num)
    )
    return counted


def _query_dict(typed: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in typed.items():
        data.setlist(key, values)
    return data


class ReportForm(forms.ModelForm):
    """The incident, with its rows as formsets: `subjects`, `officers`, `force`, `techniques`."""

    location_type = code_choice(Code.Element.LOCATION_TYPE, "Type of location", required=False)
    contact_reason = code_choice(
        Code.Element.CONTACT_REASON, "Reason for the first contact", required=False
    )

    class Meta:
        model = Report
        fields = [
            "case_number", "occurred_at", "district", "beat", "address", "location_type",
            "call_type", "contact_reason", "reason_for_contact", "officer_approached", "ambush",
            "bwc_reference",
            "supervisor_on_scene", "supervisor_notified_at", "is_training",
            "no_technique_reason", "complaint", "outcome",
            *[name for name, _ in NARRATIVE_PROMPTS],
        ]  # fmt: skip
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_INPUT
            ),
            "supervisor_notified_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_INPUT
            ),
            "reason_for_contact": forms.Textarea(attrs={"rows": 2}),
            "no_technique_reason": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.Textarea(attrs={"rows": 3}) for name, _ in NARRATIVE_PROMPTS},
        }
        labels = {
            "occurred_at": "Date and time",
            "address": "Address (optional)",
            "bwc_reference": "Body-worn camera reference",
            "supervisor_on_scene": "A supervisor was on scene or consulted",
            "supervisor_notified_at": "When a supervisor was told of the force (date and time)",
            "no_technique_reason": "If no technique was feasible, say why",
            "is_training": "This is a training entry (never counted in analytics)",
            "complaint": "A complaint was made about the encounter",
            **dict(NARRATIVE_PROMPTS),
        }

    def __init__(self, data=None, *, instance=None, author=None):
        if data is not None:
            data = with_row_counts(data)
        super().__init__(data, instance=instance)
        for name in ("occurred_at", "supervisor_notified_at"):
            self.fields[name].input_formats = [DATETIME_INPUT, "%Y-%m-%d %H:%M"]
        for name in REQUIRED_TO_SUBMIT:  # optional while a draft, marked as needed to submit
            self.fields[name].required_to_submit = True
            self.fields[name].widget.attrs["aria-required"] = "true"
        self.subjects = SubjectFormSet(
            data, prefix="subjects", error_messages={"too_few_forms": "Describe the person."}
        )
        colleagues = list(agency_officers(author))
        self.officers = OfficerFormSet(
            data, prefix="officers", form_kwargs={"author": author, "colleagues": colleagues}
        )
        references = {
            "officers": [form.label(n) for n, form in enumerate(self.officers.forms, 1)],
            "subjects": [f"Person {n}" for n in range(1, len(self.subjects.forms) + 1)],
        }
        self.force = ForceFormSet(data, prefix="force", form_kwargs=references)
        self.techniques = TechniqueFormSet(data, prefix="techniques", form_kwargs=references)

    def error_summary(self) -> list[tuple[str, str]]:
        """(id of the field, what to fix) for every error, in the order of the page."""
        found = [
            (field.id_for_label, f"{field.label}: {error}")
            for field in self
            for error in field.errors
        ]
        found += [("", str(error)) for error in self.non_field_errors()]
        rows = {
            "subjects": "Person", "officers": "Officer", "force": "Force entry",
            "techniques": "Technique",
        }  # fmt: skip
        for formset in self.formsets:
            found += [("", str(error)) for error in formset.non_form_errors()]
            for number, row in enumerate(formset.forms, 1):
                for field in row:
                    found += [
                        (field.id_for_label, f"{rows[formset.prefix]} {number}, "
                         f"{str(field.label).lower()}: {error}")
                        for error in field.errors
                    ]  # fmt: skip
                found += [("", str(error)) for error in row.non_field_errors()]
        return found

    def quiet(self) -> "ReportForm":
        """A draft shown again: bound to what was typed, but not checked (nothing is marked
        invalid, aria-invalid included, until the officer submits)."""
        self._errors = ErrorDict()
        for formset in self.formsets:
            formset._errors, formset._non_form_errors = [], formset.error_class()
            for row in formset.forms:
                row._errors = ErrorDict()
        return self

    @property
    def formsets(self):
        return [self.subjects, self.officers, self.force, self.techniques]

    def is_valid(self) -> bool:
        form_valid = super().is_valid()  # every part runs, so every part shows its errors
        rows_valid = [formset.is_valid() for formset in self.formsets]
        return all(rows_valid) and form_valid

    def clean(self):
        data = super().clean()
        for field, message in REQUIRED_TO_SUBMIT.items():
            if not data.get(field) and field not in self.errors:
                self.add_error(field, message)
        if not all(formset.is_valid() for formset in self.formsets):
            return data  # the rows' own errors first; the checks across rows need them sound
        self._check_references()
        self._check_officers_named_once()
        if any(form.errors for formset in self.formsets for form in formset.forms):
            return data  # a row names someone the report does not list: that error first
        if self.force_rows():
            for name, prompt in NARRATIVE_PROMPTS[1:]:
                if not data.get(name):
                    self.add_error(name, f"Force was used: answer “{prompt}”")
            if not data.get("supervisor_notified_at") and not data.get("supervisor_on_scene"):
                self.add_error(
                    "supervisor_notified_at",
                    "Force was used: say when a supervisor was told "
                    "(or tick that one was on scene).",
                )
        if not data.get("no_technique_reason") and not self.technique_rows():
            self.add_error(
                "no_technique_reason",
                "List at least one technique you tried, or say why none was feasible.",
            )
        return data

    def _kept(self, formset) -> dict[int, forms.Form]:
        """Row number (from 1) → form, for the rows that will be saved."""
        return {
            number: form
            for number, form in enumerate(formset.forms, 1)
            if form.has_changed() and not (formset.can_delete and formset._should_delete_form(form))
        }

    def _check_references(self) -> None:
        subjects, officers = self._kept(self.subjects), self._kept(self.officers)
        for formset in (self.force, self.techniques):
            for form in formset.forms:
                if not form.has_changed():
                    continue
                subject = form.cleaned_data.get("subject")
                officer = form.cleaned_data.get("officer")
                if subject and int(subject) not in subjects:
                    form.add_error("subject", f"Person {subject} is not on the report.")
                if officer and int(officer) not in officers:
                    form.add_error("officer", f"Officer {officer} is not on the report.")

    def _check_officers_named_once(self) -> None:
        seen = set()
        for form in self._kept(self.officers).values():
            user = form.cleaned_data.get("user")
            if user is not None and user.pk in seen:
                form.add_error("user", "This officer is already on the report.")
            if user is not None:
                seen.add(user.pk)

    def force_rows(self) -> list[tuple]:
        """(force type, officer number, subject number) for each force entry."""
        return [
            (
                form.cleaned_data["force_type"],
                int(form.cleaned_data["officer"]),
                int(form.cleaned_data["subject"]),
            )
            for form in self._kept(self.force).values()
        ]

    def technique_rows(self) -> list[tuple]:
        """(technique, effect, officer number, subject number) in the order listed; each
        technique once per officer and subject (its first row)."""
        rows, seen = [], set()
        for form in self._kept(self.techniques).values():
            row = form.cleaned_data
            officer, subject = int(row["officer"] or 0) or None, int(row["subject"] or 0) or None
            key = (row["technique"].pk, officer, subject)
            if key not in seen:
                seen.add(key)
                rows.append((row["technique"], row["effect"], officer, subject))
        return rows

    def submission(self) -> Submission:
        """The cleaned report, as plain data for workflow.submit(). Rows refer to one another
        by their place in the submission's lists (from 0)."""
        subjects, officers = self._kept(self.subjects), self._kept(self.officers)
        subject_at = {number: place for place, number in enumerate(subjects)}
        officer_at = {number: place for place, number in enumerate(officers)}
        only_subject = 0 if len(subjects) == 1 else None
        return Submission(
            fields={name: self.cleaned_data[name] for name in self.Meta.fields},
            subjects=[_row_values(form) for form in subjects.values()],
            officers=[_row_values(form) for form in officers.values()],
            force=[
                (force_type, officer_at[officer], subject_at[subject])
                for force_type, officer, subject in self.force_rows()
            ],
            techniques=[
                (
                    technique,
                    effect,
                    officer_at[officer] if officer else 0,  # blank: "You", the author
                    subject_at[subject] if subject else only_subject,
                )
                for technique, effect, officer, subject in self.technique_rows()
            ],
        )


def _row_values(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}


def typed_from(report: Report) -> QueryDict:
    """A submitted report as the form would post it: what an officer edits after the report
    comes back, or in an amendment."""
    typed = _query_dict({})
    _put(typed, "", model_to_dict(report, ReportForm.Meta.fields))
    subjects = list(report.subjects.all())
    officers = sorted(report.officers.all(), key=lambda o: (o.user_id != report.author_id, o.order))
    place: dict[tuple[str, int | None], int] = {("s", s.pk): n for n, s in enumerate(subjects, 1)}
    place |= {("o", o.pk): n for n, o in enumerate(officers, 1)}
    for number, subject in enumerate(subjects):
        _put(typed, f"subjects-{number}-", model_to_dict(subject, SubjectForm.Meta.fields))
    for number, officer in enumerate(officers):
        values = model_to_dict(officer, OfficerForm.Meta.fields)
        if number == 0:
            values = {k: v for k, v in values.items() if k not in ("user", "name", "agency")}
        _put(typed, f"officers-{number}-", values)
    for number, force in enumerate(report.force.all()):
        _put(
            typed,
            f"force-{number}-",
            {
                "force_type": force.force_type_id,
                "officer": place.get(("o", force.officer_id), ""),
                "subject": place.get(("s", force.subject_id), ""),
            },
        )
    for number, attempt in enumerate(report.techniques.all()):
        _put(
            typed,
            f"techniques-{number}-",
            {
                "technique": attempt.technique_id,
                "effect": attempt.effect,
                "officer": place.get(("o", attempt.officer_id), ""),
                "subject": place.get(("s", attempt.subject_id), ""),
            },
        )
    for prefix, count in (
        ("subjects", len(subjects)), ("officers", len(officers) + 1),
        ("force", report.force.count() + 1), ("techniques", report.techniques.count() + 1),
    ):  # fmt: skip
        typed[f"{prefix}-TOTAL_FORMS"] = str(max(count, ROWS[prefix][1]))
    return typed


def _put(typed: QueryDict, prefix: str, values: dict) -> None:
    for name, value in values.items():
        typed.setlist(prefix + name, _as_typed(value))


def _as_typed(value) -> list[str]:
    if value is None:
        return [""]
    if isinstance(value, bool):
        return ["on"] if value else []
    if isinstance(value, datetime):
        return [timezone.localtime(value).strftime(DATETIME_INPUT)]
    if isinstance(value, models.Model):
        return [str(value.pk)]
    if isinstance(value, list | tuple):
        return [str(getattr(item, "pk", item)) for item in value]
    return [str(value)]
