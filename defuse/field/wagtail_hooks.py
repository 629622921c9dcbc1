from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Checklist, Code, ForceType, ReviewLevel


class ChecklistViewSet(SnippetViewSet):
    model = Checklist
    icon = "tasks"
    menu_label = "Checklist"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "live", "last_published_at"]


class ForceTypeViewSet(SnippetViewSet):
    model = ForceType
    icon = "warning"
    menu_label = "Force types"
    add_to_settings_menu = True
    list_display = ["name", "level", "description", "is_firearm_discharge", "fbi_category"]


class ReviewLevelViewSet(SnippetViewSet):
    model = ReviewLevel
    icon = "list-ol"
    menu_label = "Review chain"
    add_to_settings_menu = True
    list_display = [
        "name",
        "sort_order",
        "reviewers",
        "group",
        "conditions",
        "amendments_start_here",
    ]


class CodeViewSet(SnippetViewSet):
    """The FBI's code lists, correctable without a migration
    (docs/use-of-force-data-elements.md)."""

    model = Code
    icon = "list-ul"
    menu_label = "Data codes"
    add_to_settings_menu = True
    list_display = ["element", "code", "label", "source", "active"]
    list_filter = ["element", "active"]


register_snippet(ChecklistViewSet)
register_snippet(CodeViewSet)
register_snippet(ForceTypeViewSet)
register_snippet(ReviewLevelViewSet)
