from django.core.management.base import BaseCommand

from defuse.hub.search_items import rebuild


class Command(BaseCommand):
    help = (
        "Rebuilds the search page's index from scratch: every live hub item, the published "
        "checklist and the playable scenarios, and the vocabulary did-you-mean reads. In one "
        "transaction: searches read the old index until the new one is complete (on SQLite, "
        "publishing waits until it is)."
    )

    def handle(self, *args, **options):
        documents, words = rebuild()
        self.stdout.write(f"Indexed {documents} documents; {words} words in the vocabulary.")
