"""manage.py import_reports FILE --profile NAME [--dry-run]: the import page's check and import
for files too large to upload, with a progress bar."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from defuse.field.importing.files import UnreadableFile, open_table
from defuse.field.importing.plan import read_plan
from defuse.field.importing.profiles import load_profile
from defuse.field.importing.write import write_plan
from defuse.field.models import ImportProfile

SHOWN = 50


class Command(BaseCommand):
    help = "Import historical reports from a CSV or XLSX file through a saved import profile."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--profile", required=True, help="A saved profile's name, or a .json file."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row, write nothing."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file: Path, profile: str, dry_run: bool, no_progress: bool, **options):
        chosen = self.profile(profile)
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with (
            file.open("rb") as stream,
            tqdm(total=None, unit="row", desc="Reading", disable=no_progress) as bar,
        ):
            try:
                plan = read_plan(open_table(stream, file.name), chosen, progress=bar.update)
            except UnreadableFile as error:
                raise CommandError(str(error)) from None
        self.report(plan)
        if not plan.ready:
            raise CommandError("Nothing was written.")
        counts = plan.counts()
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS("Dry run: every row is valid; nothing was written.")
            )
            return
        chosen.save()  # a profile given as a file is kept once its file imports
        with tqdm(total=counts["new"] + counts["changed"], unit="incident", desc="Writing",
                  disable=no_progress) as bar:  # fmt: skip
            written = write_plan(plan, progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {written.new} new records and {written.amended} amendments; "
                f"{written.unchanged} unchanged; {written.officers_added} officers added without "
                "a login."
                + (" Insights recounts in a moment." if written.new or written.amended else "")
            )
        )

    def profile(self, name: str) -> ImportProfile:
        if name.endswith(".json"):
            try:
                return load_profile(json.loads(Path(name).read_text()), save=False)
            except (OSError, ValueError, ValidationError) as error:
                raise CommandError(f"{name}: {error}") from None
        found = ImportProfile.objects.filter(name=name).first()
        if found is None:
            known = ", ".join(ImportProfile.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(f"No import profile named “{name}” (saved profiles: {known}).")
        return found

    def report(self, plan) -> None:
        counts = plan.counts()
        self.stdout.write(
            f"{plan.file}: {plan.rows} rows, {len(plan.incidents)} incidents "
            f"({counts['new']} new, {counts['unchanged']} unchanged, {counts['changed']} changed), "
            f"{len(plan.new_officers())} officers new to Defuse."
        )
        for problem in plan.problems[:SHOWN]:
            self.stderr.write(str(problem))
        if len(plan.problems) > SHOWN:
            self.stderr.write(f"… and {len(plan.problems) - SHOWN} more problems.")
        for target, items in plan.unmapped_by_target().items():
            self.stderr.write(f"Values with no Defuse meaning yet ({items[0].column} → {target}):")
            for item in items[:SHOWN]:
                self.stderr.write(
                    f"  “{item.value}”: {item.count} rows, first on line {item.first_line}"
                )
            if len(items) > SHOWN:
                self.stderr.write(f"  … and {len(items) - SHOWN} more values in {items[0].column}.")
        if plan.unmapped:
            self.stderr.write("Map them on the import page, or in the profile's “values”.")
