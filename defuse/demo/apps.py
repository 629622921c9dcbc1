from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and load-test content. It may use every other app; no other app uses it."""

    name = "defuse.demo"
    label = "demo"
    verbose_name = "Demo content"
