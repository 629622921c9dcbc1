import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def is_within(page, section) -> bool:
    """True when page is section or lies below it in the page tree."""
    if page is None or not hasattr(page, "url_path"):
        return False
    return page.url_path.startswith(section.url_path)


@register.filter
def json_ld(data) -> str:
    """A <script type="application/ld+json"> element, safe against closing the script early."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.filter
def share_description(page) -> str:
    """The sentence that describes a page to search engines and link previews."""
    for attribute in ("search_description", "teaser", "short_description"):
        value = getattr(page, attribute, "")
        if value:
            return value
    return ""
