"""The people in an encounter: its subjects and its officers, each with what the FBI's
National Use-of-Force Data Collection asks about them and what Defuse adds."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from .codes import Code, code_field, codes_field


class Weapon(models.TextChoices):
    NONE = "none", "None"
    EDGED = "edged", "Edged"
    BLUNT = "blunt", "Blunt"
    FIREARM = "firearm", "Firearm"
    OTHER = "other", "Other"


class CrisisIndicator(models.TextChoices):
    SUICIDAL = "suicidal", "Suicidal statements or actions"
    PSYCHOSIS = "psychosis", "Hallucinations or delusions"
    DISTRESS = "distress", "Severe emotional distress"
    DISORIENTED = "disoriented", "Confusion or disorientation"
    KNOWN_ILLNESS = "known_illness", "Known mental illness"


class Impairment(models.TextChoices):
    ALCOHOL = "alcohol", "Alcohol"
    DRUGS = "drugs", "Drugs"
    MEDICAL = "medical", "Medical condition"
    DEVELOPMENTAL = "developmental", "Developmental disability"
    LANGUAGE = "language", "Language barrier"


class Subject(models.Model):
    """A person officers dealt with: NUFDC subject elements, then Defuse's crisis and care."""

    report = models.ForeignKey("field.Report", on_delete=models.CASCADE, related_name="subjects")
    order = models.PositiveSmallIntegerField(default=1)
    age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    sex = code_field(Code.Element.SEX)
    races = codes_field(Code.Element.RACE)
    ethnicity = code_field(Code.Element.ETHNICITY)
    height_inches = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(108)]
    )
    weight_pounds = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    crisis_indicators = models.JSONField(default=list, blank=True)
    impairments = models.JSONField(default=list, blank=True)
    inability_signs = models.TextField(blank=True)
    weapon = models.CharField(max_length=20, choices=Weapon.choices, blank=True)
    threat_perceived = models.BooleanField(default=False)
    resisted = models.BooleanField(default=False)
    resistance = codes_field(Code.Element.RESISTANCE)
    injured = models.BooleanField(default=False)
    injuries = codes_field(Code.Element.INJURY)
    serious_injury = models.BooleanField(default=False)
    died = models.BooleanField(default=False)
    medical_aid = models.BooleanField(default=False)
    ems_called = models.BooleanField(default=False)
    transported = models.BooleanField(default=False)
    transported_by = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["report", "order"]

    def __str__(self):
        return f"Subject {self.order}"


class ReportOfficer(models.Model):
    """An officer at the encounter: the author, a colleague (a user), or an officer of another
    agency by name and agency. Demographics as recorded at the time of the encounter."""

    report = models.ForeignKey("field.Report", on_delete=models.CASCADE, related_name="officers")
    order = models.PositiveSmallIntegerField(default=1)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="field_report_officers",
    )
    name = models.CharField(max_length=120, blank=True, help_text="An officer without an account.")
    agency = models.CharField(max_length=120, blank=True, help_text="Empty: this agency.")
    years_of_service = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    off_duty = models.BooleanField(default=False)
    age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    sex = code_field(Code.Element.SEX)
    races = codes_field(Code.Element.RACE)
    ethnicity = code_field(Code.Element.ETHNICITY)
    injured = models.BooleanField(default=False)
    injuries = codes_field(Code.Element.INJURY)
    intervened = models.BooleanField(
        default=False, help_text="Stepped in to stop or report another officer's force."
    )

    class Meta:
        ordering = ["report", "order"]

    def __str__(self):
        if self.user_id:
            name = self.user.get_full_name() or self.user.username
        else:
            name = self.name or "Name not recorded"
        return f"{name} ({self.agency})" if self.agency else name
