"""StreamField blocks for editing a scenario in the Wagtail admin."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from defuse.core.vocabulary import SCENARIO_OUTCOMES, CDMStep, Technique, outcome_choices


def technique_choices():
    return [(technique.code, technique.label) for technique in Technique.objects.all()]


class TechniquesBlock(blocks.MultipleChoiceBlock):
    """Technique codes. Stored codes are plain strings, so reading them back needs no lookup:
    the stock block normalises each value against the choices, a database query per choice,
    which made a 2,000-passage scenario take seconds to load."""

    def to_python(self, value):
        return [str(code) for code in value or []]


class ChoiceBlock(blocks.StructBlock):
    label = blocks.CharBlock(help_text="What the officer does or says, as they will read it.")
    target = blocks.CharBlock(help_text="Name of the passage this choice leads to.")
    core = blocks.IntegerBlock(min_value=0, max_value=2, default=0, label=CDMStep.CORE.label)
    collect = blocks.IntegerBlock(min_value=0, max_value=2, default=0, label=CDMStep.COLLECT.label)
    assess = blocks.IntegerBlock(min_value=0, max_value=2, default=0, label=CDMStep.ASSESS.label)
    powers = blocks.IntegerBlock(min_value=0, max_value=2, default=0, label=CDMStep.POWERS.label)
    options = blocks.IntegerBlock(min_value=0, max_value=2, default=0, label=CDMStep.OPTIONS.label)
    act = blocks.IntegerBlock(min_value=0, max_value=2, default=0, label=CDMStep.ACT.label)
    techniques = TechniquesBlock(
        choices=technique_choices, required=False, help_text="Techniques this choice demonstrates."
    )
    feedback = blocks.TextBlock(required=False, help_text="Shown in the after-action review.")
    verdict = blocks.ChoiceBlock(
        choices=[("best", "Best"), ("acceptable", "Acceptable"), ("mistake", "Mistake")],
        required=False,
        help_text="What the feedback says this option is; publishing warns if the points "
        "disagree (a best option that scores less than another, a mistake that scores most).",
    )
    screen_out = blocks.CharBlock(
        required=False,
        help_text="Fill in only for a critical failure: choosing this fails the attempt. Say why.",
    )
    learn = blocks.PageChooserBlock(
        page_type="hub.HubItemPage", required=False, help_text="Hub item that teaches the point."
    )

    class Meta:
        icon = "redirect"
        label_format = "{label} → {target}"


class PassageBlock(blocks.StructBlock):
    name = blocks.CharBlock(help_text="Unique within the scenario; choices link to it by name.")
    text = blocks.TextBlock(required=False, help_text="Narrative. Blank lines separate paragraphs.")
    ending = blocks.ChoiceBlock(
        choices=outcome_choices(SCENARIO_OUTCOMES),
        required=False,
        help_text="Set only if this passage ends it.",
    )
    timer = blocks.IntegerBlock(
        required=False, min_value=3, max_value=600, help_text="Seconds to decide (optional)."
    )
    timeout = blocks.CharBlock(
        required=False, help_text="Passage reached when the timer runs out: the no-decision branch."
    )
    visits = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=20,
        help_text="For a passage in a loop (act, review, re-assess): the most times an attempt "
        "may enter it; options into it are no longer offered after that.",
    )
    timeout_screen_out = blocks.CharBlock(
        required=False,
        help_text="If not deciding in time is a critical failure here (failing to intervene), "
        "say why: it fails the attempt.",
    )
    justified = blocks.TextBlock(
        required=False,
        help_text="At a force or injury ending: why force was the right answer here. Without "
        "it, such an ending fails the attempt.",
    )
    image = ImageChooserBlock(required=False)
    media = DocumentChooserBlock(required=False, help_text="Audio or video (MP4, WebM).")
    captions = DocumentChooserBlock(required=False, help_text="WebVTT captions for the video.")
    choices = blocks.ListBlock(ChoiceBlock(), default=[])

    class Meta:
        icon = "doc-full"
        label_format = "{name}"
