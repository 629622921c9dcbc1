"""The site's structure: a home page and topic pages that list hub items."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.http import urlencode
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from defuse.platform.content_cache import cached

from .. import page_hooks
from .items import HubItemPage, KnownRestrictionsMixin

TEASERS_PER_PAGE = 20


class FeedRoutesMixin(RoutablePageMixin):
    """feed/rss/ and feed/atom/ below the page: its items, optionally ?audience=patrol."""

    @path("feed/<str:kind>/", name="feed")
    def feed(self, request, kind):
        return page_hooks.call(page_hooks.FEED, request, self, kind)


class HomePage(KnownRestrictionsMixin, FeedRoutesMixin, Page):
    """The front page: what Defuse is and the newest items from every topic."""

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="A short welcome shown above the latest items.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["hub.TopicPage"]
    max_count = 1
    template = "hub/home_page.html"

    def route(self, request, path_components):
        """Find the page at the requested path in one query, rather than one child at a time
        (Wagtail's way: two queries per level), its type from the cache. Sub-routes of
        routable pages (feeds, a webinar's calendar) are not pages and go Wagtail's way."""
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"

            def find():
                found = Page.objects.filter(
                    path__startswith=self.path,
                    depth=self.depth + len(path_components),
                    slug=path_components[-1],
                    url_path=url_path,
                )
                return found.values_list("pk", "content_type_id").first()

            # Which page and of what type, cached until content changes: one query a request.
            known = cached(f"hub:route:{url_path}", find) if len(url_path) < 200 else find()
            if known is not None:
                model = ContentType.objects.get_for_id(known[1]).model_class()
                page = model.objects.filter(pk=known[0]).first() if model else None
                if page is not None:
                    return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_items"] = HubItemPage.objects.under(self).for_listing()[:6]
        context["topics"] = self.get_children().live().type(TopicPage).specific()
        return context


class TopicPage(KnownRestrictionsMixin, FeedRoutesMixin, Page):
    """A topic such as De-escalation: an introduction and its items, newest first."""

    introduction = RichTextField(
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text="What this topic covers and why it matters, a paragraph or two.",
    )
    short_description = models.CharField(
        max_length=200,
        blank=True,
        help_text="One sentence shown where other pages link to this topic.",
    )
    subtopic = models.ForeignKey(
        "hub.Subtopic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_pages",
        help_text="For a subtopic page: it lists the parent topic's items tagged with this "
        "subtopic. Leave empty for a topic that lists everything filed under it.",
    )

    lead_story = models.ForeignKey(
        "hub.HubItemPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown first and largest. Leave empty for the newest item with a picture.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("short_description"),
        FieldPanel("subtopic"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("lead_story"),
                InlinePanel(
                    "editors_picks",
                    label="Editor's pick",
                    help_text="Shown as 'Editors' picks' until enough readers' views make a "
                    "'Most popular' list.",
                ),
            ],
            heading="Lead story and editors' picks",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("short_description", boost=2),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["hub.HomePage", "hub.TopicPage"]
    subpage_types = [
        "hub.ArticlePage",
        "hub.VideoPage",
        "hub.WebinarPage",
        "hub.CaseStudyPage",
        "hub.PolicyBriefPage",
        "hub.ToolProfilePage",
        "hub.TopicPage",
    ]
    template = "hub/topic_page.html"

    @classmethod
    def filtered_listing_url(cls, facet: str, value: str) -> str:
        """The first top-level topic's listing filtered by one value (?audience=patrol): where
        readers browse an audience, or a subtopic without a subtopic page."""
        topic = (
            cls.objects.live()
            .public()
            .filter(subtopic__isnull=True)
            .order_by("depth", "path")
            .first()
        )
        return f"{(topic.url if topic else None) or '/'}?{urlencode({facet: value})}"

    def items(self):
        """Live items filed below this topic; a subtopic page's are its parent's, tagged."""
        if self.subtopic_id is None:
            return HubItemPage.objects.under(self).for_listing()
        return (
            HubItemPage.objects.under(self.get_parent())
            .for_listing()
            .filter(subtopics=self.subtopic_id)
        )

    def subtopic_pages(self) -> list[dict]:
        def load():
            pages = TopicPage.objects.child_of(self).live().filter(subtopic__isnull=False)
            return [{"title": page.title, "url": page.url} for page in pages]

        return cached(f"hub:subtopic-pages:{self.pk}", load)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_hooks.call(page_hooks.TOPIC_CONTEXT, self, request))
        return context


class TopicPick(Orderable):
    """An item an editor recommends on a topic page."""

    topic = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="editors_picks")
    item = models.ForeignKey("hub.HubItemPage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("item")]
