from django.db import migrations

# Frozen copy of the starting vocabulary (defuse/core/vocabulary.py may change later).
TECHNIQUES = [
    (
        "tactical-communication",
        "Tactical communication",
        "Active listening, one communicator at a time, calm and clear words.",
    ),
    (
        "tactical-pause",
        "Slowing down / tactical pause",
        "Taking time when nothing forces a decision.",
    ),
    ("time", "Time", "Using time to gather information and let emotions settle."),
    ("distance", "Distance", "Increasing the gap to widen options and lower pressure."),
    ("cover-shielding", "Cover and shielding", "Using cover or a shield to reduce the threat."),
    ("containment", "Containment", "Limiting movement and access without closing in."),
    ("repositioning", "Tactical repositioning", "Moving to a position of advantage or safety."),
    ("resources-backup", "Additional resources and backup", "Calling for more officers or tools."),
    (
        "cit-coresponder",
        "Crisis intervention team or co-responder",
        "Bringing in crisis-trained officers or a mental-health professional.",
    ),
    ("supervisor-on-scene", "Supervisor on scene", "Requesting a supervisor to the call."),
    (
        "calm-warnings",
        "Warnings given calmly with explanation",
        "Advising of consequences calmly, with time to comply.",
    ),
    ("options-choices", "Offering options and choices", "Giving the person acceptable choices."),
    (
        "inability-to-comply",
        "Considering inability to comply",
        "Medical condition, impairment, disability, language barrier, intoxication or crisis.",
    ),
    ("swap-communicator", "Swapping the communicator", "Changing who talks when rapport fails."),
]


def seed(apps, schema_editor):
    Technique = apps.get_model("core", "Technique")
    for order, (code, label, description) in enumerate(TECHNIQUES, start=1):
        Technique.objects.get_or_create(
            code=code,
            defaults={"label": label, "description": description, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
