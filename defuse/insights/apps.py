from django.apps import AppConfig
from django.urls import reverse

from defuse.accounts.roles import Role
from defuse.field.signals import report_approved, reports_imported


class InsightsConfig(AppConfig):
    name = "defuse.insights"
    label = "insights"
    verbose_name = "Insights"
    private_url_prefixes = ("/insights/",)

    def work_links(self, user) -> list[tuple[str, str]]:
        if user.is_authenticated and user.has_any_role(Role.SUPERVISOR, Role.CHIEF):
            return [("Insights", reverse("insights:dashboard"))]
        return []

    def ready(self):
        from . import subscriptions

        report_approved.connect(subscriptions.recount_approved, dispatch_uid="insights-approved")
        reports_imported.connect(subscriptions.recount_all, dispatch_uid="insights-imported")
