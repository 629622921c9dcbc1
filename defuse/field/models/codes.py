from django.db import models
from wagtail.search import index


class CodeQuerySet(models.QuerySet):
    def of(self, element: str) -> "CodeQuerySet":
        return self.filter(element=element, active=True)


class Code(index.Indexed, models.Model):
    """A coded answer (sex, race, location type…) of the FBI's National Use-of-Force Data
    Collection. The FBI's own code lists could not all be verified (docs/use-of-force-data-
    elements.md), so they live in this table, with their source, and are corrected in the admin
    (Settings → Data codes) without a migration."""

    class Element(models.TextChoices):
        SEX = "sex", "Sex"
        RACE = "race", "Race"
        ETHNICITY = "ethnicity", "Ethnicity"
        LOCATION_TYPE = "location_type", "Location type"
        CONTACT_REASON = "contact_reason", "Reason for initial contact"
        RESISTANCE = "resistance", "Resistance or weapon involvement"
        INJURY = "injury", "Injury type"
        FORCE_CATEGORY = "force_category", "Type of force (FBI category)"

    element = models.CharField(max_length=30, choices=Element.choices)
    code = models.CharField(max_length=10, help_text="The code sent to the FBI.")
    label = models.CharField(max_length=120)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the code comes from (document and version)."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Offered on new reports.")

    objects = CodeQuerySet.as_manager()

    search_fields = [
        index.SearchField("label"),
        index.AutocompleteField("label"),
        index.SearchField("code"),
    ]

    class Meta:
        ordering = ["element", "sort_order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["element", "code"], name="field_code_element_code")
        ]
        verbose_name = "data code"

    def __str__(self):
        return self.label


def code_field(element: str, **options) -> models.ForeignKey:
    """One coded answer of `element` (a sex, a location type…), empty until answered."""
    return models.ForeignKey(
        Code,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"element": element},
        **options,
    )


def codes_field(element: str) -> models.ManyToManyField:
    """Any number of coded answers of `element` (races, injuries…)."""
    return models.ManyToManyField(
        Code, blank=True, related_name="+", limit_choices_to={"element": element}
    )
