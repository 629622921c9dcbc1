from django.db import migrations

AUDIENCES = [
    ("patrol", "Patrol", 1),
    ("supervisors", "Supervisors", 2),
    ("chiefs", "Chiefs", 3),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("hub", "Audience")
    for slug, name, sort_order in AUDIENCES:
        Audience.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": sort_order}
        )


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
