"""Builders that save many items (the demo's) index each once, together, at the end."""

import pytest

from defuse.hub import search_items
from defuse.hub.models import SearchDocument
from defuse.hub.search_items import deferred_indexing

from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def indexed(*pages) -> int:
    return SearchDocument.objects.filter(page_id__in=[page.pk for page in pages]).count()


def test_items_saved_while_deferred_are_indexed_once_each_at_the_end(topic_page, monkeypatch):
    stored = []
    real = search_items.store

    def store(documents):
        documents = list(documents)
        stored.append([document.page_id for document in documents])
        real(documents)

    monkeypatch.setattr(search_items, "store", store)
    with deferred_indexing():
        first = ArticlePageFactory(parent=topic_page, title="Footbridge one")
        second = ArticlePageFactory(parent=topic_page, title="Footbridge two")
        first.save_revision().publish()  # saved again: still once
        assert indexed(first, second) == 0
    assert [sorted(ids) for ids in stored] == [sorted([first.pk, second.pk])]
    assert indexed(first, second) == 2


def test_nothing_is_indexed_when_the_builder_fails(topic_page):
    with pytest.raises(RuntimeError), deferred_indexing():
        item = ArticlePageFactory(parent=topic_page, title="Footbridge")
        raise RuntimeError("the builder failed")
    assert indexed(item) == 0


def test_without_it_each_save_indexes_at_once(topic_page):
    assert indexed(ArticlePageFactory(parent=topic_page, title="Footbridge")) == 1
