import time

from django.core.management.base import BaseCommand

from ...facts import rebuild


class Command(BaseCommand):
    help = (
        "Recount the monthly figures Insights reads, from every approved report. Approvals keep "
        "them current on their own; run this after bulk imports or generated data."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = rebuild(everything=True)
        self.stdout.write(
            f"Insights recounted: {rows} rows in {time.perf_counter() - started:.1f} s."
        )
