from django.apps import AppConfig
from django.urls import reverse

from defuse.accounts.roles import Role

WRITE = ["training.add_scenario", "training.change_scenario", "training.publish_scenario"]


class TrainingConfig(AppConfig):
    name = "defuse.training"
    label = "training"
    verbose_name = "Training"
    default_auto_field = "django.db.models.BigAutoField"
    private_url_prefixes = ("/training/",)
    backup_counts = {"attempts": "training.Attempt"}
    # Supervisors, trainers and editors write, import and publish scenarios; administrators
    # manage them all.
    role_permissions = {
        Role.SUPERVISOR: WRITE,
        Role.EDITOR: WRITE,
        Role.ADMINISTRATOR: [
            *WRITE,
            "training.delete_scenario",
            "training.lock_scenario",
            "training.unlock_scenario",
        ],
    }

    def work_links(self, user) -> list[tuple[str, str]]:
        return [("Training", reverse("training:my_training"))] if user.is_authenticated else []

    def search_documents(self):
        from .search import scenario_documents

        return scenario_documents()

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import published, unpublished

        from . import search
        from .models import Scenario
        from .versions import on_published

        published.connect(on_published, sender=Scenario, dispatch_uid="training-version")
        for signal in (published, unpublished, post_delete):
            signal.connect(search.on_changed, sender=Scenario, dispatch_uid=f"search-{signal!r}")
