"""Case studies, policy briefs and tool profiles: structured items with fields of their own."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from defuse.core.blocks import TimelineBlock

from .items import HubItemPage

PROSE = ["bold", "italic", "link", "ol", "ul"]


class CaseStudyPage(HubItemPage):
    """An incident told decision by decision, each tagged with its Critical Decision-Making step."""

    incident_summary = RichTextField(
        features=PROSE, help_text="What happened, in a paragraph or two. No real names."
    )
    timeline = StreamField(
        TimelineBlock(),
        blank=True,
        help_text="The decision points in order, each with its CDM step.",
    )
    outcome = RichTextField(features=PROSE, help_text="How the encounter ended, and injuries.")
    lessons = RichTextField(features=PROSE, help_text="What others can learn from it.")

    content_panels = [
        *HubItemPage.content_panels,
        *HubItemPage.listing_panels,
        FieldPanel("incident_summary"),
        FieldPanel("timeline"),
        FieldPanel("outcome"),
        FieldPanel("lessons"),
    ]
    search_fields = [
        *HubItemPage.search_fields,
        index.SearchField("incident_summary"),
        index.SearchField("timeline"),
        index.SearchField("outcome"),
        index.SearchField("lessons"),
    ]
    template = "hub/case_study_page.html"

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"


class PolicyBriefPage(HubItemPage):
    """A change in law or agency policy: what changed, from when, and why it matters."""

    jurisdiction = models.CharField(
        max_length=160, help_text="Where it applies, e.g. 'State of Ohio' or 'Springfield PD'."
    )
    effective_date = models.DateField(help_text="When the change takes or took effect.")
    what_changed = RichTextField(features=PROSE, help_text="The change, in plain words.")
    why_it_matters = RichTextField(features=PROSE, help_text="What it means for officers.")
    source_url = models.URLField(
        blank=True, help_text="Link to the statute, policy or official summary."
    )

    content_panels = [
        *HubItemPage.content_panels,
        *HubItemPage.listing_panels,
        MultiFieldPanel(
            [FieldPanel("jurisdiction"), FieldPanel("effective_date"), FieldPanel("source_url")],
            heading="The policy",
        ),
        FieldPanel("what_changed"),
        FieldPanel("why_it_matters"),
    ]
    search_fields = [
        *HubItemPage.search_fields,
        index.SearchField("jurisdiction", boost=2),
        index.SearchField("what_changed"),
        index.SearchField("why_it_matters"),
    ]
    template = "hub/policy_brief_page.html"

    class Meta:
        verbose_name = "policy brief"


class ToolProfilePage(HubItemPage):
    """Editorial profile of a less-lethal option or technology. Not advertising."""

    class Category(models.TextChoices):
        RESTRAINT = "restraint", "Restraint"
        IMPACT = "impact", "Impact tools"
        CEW = "cew", "Conducted energy weapons"
        LAUNCHER = "launcher", "Launchers and impact rounds"
        DRONES_ROBOTS = "drones_robots", "Drones and robots"
        RECORDS = "records", "Records and reporting software"
        OTHER = "other", "Other technology"

    category = models.CharField(
        max_length=20, choices=Category.choices, help_text="What kind of tool it is."
    )
    how_it_works = RichTextField(features=PROSE, help_text="How the tool works, plainly.")
    where_it_fits = RichTextField(
        features=PROSE, help_text="Where it fits in a de-escalation plan, and where it does not."
    )
    considerations = RichTextField(
        features=PROSE, help_text="Risks, policy, training and medical considerations."
    )

    content_panels = [
        *HubItemPage.content_panels,
        *HubItemPage.listing_panels,
        FieldPanel("category"),
        FieldPanel("how_it_works"),
        FieldPanel("where_it_fits"),
        FieldPanel("considerations"),
    ]
    search_fields = [
        *HubItemPage.search_fields,
        index.SearchField("how_it_works"),
        index.SearchField("where_it_fits"),
        index.SearchField("considerations"),
        index.FilterField("category"),
    ]
    template = "hub/tool_profile_page.html"

    class Meta:
        verbose_name = "tool profile"
