"""The published checklist's items in the hub's search: anyone may read the checklist."""

from collections.abc import Iterator

from django.urls import reverse

from defuse.hub.models import SearchDocument
from defuse.hub.search_index import Document, document_key, remove, store

from .models import Checklist, ChecklistItem

KEY_PREFIX = f"{ChecklistItem._meta.label_lower}:"


def checklist_documents() -> Iterator[Document]:
    checklist = Checklist.objects.current()
    if checklist is None:
        return
    url = reverse("field:checklist")
    for item in checklist.items.select_related("technique"):
        technique = item.technique.label if item.technique else ""
        yield Document(
            key=document_key(item),
            kind="Checklist item",
            title=item.text,
            url=f"{url}#item-{item.pk}",
            summary=f"{item.get_phase_display()}: " + " ".join(item.prompt_list()),
            lead=" ".join(["checklist", item.get_phase_display(), technique]),
            body=item.prompts,
        )


def index_checklist() -> None:
    """The current checklist's items stored; items of any other version removed."""
    documents = list(checklist_documents())
    store(documents)
    current = {document.key for document in documents}
    indexed = SearchDocument.objects.filter(key__startswith=KEY_PREFIX)
    remove(key for key in indexed.values_list("key", flat=True) if key not in current)


def on_changed(sender, instance, **kwargs) -> None:
    """published or unpublished of a checklist."""
    index_checklist()
