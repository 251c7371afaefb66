"""StreamField blocks shared by news items, background pages and publications."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# "sensitive-name" is registered by the observatory (a person at risk, stored as a reference and shown
# by a public description); Wagtail leaves out a listed feature no installed app registers.
SENSITIVE_NAME_FEATURE = "sensitive-name"
RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "h3",
    "h4",
    SENSITIVE_NAME_FEATURE,
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2")

    class Meta:
        icon = "title"
        template = "core/blocks/heading_block.html"
        preview_value = {"text": "Background", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote_block.html"
        preview_value = {"quote": "Dialogue is the only way forward.", "attribution": "A community leader"}


class CaptionedImageValue(blocks.StructValue):
    """What the figure shows: the block's own caption and credit where set, else the image's.

    The image carries them (asked once, on upload); a block only overrides them for one page.
    """

    @property
    def shown_caption(self):
        return self.get("caption") or getattr(self.get("image"), "caption", "")

    @property
    def shown_credit(self):
        return self.get("credit") or getattr(self.get("image"), "credit", "")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, help_text=_("Leave blank to use the image's own caption.")
    )
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, help_text=_("Leave blank to use the image's own credit.")
    )

    class Meta:
        icon = "image"
        template = "core/blocks/captioned_image_block.html"
        value_class = CaptionedImageValue
        # The overrides start folded away: most figures show the image's own caption and credit.
        form_layout = blocks.BlockGroup(
            children=[
                "image",
                blocks.BlockGroup(
                    ["caption", "credit"],
                    heading=_("Caption and credit on this page"),
                    help_text=_("Optional: blank fields show the image's own caption and credit."),
                    classname="collapsed",
                    icon="edit",
                ),
            ]
        )


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        template = "core/blocks/document_link_block.html"

    def get_context(self, value, parent_context=None):
        """Adds `file_size`; documents saved outside the admin may not have it stored yet."""
        context = super().get_context(value, parent_context=parent_context)
        document = value.get("document")
        size = getattr(document, "file_size", None)
        if document is not None and size is None:
            try:
                size = document.file.size
            except (OSError, ValueError):
                size = None
        context["file_size"] = size
        return context


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()


class SectionBlock(blocks.StructBlock):
    """A titled section of a background page, linkable by its anchor."""

    title = blocks.CharBlock(label=_("Section title"), max_length=200)
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=60,
        help_text=_("Optional id for linking straight to this section."),
    )
    body = blocks.StreamBlock(
        [
            ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES)),
            ("quote", QuoteBlock()),
            ("image", CaptionedImageBlock()),
            ("document", DocumentLinkBlock()),
        ]
    )

    class Meta:
        icon = "list-ul"
        template = "core/blocks/section_block.html"


class PageBodyBlock(BodyBlock):
    section = SectionBlock()
