from functools import cached_property

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from ..blocks import PassageBlock
from ..diagram import scenario_diagram
from ..scoring import best_path, decisions, scoring_check
from ..spec import Difficulty, ScenarioSpec
from ..stream import spec_from_scenario
from ..validation import draft_problems, problem_messages, publish_problems, validate

_SPECS: dict[int, ScenarioSpec] = {}


def spec_for_version(version_id: int, load_definition) -> ScenarioSpec:
    """Versions never change, so each process parses a version's definition once."""
    spec = _SPECS.get(version_id)
    if spec is None:
        if len(_SPECS) > 200:
            _SPECS.clear()
        spec = _SPECS[version_id] = ScenarioSpec.from_dict(load_definition())
    return spec


def forget_cached_specs() -> None:
    _SPECS.clear()


class ScenarioQuerySet(models.QuerySet):
    def playable(self):
        return self.filter(live=True, latest_version__isnull=False)


class Scenario(
    LockableMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel
):
    """A branching training scenario. Publishing it freezes a new ScenarioVersion for play."""

    title = models.CharField(max_length=200, help_text="Shown to officers.")
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Stable code; imports with this slug update it."
    )
    summary = models.TextField(blank=True, help_text="One or two sentences for the scenario list.")
    audiences = ParentalManyToManyField("hub.Audience", blank=True, help_text="Who it is for.")
    subtopics = ParentalManyToManyField("hub.Subtopic", blank=True, help_text="Hub subtopics.")
    estimated_minutes = models.PositiveSmallIntegerField(default=10, help_text="Time to play.")
    difficulty = models.CharField(
        max_length=20, choices=Difficulty.choices, default=Difficulty.BASIC, help_text="How hard."
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=70, help_text="Per cent of the best path's score needed to pass (no screen-outs)."
    )
    start = models.CharField(max_length=200, help_text="Name of the first passage.")
    passages = StreamField([("passage", PassageBlock())], help_text="Passages, in any order.")
    # The Twine story's own data (ScenarioSpec.twine), for the export: never shown, never played.
    twine = models.JSONField(default=dict, blank=True, editable=False)
    imported_from = models.CharField(
        max_length=20, blank=True, editable=False, help_text="Format of the last import."
    )
    latest_version = models.ForeignKey(
        "training.ScenarioVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScenarioQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("difficulty")]),
                FieldPanel("pass_mark"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("subtopics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="About",
        ),
        FieldPanel("start"),
        FieldPanel("passages"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def to_spec(self) -> ScenarioSpec:
        return spec_from_scenario(self)

    def clean(self):
        """A draft may be unscored and unfinished (an imported Twine story); what must hold to
        publish is checked by the admin's publish action (wagtail_hooks.PublishChecks)."""
        refusals, _ = draft_problems(validate(self.to_spec()))
        refusals, _ = publish_problems(refusals)  # the publish action warns about those
        if refusals:
            raise ValidationError(problem_messages(refusals))

    def get_preview_template(self, request, mode_name):
        return "training/admin/scenario_preview.html"

    def get_preview_context(self, request, mode_name):
        spec = self.to_spec()
        problems = validate(spec)
        context = super().get_preview_context(request, mode_name)
        context.update(spec=spec, problems=problems)
        if not problems:
            check = scoring_check(spec)
            context.update(best=check.ideal, check=check, diagram=scenario_diagram(spec))
        return context


class ScenarioVersion(models.Model):
    """An immutable snapshot of a published scenario; attempts stay tied to the one they played."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField(help_text="ScenarioSpec.to_dict() at publication.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    source = models.CharField(max_length=20, default="admin", help_text="admin, yaml, twee, html")

    class Meta:
        ordering = ["scenario", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "number"], name="unique_version_number")
        ]

    def __str__(self):
        return f"{self.scenario} v{self.number}"

    @property
    def spec(self) -> ScenarioSpec:
        return spec_for_version(self.pk, lambda: self.definition)

    @cached_property
    def best(self):
        return best_path(self.spec)

    @cached_property
    def decisions(self):
        """The best option open at each decision (scoring.decisions), worked out once."""
        return decisions(self.spec)
