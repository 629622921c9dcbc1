from django.db import migrations

# A starting scale; each agency renames and re-levels these under Snippets → Force types.
FORCE_TYPES = [
    ("Hands-on control", 1, "Escorts, holds and pressure without a strike."),
    ("Takedown", 2, "Taking a person to the ground."),
    ("Chemical spray", 3, "OC or similar, sprayed."),
    ("Conducted energy weapon", 3, "Probe or drive-stun deployment."),
    ("Strikes or impact weapon", 4, "Hand, foot or baton strikes."),
    ("Less-lethal launcher", 4, "Impact or chemical projectiles."),
    ("Firearm discharge", 5, "A firearm fired at a person."),
]


def create(apps, schema_editor):
    ForceType = apps.get_model("field", "ForceType")
    for name, level, description in FORCE_TYPES:
        ForceType.objects.get_or_create(
            name=name, defaults={"level": level, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("field", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
