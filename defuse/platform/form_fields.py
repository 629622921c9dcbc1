"""A multiple-choice model field that refuses an id no row can have. Django's own passes a
number past 64 bits to the database in its `pk__in` lookup, where SQLite raises OverflowError
and PostgreSQL an error of its own: a 500 for what is only an unknown choice. (Since Django
5.0 an exact lookup treats such a number as matching nothing, so Django's single-choice field
needs no help.)"""

from django import forms
from django.core.exceptions import ValidationError

LARGEST_ID = 2**63 - 1


def can_be_an_id(value) -> bool:
    digits = str(value).strip().lstrip("-+")
    if not (digits.isascii() and digits.isdigit()):
        return True  # not a number at all: Django's own check refuses it
    return len(digits) <= 19 and int(digits) <= LARGEST_ID


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for choice in value:
            if not can_be_an_id(choice):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(choice)[:40]},
                )
        return super()._check_values(value)
