"""StreamField blocks shared by every kind of page."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .vocabulary import CDMStep


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="The heading's words.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (H2)"), ("h3", "Subsection (H3)")],
        default="h2",
        help_text="H2 for a section, H3 for a part of one.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The quoted words, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=200, help_text="Who said it, and their role."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("caution", "Caution"), ("policy", "Policy note")],
        default="tip",
        help_text="Sets the call-out's label and colour.",
    )
    title = blocks.CharBlock(max_length=120, required=False, help_text="Optional short title.")
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        icon="pilcrow",
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock(template="blocks/image.html")
    callout = CalloutBlock()


class DecisionPointBlock(blocks.StructBlock):
    """One moment of an incident where an officer chose what to do, tagged with a CDM step."""

    moment = blocks.CharBlock(
        max_length=80, help_text="When it happened, e.g. '00:45 after arrival' or 'On approach'."
    )
    situation = blocks.TextBlock(help_text="What the officer knew and saw at that moment.")
    decision = blocks.TextBlock(help_text="What the officer decided and did.")
    cdm_step = blocks.ChoiceBlock(
        choices=CDMStep.choices, help_text="The Critical Decision-Making Model step it shows."
    )

    class Meta:
        icon = "time"
        template = "blocks/decision_point.html"


class TimelineBlock(blocks.StreamBlock):
    decision_point = DecisionPointBlock()
