from django.contrib import messages
from django.shortcuts import redirect
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from .models import Attempt, Scenario


class ScenarioDeleteView(DeleteView):
    """A scenario that officers have played keeps their records: unpublish it instead."""

    def form_valid(self, form):
        if Attempt.objects.filter(scenario=self.object).exists():
            messages.error(
                self.request,
                f"“{self.object}” has training records, so it cannot be deleted. "
                "Unpublish it to take it out of use; the records stay.",
            )
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
    icon = "resubmit"
    menu_label = "Scenarios"
    menu_order = 250
    add_to_admin_menu = True
    delete_view_class = ScenarioDeleteView
    list_display = ["title", "difficulty", "estimated_minutes", "latest_version", "live"]
    list_filter = ["difficulty", "live"]
    search_fields = ["title", "summary"]


register_snippet(ScenarioViewSet)
