from django.apps import AppConfig


class FieldConfig(AppConfig):
    name = "defuse.field"
    label = "field"
    verbose_name = "Field"
    default_auto_field = "django.db.models.BigAutoField"
