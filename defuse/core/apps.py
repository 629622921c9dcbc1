from django.apps import AppConfig

from defuse.accounts.roles import Role


class CoreConfig(AppConfig):
    name = "defuse.core"
    label = "core"
    verbose_name = "Defuse core"
    role_permissions = {Role.ADMINISTRATOR: ["core.change_technique", "core.change_cdmlabels"]}
