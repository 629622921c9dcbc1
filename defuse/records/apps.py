from django.apps import AppConfig

from defuse.accounts.roles import Role


class RecordsConfig(AppConfig):
    name = "defuse.records"
    label = "records"
    verbose_name = "Records retention"
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        Role.ADMINISTRATOR: [
            "records.change_retentionrule",
            "records.add_legalhold",
            "records.change_legalhold",
            "records.add_complaintfinding",
            "records.change_complaintfinding",
        ]
    }
