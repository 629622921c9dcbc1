from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Unit


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = "Units"
    menu_order = 610
    add_to_settings_menu = True
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("supervisors")]


register_snippet(UnitViewSet)
