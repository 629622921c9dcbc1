from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, re_path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from . import admin_views
from .models import Attempt, Scenario
from .validation import References, problem_messages, publish_problems, validate


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


class PublishChecks:
    """A draft may be unfinished (an imported, unscored Twine story); publishing takes every
    check: the full validator, scoring included, with its messages on the form."""

    def is_valid(self, form):
        valid = super().is_valid(form)
        if valid and not self.saving_as_draft:
            problems, warnings = publish_problems(
                validate(form.instance.to_spec(), References.from_database())
            )
            for message in problem_messages(warnings):
                messages.warning(self.request, f"Published, but check this: {message}")
            if problems:
                for message in problem_messages(problems):
                    form.add_error(None, message)
                self.produced_error_code = "validation_error"
                self.produced_error_message = self.get_error_message()
                return False
        return valid


class ScenarioCreateView(PublishChecks, CreateView):
    pass


class ScenarioEditView(PublishChecks, EditView):
    pass


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
    icon = "resubmit"
    menu_label = "Scenarios"
    menu_order = 250
    add_to_admin_menu = True
    delete_view_class = ScenarioDeleteView
    add_view_class = ScenarioCreateView
    edit_view_class = ScenarioEditView
    list_display = ["title", "difficulty", "estimated_minutes", "latest_version", "live"]
    list_filter = ["difficulty", "live"]


register_snippet(ScenarioViewSet)


admin_urlpatterns = [
    path("import/", admin_views.import_scenario, name="import"),
    re_path(
        r"^export/(?P<pk>\d+)/(?P<file_format>twee|yaml)/$",
        admin_views.export_scenario,
        name="export",
    ),
]


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    return [path("training/", include((admin_urlpatterns, "training_admin")))]


class ScenarioImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("training.add_scenario")


@hooks.register("register_admin_menu_item")
def register_scenario_import_menu_item():
    return ScenarioImportMenuItem(
        "Import / export scenarios", reverse("training_admin:import"), icon_name="upload", order=251
    )
