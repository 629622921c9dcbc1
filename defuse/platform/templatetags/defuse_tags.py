import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from ..content_cache import cached
from ..tables import label_cells

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


@register.tag
def stacked_table(parser, token):
    """{% stacked_table %}<table>…</table>{% endstacked_table %}: on a phone, each row a card
    whose cells carry their column's name (platform/tables.py)."""
    nodelist = parser.parse(("endstacked_table",))
    parser.delete_first_token()
    return StackedTableNode(nodelist)


class StackedTableNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return mark_safe(label_cells(self.nodelist.render(context)))


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page) -> list[tuple[str, str]]:
    """(label, url) of the page's ancestors below the root, cached until content changes."""
    request = context.get("request")

    def load():
        ancestors = page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "depth")
        return [
            ("Home" if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
            for ancestor in ancestors
        ]

    return cached(f"breadcrumbs:{page.pk}", load)
