"""The one vocabulary of de-escalation that articles, scenarios, the checklist and reports share.

The Critical Decision-Making Model's parts are fixed (codes below); de-escalation techniques are
rows an administrator can relabel, seeded from TECHNIQUES by a migration.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class CDMStep(models.TextChoices):
    CORE = "core", "Core: mission, values, ethics, dignity, duty to intervene"
    COLLECT = "collect", "1. Collect information"
    ASSESS = "assess", "2. Assess the situation, threats and risks"
    POWERS = "powers", "3. Consider police powers and agency policy"
    OPTIONS = "options", "4. Identify options and determine the best course of action"
    ACT = "act", "5. Act, review and re-assess"


class Outcome(models.TextChoices):
    """How an encounter ended: in a report an officer files, or at a scenario's ending."""

    ADVICE = "advice", "Advice or no further action"
    VOLUNTARY_COMPLIANCE = "voluntary_compliance", "Voluntary compliance"
    REFERRAL = "referral", "Referred to services"
    TRANSPORTED_TO_CARE = "transported_to_care", "Transported to care"
    CITATION = "citation", "Citation or summons"
    ARREST = "arrest", "Arrest"
    ARREST_WITHOUT_FORCE = "arrest_without_force", "Arrest without force"
    DISENGAGED = "disengaged", "Officers disengaged"
    FORCE_USED = "force_used", "Force used"
    INJURY = "injury", "Injury"
    OTHER = "other", "Other"


# The outcomes a report offers, and those a scenario's ending may have, in the order shown.
REPORT_OUTCOMES = [
    Outcome.ADVICE,
    Outcome.VOLUNTARY_COMPLIANCE,
    Outcome.REFERRAL,
    Outcome.TRANSPORTED_TO_CARE,
    Outcome.CITATION,
    Outcome.ARREST,
    Outcome.DISENGAGED,
    Outcome.OTHER,
]
SCENARIO_OUTCOMES = [
    Outcome.VOLUNTARY_COMPLIANCE,
    Outcome.TRANSPORTED_TO_CARE,
    Outcome.REFERRAL,
    Outcome.ARREST_WITHOUT_FORCE,
    Outcome.DISENGAGED,
    Outcome.FORCE_USED,
    Outcome.INJURY,
]
# Older spellings that files in the wild may still use, and the outcome each one means.
OUTCOME_ALIASES = {"referred": Outcome.REFERRAL}


def outcome_choices(outcomes: list[Outcome]) -> list[tuple[str, str]]:
    """(code, label) pairs for a form or a model field's choices."""
    return [(outcome.value, outcome.label) for outcome in outcomes]


# (code, label, description): the starting list, in the order officers meet them.
TECHNIQUES = [
    (
        "tactical-communication",
        "Tactical communication",
        "Active listening, one communicator at a time, calm and clear words.",
    ),
    (
        "tactical-pause",
        "Slowing down / tactical pause",
        "Taking time when nothing forces a decision.",
    ),
    ("time", "Time", "Using time to gather information and let emotions settle."),
    ("distance", "Distance", "Increasing the gap to widen options and lower pressure."),
    ("cover-shielding", "Cover and shielding", "Using cover or a shield to reduce the threat."),
    ("containment", "Containment", "Limiting movement and access without closing in."),
    ("repositioning", "Tactical repositioning", "Moving to a position of advantage or safety."),
    ("resources-backup", "Additional resources and backup", "Calling for more officers or tools."),
    (
        "cit-coresponder",
        "Crisis intervention team or co-responder",
        "Bringing in crisis-trained officers or a mental-health professional.",
    ),
    ("supervisor-on-scene", "Supervisor on scene", "Requesting a supervisor to the call."),
    (
        "calm-warnings",
        "Warnings given calmly with explanation",
        "Advising of consequences calmly, with time to comply.",
    ),
    ("options-choices", "Offering options and choices", "Giving the person acceptable choices."),
    (
        "inability-to-comply",
        "Considering inability to comply",
        "Medical condition, impairment, disability, language barrier, intoxication or crisis.",
    ),
    ("swap-communicator", "Swapping the communicator", "Changing who talks when rapport fails."),
]


class Technique(index.Indexed, models.Model):
    """A de-escalation technique code, shared by every part of Defuse."""

    code = models.SlugField(
        unique=True, help_text="Stable code used in data, filters and imports. Do not change it."
    )
    label = models.CharField(max_length=120, help_text="The name officers see.")
    description = models.TextField(blank=True, help_text="One sentence on what it means.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Order in lists.")

    panels = [FieldPanel("label"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("label"), index.AutocompleteField("label")]

    class Meta:
        ordering = ["sort_order", "label"]

    def __str__(self):
        return self.label
