from django import forms
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ComplaintFinding, LegalHold, RetentionRule


class RetentionRuleViewSet(SnippetViewSet):
    """One row per class of record: periods are edited, never added or removed."""

    model = RetentionRule
    icon = "time"
    menu_label = "Retention schedule"
    add_to_settings_menu = True
    list_display = ["record_class", "period_label", "authority"]
    panels = [
        FieldPanel("years"),
        FieldPanel("months"),
        FieldPanel("forever"),
        FieldPanel("authority"),
    ]


class LegalHoldViewSet(SnippetViewSet):
    model = LegalHold
    icon = "lock"
    menu_label = "Legal holds"
    add_to_settings_menu = True
    list_display = ["reason", "report", "case_number", "officer", "placed_at", "released_at"]
    list_filter = ["released_at"]
    panels = [
        FieldPanel("reason"),
        FieldPanel("report", widget=forms.NumberInput, heading="Report number"),
        FieldPanel("case_number"),
        FieldPanel("officer"),
        FieldPanel("released_at"),
    ]


class ComplaintFindingViewSet(SnippetViewSet):
    model = ComplaintFinding
    icon = "clipboard-list"
    menu_label = "Complaint findings"
    add_to_settings_menu = True
    list_display = ["case_number", "finding", "recorded_at"]


register_snippet(RetentionRuleViewSet)
register_snippet(LegalHoldViewSet)
register_snippet(ComplaintFindingViewSet)


@hooks.register("after_create_snippet")
def note_who_placed_the_hold(request, instance):
    if isinstance(instance, LegalHold) and instance.placed_by_id is None:
        instance.placed_by = request.user
        instance.save(update_fields=["placed_by"])
