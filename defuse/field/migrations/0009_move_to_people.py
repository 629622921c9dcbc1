"""Every report's subject and officers become rows of their own, without loss: the report's
subject fields become its one subject; its author and involved officers its officers. Who used
which force, or which officer was hurt, was not recorded before: it is set only where there was
one officer, and otherwise left unknown (never guessed). Drafts keep what was typed, under the
form's new names. Data codes: the NIBRS lists and the FBI's published categories, each with its
source (docs/use-of-force-data-elements.md), editable afterwards."""

from django.db import migrations

NIBRS = "NIBRS code list (candidate for NUFDC; not verified against UoF-DOC-37001)"
FBI_CATEGORY = "FBI NUFDC published category; code assigned by Defuse (FBI code not verified)"
DEFUSE = "Defuse's own"

CODES = {
    "sex": [("M", "Male", NIBRS), ("F", "Female", NIBRS), ("U", "Unknown", NIBRS)],
    "race": [
        ("W", "White", NIBRS),
        ("B", "Black or African American", NIBRS),
        ("I", "American Indian or Alaska Native", NIBRS),
        ("A", "Asian", NIBRS),
        ("P", "Native Hawaiian or Other Pacific Islander", NIBRS),
        ("U", "Unknown", NIBRS),
    ],
    "ethnicity": [
        ("H", "Hispanic or Latino", NIBRS),
        ("N", "Not Hispanic or Latino", NIBRS),
        ("U", "Unknown", NIBRS),
    ],
    "location_type": [
        (code, label, NIBRS)
        for code, label in [
            ("01", "Air, bus or train terminal"),
            ("02", "Bank"),
            ("03", "Bar or nightclub"),
            ("04", "Place of worship"),
            ("05", "Commercial or office building"),
            ("06", "Construction site"),
            ("07", "Convenience store"),
            ("08", "Department or discount store"),
            ("09", "Drug store, doctor's office, hospital"),
            ("10", "Field or woods"),
            ("11", "Government or public building"),
            ("12", "Grocery or supermarket"),
            ("13", "Highway, road, alley, street, sidewalk"),
            ("14", "Hotel or motel"),
            ("15", "Jail, prison or corrections facility"),
            ("16", "Lake, waterway or beach"),
            ("17", "Liquor store"),
            ("18", "Parking lot or garage"),
            ("19", "Rental storage facility"),
            ("20", "Residence or home"),
            ("21", "Restaurant"),
            ("23", "Service or gas station"),
            ("24", "Specialty store"),
            ("37", "Abandoned or condemned structure"),
            ("39", "Arena, stadium or fairgrounds"),
            ("42", "Camp or campground"),
            ("44", "Daycare facility"),
            ("48", "Industrial site"),
            ("50", "Park or playground"),
            ("51", "Rest area"),
            ("52", "College or university"),
            ("53", "Elementary or secondary school"),
            ("54", "Shelter (mission or homeless)"),
            ("55", "Shopping mall"),
            ("57", "Community center"),
            ("25", "Other or unknown"),
        ]
    ],  # fmt: skip
    "contact_reason": [
        ("UNLAWFUL", "Responding to unlawful or suspicious activity", FBI_CATEGORY),
        ("TRAFFIC", "Traffic stop", FBI_CATEGORY),
        ("WARRANT", "Serving a warrant or court order", FBI_CATEGORY),
        ("WELFARE", "Medical, mental-health or welfare check", FBI_CATEGORY),
        ("PATROL", "Routine patrol other than a traffic stop", FBI_CATEGORY),
        ("FOLLOWUP", "Follow-up investigation", FBI_CATEGORY),
        ("UNKNOWN", "Unknown and unlikely ever to be known", FBI_CATEGORY),
    ],
    "resistance": [
        ("PASSIVE", "Failed to comply with commands, or other passive resistance", FBI_CATEGORY),
        ("DISPLAYED", "Displayed a weapon at an officer or another person", FBI_CATEGORY),
        ("FLED", "Tried to escape or flee custody", FBI_CATEGORY),
        ("FIREARM", "Used a firearm against an officer or another person", FBI_CATEGORY),
        ("ARREST", "Resisted being handcuffed or arrested", FBI_CATEGORY),
        ("ASSAULT", "Assaulted or tried to assault an officer or another person", DEFUSE),
    ],
    "injury": [
        ("M", "Apparent minor injury", NIBRS),
        ("B", "Apparent broken bones", NIBRS),
        ("I", "Possible internal injury", NIBRS),
        ("L", "Severe laceration", NIBRS),
        ("T", "Loss of teeth", NIBRS),
        ("U", "Unconsciousness", NIBRS),
        ("O", "Other major injury", NIBRS),
        (
            "G",
            "Gunshot wound",
            "Defuse's code (NUFDC records gunshot wounds; its code not verified)",
        ),
    ],  # fmt: skip
}

# Draft fields that moved, old name → new name in the form (the first subject's).
DRAFT_SUBJECT_FIELDS = [
    "crisis_indicators", "impairments", "weapon", "inability_signs", "medical_aid",
    "ems_called", "transported", "transported_by",
]  # fmt: skip


def create_codes(apps, schema_editor):
    Code = apps.get_model("field", "Code")
    for element, rows in CODES.items():
        for order, (code, label, source) in enumerate(rows, start=1):
            Code.objects.get_or_create(
                element=element,
                code=code,
                defaults={"label": label, "source": source, "sort_order": order * 10},
            )


def move_people(apps, schema_editor):
    Report = apps.get_model("field", "Report")
    Subject = apps.get_model("field", "Subject")
    ReportOfficer = apps.get_model("field", "ReportOfficer")
    ForceApplication = apps.get_model("field", "ForceApplication")
    TechniqueAttempt = apps.get_model("field", "TechniqueAttempt")
    reports = Report.objects.prefetch_related("involved_officers").order_by("pk")
    for report in reports.iterator(chunk_size=500):
        involved = [
            user.pk for user in report.involved_officers.all() if user.pk != report.author_id
        ]
        alone = not involved
        subject = Subject.objects.create(
            report=report,
            order=1,
            crisis_indicators=report.crisis_indicators or [],
            impairments=report.impairments or [],
            inability_signs=report.inability_signs,
            weapon=report.weapon,
            injured=report.subject_injured,
            medical_aid=report.medical_aid,
            ems_called=report.ems_called,
            transported=report.transported,
            transported_by=report.transported_by,
        )
        author = ReportOfficer.objects.create(
            report=report,
            order=1,
            user_id=report.author_id,
            injured=report.officer_injured and alone,
        )
        ReportOfficer.objects.bulk_create(
            ReportOfficer(report=report, order=order, user_id=user_id)
            for order, user_id in enumerate(involved, start=2)
        )
        ForceApplication.objects.filter(report=report).update(
            subject=subject, officer=author if alone else None
        )
        # The form asked for "de-escalation you tried": the author's, toward the one subject.
        TechniqueAttempt.objects.filter(report=report).update(subject=subject, officer=author)
        if report.draft_data:
            report.draft_data = moved_draft(report.draft_data, involved_typed(report.draft_data))
            report.save(update_fields=["draft_data"])


def involved_typed(typed: dict) -> list[str]:
    return [value for value in typed.get("involved_officers", []) if value]


def moved_draft(typed: dict, involved: list[str]) -> dict:
    moved = {key: values for key, values in typed.items() if key not in DRAFT_SUBJECT_FIELDS}
    moved.pop("involved_officers", None)
    force_types = moved.pop("force_types", [])
    for name in DRAFT_SUBJECT_FIELDS:
        if name in typed:
            moved[f"subjects-0-{name}"] = typed[name]
    if "subject_injured" in moved:
        moved["subjects-0-injured"] = moved.pop("subject_injured")
    if "officer_injured" in moved and not involved:
        moved["officers-0-injured"] = moved.pop("officer_injured")
    for number, user_id in enumerate(involved, start=1):
        moved[f"officers-{number}-user"] = [user_id]
    for number, force_type in enumerate(force_types):
        moved[f"force-{number}-force_type"] = [force_type]
        moved[f"force-{number}-subject"] = ["1"]
        moved[f"force-{number}-officer"] = ["1" if not involved else ""]
    for prefix, count in (
        ("subjects", 1), ("officers", len(involved) + 1), ("force", len(force_types)),
    ):  # fmt: skip
        moved[f"{prefix}-TOTAL_FORMS"] = [str(count)]
        moved[f"{prefix}-INITIAL_FORMS"] = ["0"]
    return moved


class Migration(migrations.Migration):
    dependencies = [("field", "0008_people")]
    operations = [
        migrations.RunPython(create_codes, migrations.RunPython.noop),
        migrations.RunPython(move_people, migrations.RunPython.noop),
    ]
