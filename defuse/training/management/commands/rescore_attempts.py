from django.core.management.base import BaseCommand

from defuse.training.rescoring import rescore_all


class Command(BaseCommand):
    help = (
        "Score every completed training attempt again with the current rules, from its recorded "
        "decisions and the version it played. Changed results void their old xAPI result "
        "statements and send new ones. Safe to run again: unchanged attempts are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; write nothing."
        )

    def handle(self, *args, dry_run, **options):
        found = rescore_all(dry_run=dry_run)
        verb = "would change" if dry_run else "changed"
        self.stdout.write(
            f"Attempts checked: {found.checked}; results {verb}: {found.changed} "
            f"({found.now_pass} now pass, {found.no_longer_pass} no longer pass)."
        )
