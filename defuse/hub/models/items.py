"""Hub items: the readable things a topic lists. Shared fields live on one concrete base page so
that a listing of every kind of item is one query, sorted by date."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from defuse.core.blocks import BodyBlock
from defuse.platform.content_cache import cached

from .. import page_hooks

TEASER_MAX_LENGTH = 200
# What summary() reads: load only these when an item is shown as a link with its teaser.
SUMMARY_FIELDS = ("title", "url_path", "teaser", "publication_date", "content_type_id")


def private_sections() -> list[tuple[str, int]]:
    """(path, depth) of every page behind a login or password (Wagtail's view restrictions),
    cached until a restriction or the tree changes."""

    def load():
        return list(PageViewRestriction.objects.values_list("page__path", "page__depth"))

    return cached("hub:private-sections", load)


def site_has_aliases() -> bool:
    return cached("hub:has-aliases", Page.objects.filter(alias_of__isnull=False).exists)


class KnownRestrictionsMixin:
    """Serving a page asks for the view restrictions of it and its ancestors (two queries).
    With no private section above this page, and no alias pages anywhere (an alias takes its
    source's restrictions), there are none to find: no queries."""

    def get_view_restrictions(self):
        restricted = any(self.path.startswith(path) for path, _ in private_sections())
        if restricted or site_has_aliases():
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


class HubItemQuerySet(PageQuerySet):
    def private_q(self) -> Q:
        """Wagtail's private sections, as for public(), without a query each time a listing is
        built."""
        q = Q()
        for path, depth in private_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])

    def under(self, page) -> "HubItemQuerySet":
        """Items below page in the tree.

        Like Wagtail's descendant_of() but without its `depth >=` condition, which would lead
        SQLite to walk the (depth, path) index and sort every item, instead of reading the
        newest first from the publication-date index and stopping at a page's worth."""
        return self.filter(path__startswith=page.path)

    def newest_first(self) -> "HubItemQuerySet":
        return self.order_by("-publication_date", "-pk")

    def for_listing(self) -> "HubItemQuerySet":
        """Live items with what a teaser shows, in a fixed number of queries."""
        return (
            self.live()
            .public()
            .newest_first()
            .only(
                "title",
                "url_path",
                "content_type_id",
                "teaser",
                "publication_date",
                "listing_image",
                "last_published_at",
                "sponsored",
                "sponsor",
            )
            .prefetch_related("audiences", "authors")
        )


HubItemManager = PageManager.from_queryset(HubItemQuerySet)


class HubItemPage(KnownRestrictionsMixin, Page):
    """Fields every hub item shares. Not created directly: pick a concrete type below."""

    teaser = models.CharField(
        max_length=TEASER_MAX_LENGTH,
        help_text=(
            "One sentence, at most 200 characters, that tells a reader why this matters. "
            "Listings, feeds and search results show it."
        ),
    )
    publication_date = models.DateField(
        default=timezone.localdate,
        db_index=True,
        help_text="The date readers see; listings sort newest first by it.",
    )
    audiences = ParentalManyToManyField(
        "hub.Audience",
        related_name="items",
        help_text="Who this is for. Pick every group it serves.",
    )
    subtopics = ParentalManyToManyField(
        "hub.Subtopic",
        blank=True,
        related_name="items",
        help_text="The strands of de-escalation it covers.",
    )
    authors = ParentalManyToManyField(
        "hub.Author",
        blank=True,
        related_name="items",
        help_text="Who wrote or presents it.",
    )
    techniques = ParentalManyToManyField(
        "core.Technique",
        blank=True,
        related_name="hub_items",
        help_text="De-escalation techniques this item teaches or shows.",
    )
    sponsored = models.BooleanField(
        default=False,
        help_text="Paid or vendor-supplied content, labelled 'Sponsored' wherever it appears.",
    )
    sponsor = models.CharField(
        max_length=120,
        blank=True,
        help_text="Who paid for or supplied it. Required when the item is sponsored.",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture shown beside the teaser in listings.",
    )

    objects = HubItemManager()

    is_creatable = False
    parent_page_types = ["hub.TopicPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=3),
        index.AutocompleteField("teaser"),
        index.FilterField("publication_date"),
    ]

    listing_panels = [
        FieldPanel("teaser"),
        FieldPanel("publication_date"),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("subtopics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("techniques", widget=forms.CheckboxSelectMultiple),
                FieldPanel("authors"),
            ],
            heading="Audience, subtopics, techniques and authors",
        ),
        FieldPanel("listing_image"),
        MultiFieldPanel([FieldPanel("sponsored"), FieldPanel("sponsor")], heading="Sponsorship"),
    ]

    class Meta:
        indexes = [models.Index(fields=["publication_date", "page_ptr"], name="hub_item_date")]

    @property
    def type_label(self) -> str:
        return self.specific_class._meta.verbose_name.capitalize()

    def summary(self) -> dict:
        """Plain data for a link to this item (suggestions, related, most popular): cacheable."""
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type_label,
            "teaser": self.teaser,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_hooks.call(page_hooks.ITEM_CONTEXT, self, request))
        return context

    @property
    def og_type(self) -> str:
        return "article"

    def clean(self):
        super().clean()
        if self.sponsored and not self.sponsor.strip():
            raise ValidationError({"sponsor": "Name the sponsor of sponsored content."})


class ArticlePage(HubItemPage):
    """A written piece: tactics, research summaries, interviews, commentary."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="The article: paragraphs, headings, quotes, images and call-outs.",
    )

    content_panels = [*HubItemPage.content_panels, *HubItemPage.listing_panels, FieldPanel("body")]
    search_fields = HubItemPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["hub.TopicPage"]
    subpage_types: list[str] = []
    template = "hub/article_page.html"

    class Meta:
        verbose_name = "article"
