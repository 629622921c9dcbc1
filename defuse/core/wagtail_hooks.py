from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .vocabulary import Technique


class TechniqueViewSet(SnippetViewSet):
    model = Technique
    icon = "tag"
    menu_label = "Techniques"
    add_to_settings_menu = True
    list_display = ["label", "code", "sort_order"]


register_snippet(TechniqueViewSet)
