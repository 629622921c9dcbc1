"""The schedule a new installation starts with, named from California's (an agency edits the
periods in the admin under Settings → Retention schedule)."""

from .models import RecordClass

# (class, years, months, forever, authority)
DEFAULT_RULES = [
    (RecordClass.REPORT, 2, 0, False,
     "California Government Code 34090: a city's records at least two years"),
    (RecordClass.REPORT_ARREST, 5, 0, False,
     "Agency default: the five years of Penal Code 832.5, so a complaint about an arrest "
     "still finds its report"),
    (RecordClass.REPORT_FORCE, 5, 0, False,
     "Agency default: the five years of Penal Code 832.5, so a complaint about force still "
     "finds its report"),
    (RecordClass.REPORT_FIREARM, 0, 0, True,
     "Agency default: firearm discharges are kept until the agency sets a period"),
    (RecordClass.REPORT_COMPLAINT, 5, 0, False,
     "California Penal Code 832.5(b): complaints and their reports at least five years"),
    (RecordClass.REPORT_SUSTAINED, 15, 0, False,
     "California Penal Code 832.5(b): fifteen years where a complaint was sustained (kept as "
     "long while no finding is recorded)"),
    (RecordClass.PRACTICE, 1, 0, False, "Agency default: practice entries are not records"),
    (RecordClass.DRAFT, 1, 0, False,
     "Agency default: a draft never submitted is not a record; one year after its last change"),
    (RecordClass.TRAINING, 0, 0, True,
     "Agency default: officers' training records are kept for their career until the agency "
     "sets a period (state POST rules)"),
    (RecordClass.AUDIT, 3, 0, False,
     "CJIS Security Policy 5.4.7 asks for at least one year; three so that an investigation "
     "into a complaint finds who saw the report"),
]  # fmt: skip


def create_default_rules(apps, schema_editor) -> None:
    RetentionRule = apps.get_model("records", "RetentionRule")
    for record_class, years, months, forever, authority in DEFAULT_RULES:
        RetentionRule.objects.get_or_create(
            record_class=record_class.value,
            defaults={"years": years, "months": months, "forever": forever, "authority": authority},
        )
