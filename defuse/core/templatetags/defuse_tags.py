from django import template

from defuse.core.vocabulary import CDMStep

register = template.Library()


@register.filter
def is_within(page, section) -> bool:
    """True when page is section or lies below it in the page tree."""
    if page is None or not hasattr(page, "url_path"):
        return False
    return page.url_path.startswith(section.url_path)


@register.filter
def cdm_label(code: str) -> str:
    """The reader-facing label of a Critical Decision-Making Model step code."""
    try:
        return CDMStep(code).label
    except ValueError:
        return ""
