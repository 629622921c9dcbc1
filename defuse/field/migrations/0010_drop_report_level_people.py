from django.db import migrations


class Migration(migrations.Migration):
    """The report-level subject fields and involved officers, now on Subject and
    ReportOfficer (0009 moved their values)."""

    dependencies = [("field", "0009_move_to_people")]

    operations = [
        migrations.RemoveField(
            model_name="report",
            name="crisis_indicators",
        ),
        migrations.RemoveField(
            model_name="report",
            name="ems_called",
        ),
        migrations.RemoveField(
            model_name="report",
            name="impairments",
        ),
        migrations.RemoveField(
            model_name="report",
            name="inability_signs",
        ),
        migrations.RemoveField(
            model_name="report",
            name="involved_officers",
        ),
        migrations.RemoveField(
            model_name="report",
            name="medical_aid",
        ),
        migrations.RemoveField(
            model_name="report",
            name="transported",
        ),
        migrations.RemoveField(
            model_name="report",
            name="transported_by",
        ),
        migrations.RemoveField(
            model_name="report",
            name="weapon",
        ),
    ]
