from django.core.management.base import BaseCommand

from defuse.hub.newsletter import send_digests


class Command(BaseCommand):
    help = (
        "Sends the weekly newsletter: to each confirmed subscriber, the items published for "
        "their audiences since their last digest (the worker also runs this every Monday)."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Digests sent: {sent}.")
