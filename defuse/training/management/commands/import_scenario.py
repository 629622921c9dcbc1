from django.core.management.base import BaseCommand, CommandError

from ...formats import read_scenario_file
from ...importer import import_file
from ...validation import References, ScenarioInvalid, validate


class Command(BaseCommand):
    help = (
        "Import a training scenario from YAML (.yaml/.yml), Twee 3 (.twee/.tw) or Twine 2 "
        "published HTML (.html). A scenario with the same slug gets a new version. Any problem "
        "is reported with file, line and passage, and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Scenario files to import.")
        parser.add_argument(
            "--check", action="store_true", help="Only validate the files; write nothing."
        )

    def handle(self, *args, files, check=False, **options):
        failed = 0
        for path in files:
            try:
                if check:
                    problems = validate(read_scenario_file(path), References.from_database())
                    if problems:
                        raise ScenarioInvalid(problems)
                    self.stdout.write(f"{path}: valid")
                    continue
                version = import_file(path)
            except ScenarioInvalid as error:
                failed += 1
                for problem in error.problems:
                    self.stderr.write(str(problem))
                continue
            spec = version.spec
            self.stdout.write(
                self.style.SUCCESS(
                    f"{path}: imported “{spec.title}” as version {version.number} "
                    f"({len(spec.passages)} passages, {len(spec.decision_passages())} decisions, "
                    f"{len(spec.endings())} endings)"
                )
            )
        if failed:
            raise CommandError(f"{failed} file(s) had problems; nothing was written for them.")
