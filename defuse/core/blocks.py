"""StreamField blocks shared by every kind of page."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


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
