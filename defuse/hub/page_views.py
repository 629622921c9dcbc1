"""What hub pages do when served, beyond showing their fields: a topic's filtered listing and
feeds, an item's related items and JSON-LD, a webinar's registration and calendar. The page
models hand over to these functions through page_hooks."""

from django.http import Http404, HttpResponse

from defuse.platform.content_cache import cached, content_version
from defuse.platform.pagination import page_or_404

from .feeds import FEED_KINDS, feed_response
from .filters import TopicFilters
from .models import HubItemPage, TopicPage
from .models.pages import TEASERS_PER_PAGE
from .popularity import most_popular
from .related import related_items
from .structured_data import item_data


def feed(request, page, kind: str) -> HttpResponse:
    """feed/rss/ and feed/atom/ below a home or topic page."""
    if kind not in FEED_KINDS:
        raise Http404("No such feed")
    return feed_response(request, page, kind)


def topic_context(topic: TopicPage, request) -> dict:
    filters = TopicFilters(request.GET, topic.items())
    facets = filters.facets(cache_key=f"topic:{topic.pk}")
    items = filters.items()
    count = cached(f"hub:count:topic:{topic.pk}:{filters.signature()}", items.count)
    items_page = page_or_404(request, items, TEASERS_PER_PAGE, count=count)
    return {
        "filters": filters,
        "facets": facets,
        "items_page": items_page,
        # The rendered teasers, until anything is published (the key holds the content version).
        "teasers_cache_key": (
            f"{content_version()}:{topic.pk}:{filters.signature()}:{items_page.number}"
        ),
        "subtopic_pages": topic.subtopic_pages(),
        "most_popular": most_popular(topic.items(), cache_key=f"topic:{topic.pk}"),
    }


def item_context(item: HubItemPage, request) -> dict:
    return {"related_items": related_items(item), "structured_data": item_data(item, request)}
