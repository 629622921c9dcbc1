from django.core.management.base import BaseCommand, CommandError

from ...formats import export_twee
from ...formats.yaml_format import export_yaml
from ...models import Scenario


class Command(BaseCommand):
    help = "Write a scenario's latest published version as Twee 3 (for Twine) or YAML."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The scenario's slug.")
        parser.add_argument(
            "--format", choices=["twee", "yaml"], default="twee", help="Output format."
        )
        parser.add_argument("-o", "--output", help="File to write; standard output if omitted.")

    def handle(self, slug, format, output=None, **options):
        scenario = Scenario.objects.filter(slug=slug).select_related("latest_version").first()
        if scenario is None or scenario.latest_version is None:
            raise CommandError(f'No published scenario has the slug "{slug}".')
        spec = scenario.latest_version.spec
        text = export_twee(spec) if format == "twee" else export_yaml(spec)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
        else:
            self.stdout.write(text, ending="")
