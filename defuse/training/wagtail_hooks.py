from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Scenario


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
    icon = "resubmit"
    menu_label = "Scenarios"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "difficulty", "estimated_minutes", "latest_version", "live"]
    list_filter = ["difficulty", "live"]
    search_fields = ["title", "summary"]


register_snippet(ScenarioViewSet)
