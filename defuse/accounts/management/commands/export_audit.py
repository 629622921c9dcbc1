from django.core.management.base import BaseCommand

from defuse.accounts.audit import export_lines


class Command(BaseCommand):
    help = "Writes the audit records as JSON lines (for a SIEM), optionally only the newer ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--after", type=int, default=0, metavar="SEQUENCE", help="Only records after this one."
        )

    def handle(self, *args, after, **options):
        for line in export_lines(after):
            self.stdout.write(line)
