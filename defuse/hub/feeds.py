"""RSS 2.0 and Atom feeds of hub items, for the whole site or one topic, optionally by audience."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from defuse.platform.content_cache import cached
from defuse.platform.months import start_of

from .models import Audience, HubItemPage

FEED_KINDS = ("rss", "atom")
FEED_LENGTH = 30


def audience_from(request) -> Audience | None:
    """The ?audience= filter; an unknown value is a 404, not a silently different feed."""
    slug = request.GET.get("audience")
    if not slug:
        return None
    audience = Audience.objects.filter(slug=slug).first()
    if audience is None:
        raise Http404("No such audience")
    return audience


class HubItemFeed(Feed):
    """Built once per request (never shared), so it may keep the request for absolute URLs."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def __init__(self, request, scope, kind: str):
        super().__init__()
        self.request = request
        self.scope = scope  # the site's home page or a topic page
        self.audience = audience_from(request)
        self.kind = kind
        if kind == "atom":
            self.feed_type = Atom1Feed

    def title(self):
        name = "Defuse" if self.scope.depth <= 2 else f"{self.scope.title} · Defuse"
        return f"{name} for {self.audience.name.lower()}" if self.audience else name

    def link(self):
        return self.scope.get_full_url(self.request)

    def feed_url(self):
        query = f"?audience={self.audience.slug}" if self.audience else ""
        return self.request.build_absolute_uri(self.request.path + query)

    def description(self):
        return getattr(self.scope.specific, "short_description", "") or (
            "De-escalation knowledge and training for police agencies."
        )

    def items(self):
        items = HubItemPage.objects.under(self.scope).for_listing()
        if self.audience:
            items = items.filter(audiences=self.audience)
        return items.prefetch_related("subtopics")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return start_of(item.publication_date)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [subtopic.name for subtopic in item.subtopics.all()]


def feed_response(request, scope, kind: str) -> HttpResponse:
    """The feed, built once per content version for each address it can have (the site's
    scheme and host are in its links; other query parameters are ignored)."""
    feed = HubItemFeed(request, scope, kind)  # an unknown audience is a 404 here, uncached

    def render() -> tuple[bytes, str, str | None]:
        built = feed(request)
        return built.content, built["Content-Type"], built.get("Last-Modified")

    audience = feed.audience.slug if feed.audience else ""
    site = f"{request.scheme}://{request.get_host()}"
    content, content_type, last_modified = cached(
        f"hub:feed:{site}:{scope.pk}:{kind}:{audience}", render
    )
    response = HttpResponse(content, content_type=content_type)
    if last_modified:
        response["Last-Modified"] = last_modified
    return response
