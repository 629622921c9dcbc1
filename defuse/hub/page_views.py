"""What hub pages do when served, beyond showing their fields: a topic's filtered listing and
feeds, an item's related items and JSON-LD, a webinar's registration and calendar. The page
models hand over to these functions through page_hooks."""

from django.http import Http404, HttpResponse
from django.utils.functional import SimpleLazyObject

from defuse.platform.content_cache import cached, content_version
from defuse.platform.pagination import PAGE_PARAMETER, page_or_404

from .feeds import FEED_KINDS, feed_response
from .filters import TopicFilters
from .forms import SubscribeForm
from .models import HubItemPage, TopicPage
from .models.pages import TEASERS_PER_PAGE
from .popularity import popular_or_picks
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
    # The lead story heads page 1 and is left out of the list on every page, so pagination
    # neither repeats an item nor changes its count between pages.
    lead_id = lead_story_id(topic) if not filters.active else None
    first_page = request.GET.get(PAGE_PARAMETER, "1") == "1"
    items = filters.items()
    if lead_id:
        items = items.exclude(pk=lead_id)
    count = cached(f"hub:count:topic:{topic.pk}:{filters.signature()}:{lead_id}", items.count)
    items_page = page_or_404(request, items, TEASERS_PER_PAGE, count=count)
    # One query for the page's items, and none while the teasers are in the fragment cache:
    # the template shows the first three, the box beside them, then the rest.
    rows = items_page.object_list
    items_page.object_list = SimpleLazyObject(lambda: list(rows))
    return {
        "filters": filters,
        "facets": facets,
        "items_page": items_page,
        # Read only when the cached teasers below are not: callables, which templates call.
        "lead_story": (
            (lambda: topic.items().filter(pk=lead_id).first()) if lead_id and first_page else None
        ),
        # The rendered teasers, until anything is published (the key holds the content version).
        "teasers_cache_key": (
            f"{content_version()}:{topic.pk}:{filters.signature()}:{items_page.number}:{lead_id}"
        ),
        "subtopic_pages": topic.subtopic_pages(),
        "popular": popular_or_picks(topic.items(), picks(topic), cache_key=f"topic:{topic.pk}"),
        "newsletter_form": SubscribeForm(),
    }


def lead_story_id(topic: TopicPage) -> int | None:
    """The editor's lead story if it is live in this topic, else the newest item with a
    picture (cached until content changes)."""

    def load():
        items = topic.items().order_by("-publication_date", "-pk")
        chosen = items.filter(pk=topic.lead_story_id).values_list("pk", flat=True).first()
        if chosen is None:
            with_picture = items.filter(listing_image__isnull=False)
            chosen = with_picture.values_list("pk", flat=True).first()
        return chosen

    return cached(f"hub:lead:{topic.pk}", load)


def picks(topic: TopicPage) -> list[dict]:
    def load():
        order = list(topic.editors_picks.order_by("sort_order").values_list("item_id", flat=True))
        found = {item.pk: item for item in topic.items().filter(pk__in=order)}
        return [found[pk].summary() for pk in order if pk in found]

    return cached(f"hub:picks:{topic.pk}", load)


def item_context(item: HubItemPage, request) -> dict:
    return {
        "related_items": related_items(item),
        # A callable, which the template calls only when its cached fragment is not there.
        "structured_data": lambda: item_data(item, request),
        "fragment_version": content_version(),
    }
