"""Hub items in the search index: what is indexed for each, and when.

Saved while live (publishing saves) → stored; not live → removed; deleted → its row goes with
it (cascade). Renaming a
subtopic, technique or author re-indexes the items filed under it, in the worker. Every app
with something to find (AppConfig.search_documents) is asked again by `rebuild`
(`manage.py rebuild_search_index`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.db import connection, transaction
from modelsearch import index

from .models import ITEM_TYPES, HubItemPage, SearchDocument
from .search_index import (
    Document,
    build_common_term_rankings,
    rebuild_vocabulary,
    remove,
    store,
)

# Indexed on their own: title and teaser are the document's title and lead.
OWN_FIELDS = {"title", "teaser"}


def item_key(page_id: int) -> str:
    return f"page:{page_id}"


def text_of(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(text_of(part) for part in value)
    return "" if value is None else str(value)


def item_document(page: HubItemPage) -> Document:
    """page: a specific hub item, ideally with its subtopics, techniques and authors
    prefetched."""
    body = [
        text_of(search_field.get_value(page))
        for search_field in page.get_search_fields()
        if isinstance(search_field, index.SearchField) and search_field.field_name not in OWN_FIELDS
    ]
    names = [
        page.specific_class._meta.verbose_name,
        *(subtopic.name for subtopic in page.subtopics.all()),
        *(technique.label for technique in page.techniques.all()),
        *(author.name for author in page.authors.all()),
    ]
    return Document(
        key=item_key(page.pk),
        kind=page.type_label,
        title=page.title,
        url=page.url_path,
        summary=page.teaser,
        lead=" ".join([page.teaser, *names]),
        body=" ".join(body),
        page_id=page.pk,
    )


def live_item_documents(ids=None) -> Iterator[Document]:
    for model in ITEM_TYPES:
        items = model.objects.live().prefetch_related("subtopics", "techniques", "authors")
        if ids is not None:
            items = items.filter(pk__in=ids)
        for page in items.iterator(chunk_size=500):
            yield item_document(page)


# While deferred_indexing() runs: the ids of the items to index when it ends.
_deferred: ContextVar[set[int] | None] = ContextVar("deferred_indexing", default=None)


@contextmanager
def deferred_indexing():
    """Items saved inside are indexed once each, together, when it ends without an error
    (each save and each change of its subtopics, techniques or authors would index an item
    again: twice or more per item for the demo's builders)."""
    if _deferred.get() is not None:  # already deferred by an outer one
        yield
        return
    ids: set[int] = set()
    token = _deferred.set(ids)
    try:
        yield
    finally:
        _deferred.reset(token)
    if ids:
        index_items(ids)


def index_items(ids) -> None:
    """(Re)indexes these hub items: live ones stored, the rest removed."""
    deferred = _deferred.get()
    if deferred is not None:
        deferred.update(ids)
        return
    ids = list(ids)
    store(live_item_documents(ids))
    live = set(HubItemPage.objects.filter(pk__in=ids).live().values_list("pk", flat=True))
    remove(item_key(pk) for pk in ids if pk not in live)


def on_item_saved(sender, instance, **kwargs) -> None:
    """post_save of a hub item (publish and unpublish save it too). What is indexed is read
    back from the database: the instance may carry a draft's content. In the same transaction,
    so the index never holds what was rolled back."""
    index_items([instance.pk])


def on_names_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """m2m_changed of an item's subtopics, techniques or authors (committed after its
    post_save)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index_items([instance.pk])
    elif pk_set:
        index_items(pk_set)


def names_saved(field: str):
    """A receiver for post_save of a subtopic, technique or author (the items' `field`): its
    items' lead text may have changed, so they are re-indexed in the worker."""

    def receiver(sender, instance, created=False, **kwargs) -> None:
        if created:
            return
        from .tasks import reindex_items  # tasks imports this module

        ids = list(HubItemPage.objects.filter(**{field: instance}).values_list("pk", flat=True))
        if ids:
            transaction.on_commit(lambda: reindex_items(ids))

    return receiver


def all_documents() -> Iterator[Document]:
    for config in apps.get_app_configs():
        source = getattr(config, "search_documents", None)
        if callable(source):
            yield from source()


def rebuild() -> tuple[int, int]:
    """Empties the index and asks every app for its documents again: (documents, words). In
    one transaction, so searches read the old index until the new one is complete."""
    with transaction.atomic():
        with connection.cursor() as cursor:  # not row by row: the vocabulary is recounted
            cursor.execute(f"DELETE FROM {SearchDocument._meta.db_table}")
        store(all_documents())
        result = SearchDocument.objects.count(), rebuild_vocabulary()
    build_common_term_rankings()
    return result


def rebuild_if_empty(using="default", **kwargs) -> None:
    """After migrate: an installation upgraded to this index builds it once (not after a
    migration back to before it, nor on another database)."""
    if using != "default":
        return
    if SearchDocument._meta.db_table not in connection.introspection.table_names():
        return
    if not SearchDocument.objects.exists() and HubItemPage.objects.live().exists():
        documents, words = rebuild()
        if kwargs.get("verbosity", 1):
            print(f"  Built the search index: {documents} documents, {words} words.")
