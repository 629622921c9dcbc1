from dataclasses import dataclass

from wagtail.models import Site

from . import declarations
from .content_cache import cached


@dataclass(frozen=True)
class NavSection:
    pk: int
    title: str
    url: str
    url_path: str


def navigation(request):
    """The site's main sections: live, menu-visible children of the home page (cached)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_sections": []}

    def load():
        children = site.root_page.get_children().live().in_menu().only("title", "url_path")
        return [NavSection(c.pk, c.title, c.get_url(request), c.url_path) for c in children]

    return {"nav_sections": cached(f"nav:{site.pk}", load), "site_root": site.root_page}


def work_links(request):
    """Links to the parts of Defuse this person can use, as each app declares them."""
    return {"work_links": declarations.work_links(request.user)}
