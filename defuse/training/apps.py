from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "defuse.training"
    label = "training"
    verbose_name = "Training"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import published

        from .models import Scenario
        from .versions import on_published

        published.connect(on_published, sender=Scenario, dispatch_uid="training-version")
