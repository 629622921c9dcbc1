from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "defuse.insights"
    label = "insights"
    verbose_name = "Insights"
