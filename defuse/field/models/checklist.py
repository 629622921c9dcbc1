from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin


class Phase(models.TextChoices):
    BEFORE_ARRIVAL = "before", "Before arrival"
    ON_SCENE = "on_scene", "On scene"
    AFTER = "after", "After the call"


class ChecklistQuerySet(models.QuerySet):
    def current(self):
        """The published checklist officers use (the most recently published, if several)."""
        return self.filter(live=True).order_by("-last_published_at").first()


class Checklist(DraftStateMixin, RevisionMixin, ClusterableModel):
    """The de-escalation checklist. Every publication is kept as a revision."""

    title = models.CharField(max_length=120, help_text="Shown at the top of the checklist.")
    introduction = models.TextField(blank=True, help_text="One or two sentences before phase 1.")

    objects = ChecklistQuerySet.as_manager()

    panels = [FieldPanel("title"), FieldPanel("introduction"), InlinePanel("items", label="Item")]

    def __str__(self):
        return self.title

    def phases(self):
        items = list(self.items.select_related("technique"))
        return [(phase, [item for item in items if item.phase == phase.value]) for phase in Phase]


class ChecklistItem(Orderable):
    checklist = ParentalKey(Checklist, on_delete=models.CASCADE, related_name="items")
    phase = models.CharField(max_length=20, choices=Phase.choices, help_text="When it applies.")
    text = models.CharField(max_length=200, help_text="The item, as an instruction.")
    technique = models.ForeignKey(
        "core.Technique",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="The technique a tick records in a report.",
    )
    prompts = models.TextField(blank=True, help_text="Short prompt questions, one per line.")

    panels = [
        FieldPanel("phase"),
        FieldPanel("text"),
        FieldPanel("technique"),
        FieldPanel("prompts"),
    ]

    def prompt_list(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]

    def __str__(self):
        return self.text
