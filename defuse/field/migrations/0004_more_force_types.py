from django.db import migrations

# Reportable in most agencies' policies and in the FBI's use-of-force categories (firearm,
# canine); agencies re-level or rename them under Snippets → Force types.
MORE_FORCE_TYPES = [
    ("Firearm pointed at a person", 3, "A firearm drawn and aimed at a person, not fired."),
    ("K9 bite", 4, "A police dog's bite or hold."),
]


def create(apps, schema_editor):
    ForceType = apps.get_model("field", "ForceType")
    for name, level, description in MORE_FORCE_TYPES:
        ForceType.objects.get_or_create(
            name=name, defaults={"level": level, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("field", "0003_analytics_fields")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
