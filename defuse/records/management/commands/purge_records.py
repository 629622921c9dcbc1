from django.core.management.base import BaseCommand

from defuse.records import retention


class Command(BaseCommand):
    help = (
        "Purges what the retention schedule says is due (legal holds respected), keeping "
        "Insights' counts. --dry-run lists it and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due; purge nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        items = retention.due() if dry_run else retention.purge()
        for item in items:
            self.stdout.write(
                f"{item.kind}\t{item.pk}\t{item.label}\t{item.record_class}\t"
                f"due since {item.due_since:%Y-%m-%d}"
            )
        verb = "due (dry run: nothing purged)" if dry_run else "purged"
        self.stdout.write(self.style.SUCCESS(f"{len(items)} records {verb}."))
