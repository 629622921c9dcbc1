from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "defuse.hub"
    label = "hub"
    verbose_name = "Hub"
