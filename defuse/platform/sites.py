"""The Wagtail site answering a request, from the cache instead of two queries per request.

Wagtail looks the site up by host and port, then fetches its root page, on every request that
serves a page or builds a page's URL. Both change only when an editor edits a site or publishes
the root page, and either bumps the content version (platform/apps.py, hub/apps.py), so the
pair is cached under it: the site with its root page, as the specific page, already attached.
"""

import logging

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from .content_cache import cached

logger = logging.getLogger(__name__)


def site_for(hostname: str, port: int) -> Site | None:
    def load():
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        site.root_page = site.root_page.specific
        return site

    return cached(f"wagtail-site:{hostname}:{port}", load)


class KnownSiteMiddleware:
    """Sets the request's site (where Wagtail's Site.find_for_request keeps it) from the
    cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            request._wagtail_site = site_for(hostname, int(request.get_port()))
            # Wagtail keeps these in the default cache (Redis) and reads them for every URL it
            # builds; it looks on the request first (Page._get_site_root_paths).
            request._wagtail_cached_site_root_paths = cached(
                "wagtail-site-root-paths", Site.get_site_root_paths
            )
        except Exception as error:  # the cache is down: Wagtail looks the site up itself
            logger.warning("Site not read from the cache: %s", error)
        return self.get_response(request)
