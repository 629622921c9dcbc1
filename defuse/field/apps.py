from django.apps import AppConfig
from django.urls import reverse

from defuse.accounts.roles import Role


def audit_report_event(sender, instance, created, **kwargs) -> None:
    """Each step of a report's own trail goes to the chained audit trail too."""
    from defuse.accounts import audit  # models are not ready when this module is imported

    if created:
        audit.record(
            f"report.{instance.action}",
            user=instance.user,
            subject=f"field.report:{instance.report_id}",
            detail={"detail": instance.detail} if instance.detail else {},
        )


class FieldConfig(AppConfig):
    name = "defuse.field"
    label = "field"
    verbose_name = "Field"
    default_auto_field = "django.db.models.BigAutoField"
    private_url_prefixes = ("/field/",)
    backup_counts = {"reports": "field.Report"}
    role_permissions = {
        Role.ADMINISTRATOR: [
            "field.add_checklist",
            "field.change_checklist",
            "field.publish_checklist",
            "field.add_forcetype",
            "field.change_forcetype",
            "field.change_reportdeadlines",
            "field.add_reviewlevel",
            "field.change_reviewlevel",
            "field.delete_reviewlevel",
        ]
    }

    def search_documents(self):
        from .search import checklist_documents

        return checklist_documents()

    def ready(self):
        from wagtail.signals import published, unpublished

        from . import search
        from .models import Checklist

        for signal in (published, unpublished):
            signal.connect(search.on_changed, sender=Checklist, dispatch_uid=f"search-{signal!r}")

        from django.db.models.signals import post_save

        from .models import ReportEvent

        post_save.connect(audit_report_event, sender=ReportEvent, dispatch_uid="audit-report")

    def work_links(self, user) -> list[tuple[str, str]]:
        links = [("Checklist", reverse("field:checklist"))]
        if user.is_authenticated and user.has_any_role(Role.OFFICER, Role.SUPERVISOR, Role.CHIEF):
            links.append(("Reports", reverse("field:reports")))
        return links
