from django.core.management.base import BaseCommand, CommandError

from defuse.accounts.audit import verify
from defuse.accounts.models import AuditRecord


class Command(BaseCommand):
    help = (
        "Checks the audit trail's chain of digests: finds any record edited, deleted or "
        "inserted. Exits with status 1 if the chain is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at-least",
            type=int,
            default=0,
            metavar="N",
            help="Also fail if fewer than N records exist (the count your SIEM last received), "
            "which finds the newest records deleted.",
        )

    def handle(self, *args, at_least, **options):
        problems = 0
        for problem in verify():
            problems += 1
            self.stderr.write(f"Record {problem.sequence}: {problem.reason}.")
        head = AuditRecord.objects.order_by("-sequence").first()
        count = head.sequence if head else 0
        if count < at_least:
            problems += 1
            self.stderr.write(f"Only {count} records; at least {at_least} were expected.")
        if problems:
            raise CommandError(f"The audit trail is broken ({problems} problems).")
        digest = head.digest if head else "-"
        self.stdout.write(
            f"The audit trail is whole: {count} records; the newest's digest {digest}."
        )
