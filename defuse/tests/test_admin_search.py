"""Searching each snippet listing in Wagtail's admin finds the row typed for, on SQLite's search
index as on PostgreSQL's. (Wagtail's SQLite backend raised "no such column" when a listing named
the fields to search, wagtail/wagtail#10217: every admin search of authors, techniques and
scenarios was a 500 as soon as one was indexed.)"""

from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.search.backends import get_search_backend
from wagtail.snippets.models import get_snippet_models

from defuse.accounts.tests.factories import UnitFactory, UserFactory
from defuse.field.models import Checklist
from defuse.hub.tests.factories import AuthorFactory, SubtopicFactory
from defuse.records.models import ComplaintFinding, LegalHold
from defuse.training.importer import import_file

pytestmark = pytest.mark.django_db

SCENARIO_FILE = Path(__file__).resolve().parents[1] / "training" / "tests" / "files" / "small.twee"

# One row of each snippet model, with a word to search for (models whose rows the migrations
# make, force types and techniques, are searched for their first row).
MAKERS = {
    "hub.Author": lambda: AuthorFactory(name="Rosalind Okafor"),
    "hub.Subtopic": lambda: SubtopicFactory(name="Crisis negotiation"),
    "accounts.Unit": lambda: UnitFactory(name="Riverside patrol"),
    "field.Checklist": lambda: Checklist.objects.create(title="Welfare check"),
    "training.Scenario": lambda: import_file(SCENARIO_FILE).scenario,
    "records.LegalHold": lambda: LegalHold.objects.create(
        reason="Okonkwo litigation", case_number="26-114"
    ),
    "records.ComplaintFinding": lambda: ComplaintFinding.objects.create(
        case_number="26-000987", finding="sustained"
    ),
}


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda model: model._meta.label)
def test_each_snippet_listing_finds_what_is_searched_for(client, home_page, model):
    make = MAKERS.get(model._meta.label)
    row = make() if make else model.objects.order_by("pk").first()
    assert row is not None, f"no {model._meta.label} to search for"
    if hasattr(row, "search_fields"):
        get_search_backend().add(row)
    word = max(str(row).split(), key=len)
    client.force_login(UserFactory(is_superuser=True))
    listing = reverse(row.snippet_viewset.get_url_name("list_results"))
    response = client.get(listing, {"q": word})
    assert response.status_code == 200
    assert reverse(row.snippet_viewset.get_url_name("edit"), args=[row.pk]) in response.text
