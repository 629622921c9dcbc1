from django.core.management.base import BaseCommand, CommandError

from ...formats import read_scenario_file
from ...importer import draft_file, import_file
from ...validation import References, ScenarioInvalid, validate


class Command(BaseCommand):
    help = (
        "Import training scenarios from YAML (.yaml/.yml), Twee (.twee/.tw) or Twine 2 "
        "published HTML (.html), in any story format. Each file becomes a draft that an editor "
        "checks and publishes in the admin (--publish publishes a scored file at once). A file "
        "that cannot be read is reported with file, line and passage, and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Scenario files to import.")
        parser.add_argument(
            "--check", action="store_true", help="Only validate the files; write nothing."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish each file as the scenario's next version at once (it must be scored "
            "and have no problems).",
        )

    def handle(self, *args, files, check=False, publish=False, **options):
        failed = 0
        for path in files:
            try:
                if check:
                    problems = validate(read_scenario_file(path), References.from_database())
                    if problems:
                        raise ScenarioInvalid(problems)
                    self.stdout.write(f"{path}: valid")
                elif publish:
                    version = import_file(path)
                    spec = version.spec
                    self.stdout.write(
                        self.style.SUCCESS(
                            f"{path}: published “{spec.title}” as version {version.number} "
                            f"({len(spec.passages)} passages, "
                            f"{len(spec.decision_passages())} decisions, "
                            f"{len(spec.endings())} endings)"
                        )
                    )
                else:
                    self._draft(path)
            except ScenarioInvalid as error:
                failed += 1
                for problem in error.problems:
                    self.stderr.write(str(problem))
        if failed:
            raise CommandError(f"{failed} file(s) had problems; nothing was written for them.")

    def _draft(self, path) -> None:
        draft = draft_file(path)
        title = draft.scenario.title
        if draft.unchanged:
            self.stdout.write(f"{path}: “{title}” already says this; nothing was changed")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"{path}: imported “{title}” as a draft to publish in the admin")
            )
        for warning in draft.warnings:
            self.stdout.write(f"  {warning}")
