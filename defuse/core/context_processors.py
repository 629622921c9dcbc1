from wagtail.models import Site


def navigation(request):
    """The site's main sections: live, menu-visible children of the home page."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_sections": []}
    sections = site.root_page.get_children().live().in_menu().only("title", "url_path")
    return {"nav_sections": sections, "site_root": site.root_page}
