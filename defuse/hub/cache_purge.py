"""Purging the shared front-end cache (nginx) when what readers see changes.

Wagtail purges a page's own URL on publish and unpublish (and so on delete, which unpublishes
first). Readers also see an item in the listings above it: the home page, its topic and subtopic
pages, their feeds, its authors' pages and the webinar calendar. Those are purged here too, and
a move purges the old URL and the listings of both the old and the new place.

Wagtail purges at once, inside the transaction; a reader arriving before the commit would put
the old page back in the cache. These purges (the page's own URL again included) wait for the
commit.

Listings with a query string (filters, pagination) are never kept by the shared cache (see
deploy/nginx.conf): their combinations cannot be named one by one, so there is nothing to purge.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from .feeds import FEED_KINDS
from .models import HubItemPage, TopicPage, WebinarPage


def purging_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def listing_urls(page: Page, parent: Page | None = None) -> list[str]:
    """Full URLs of every cached page that lists `page`, were it a child of `parent`."""
    parent = parent or page.get_parent()
    site = page.get_site()
    if site is None or parent is None:
        return []
    root = site.root_url
    urls = [root + reverse("sitemap")]

    # The home page and topics above (not Wagtail's root), each as its own type, in one query.
    ancestors = list(parent.get_ancestors(inclusive=True).filter(depth__gt=1).specific())
    # A subtopic page lists its parent topic's items: the subtopic pages below each topic.
    subtopic_pages = [
        subtopic_page
        for topic in ancestors
        if isinstance(topic, TopicPage)
        for subtopic_page in TopicPage.objects.child_of(topic).filter(subtopic__isnull=False)
    ]
    for listing in ancestors + subtopic_pages:
        url = listing.get_full_url()
        if url:
            urls.append(url)
            urls.extend(f"{url}feed/{kind}/" for kind in FEED_KINDS)

    specific = page.specific
    if isinstance(specific, HubItemPage):
        urls.extend(
            root + reverse("hub:author", args=[slug])
            for slug in specific.authors.values_list("slug", flat=True)
        )
        if isinstance(specific, WebinarPage):
            urls.append(root + reverse("hub:webinar_calendar"))
    return list(dict.fromkeys(urls))


def purge_listings(sender=None, instance=None, **kwargs):
    """page_published / page_unpublished: the page and the listings that show it."""
    if purging_enabled() and instance is not None:
        batch = PurgeBatch(listing_urls(instance))
        batch.add_page(instance)
        transaction.on_commit(batch.purge)


def purge_moved_page(sender=None, instance=None, parent_page_before=None, **kwargs):
    """post_page_move: the old and new URL, and the listings of both places."""
    if not purging_enabled() or instance is None or not instance.live:
        return
    batch = PurgeBatch()
    url_path_before = kwargs.get("url_path_before")
    site = instance.get_site()
    if url_path_before and site is not None:
        site_root_path = site.root_page.url_path
        if url_path_before.startswith(site_root_path):
            batch.add_url(site.root_url + "/" + url_path_before[len(site_root_path) :])
    batch.add_page(instance)
    if parent_page_before is not None:
        batch.add_urls(listing_urls(instance, parent=parent_page_before))
    batch.add_urls(listing_urls(instance))
    transaction.on_commit(batch.purge)
