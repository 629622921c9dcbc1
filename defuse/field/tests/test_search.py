"""The published checklist's items in the site search, linked to their place on the page."""

import pytest

from defuse.hub.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_checklist_items_are_found_by_anyone(client, checklist):
    item = checklist.items.first()
    word = max(item.text.split(), key=len).strip(".,;:")
    response = client.get("/search/", {"q": word})
    found = [(hit.document.kind, hit.document.url) for hit in response.context["others"]]
    assert ("Checklist item", f"/field/checklist/#item-{item.pk}") in found
    page = client.get("/field/checklist/").content.decode()
    assert f'id="item-{item.pk}"' in page


def test_only_the_current_checklist_is_indexed(checklist):
    keys = set(SearchDocument.objects.filter(kind="Checklist item").values_list("key", flat=True))
    assert keys == {f"field.checklistitem:{item.pk}" for item in checklist.items.all()}
    checklist.unpublish()
    assert not SearchDocument.objects.filter(kind="Checklist item").exists()
