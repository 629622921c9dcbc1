from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "defuse.core"
    label = "core"
    verbose_name = "Defuse core"
