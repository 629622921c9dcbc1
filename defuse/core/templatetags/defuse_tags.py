from django import template

register = template.Library()


@register.filter
def is_within(page, section) -> bool:
    """True when page is section or lies below it in the page tree."""
    if page is None or not hasattr(page, "url_path"):
        return False
    return page.url_path.startswith(section.url_path)
