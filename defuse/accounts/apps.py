from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "defuse.accounts"
    label = "accounts"
    verbose_name = "People and units"
    private_url_prefixes = ("/accounts/",)

    def ready(self):
        from .roles import ensure_role_groups

        # Runs after every migrate (test databases included), once Wagtail's root page exists.
        post_migrate.connect(ensure_role_groups, dispatch_uid="defuse.accounts.roles")
