"""Searches whose every word is common rank the words' best documents only (PostgreSQL)."""

import pytest
from django.db import connection
from django.utils import timezone

from defuse.hub import search_index
from defuse.hub.models import CommonTermRanking
from defuse.hub.search_index import (
    Document,
    build_common_term_rankings,
    common_term_rankings_stale,
    matches,
    remove,
    store,
)
from defuse.hub.tasks import rank_common_words

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 ranks common words fast enough by itself")


@pytest.fixture
def common(monkeypatch):
    """ "shift" in 12 documents, common above 5; each word's 6 best are ranked."""
    monkeypatch.setattr(search_index, "COMMON_TERM_FROM", 5)
    monkeypatch.setattr(search_index, "RANKED_PER_TERM", 6)
    documents = [
        Document(
            f"test.doc:{n}",
            "Note",
            f"Doc{n}",
            f"/n/{n}/",
            body="shift " + " ".join(f"w{n}x{i}" for i in range(n)),  # longer, lower
        )
        for n in range(10)
    ]
    documents += [
        Document("test.doc:title", "Note", "Shift handover", "/n/title/", body="shift"),
        Document("test.doc:lead", "Note", "Handover", "/n/lead/", lead="shift shift"),
    ]
    store(documents)
    return documents


def keys(found):
    return [search_index.SearchDocument.objects.get(pk=match.document_id).key for match in found]


def full_ranking(groups, limit):
    CommonTermRanking.objects.all().delete()
    return keys(matches(groups, limit, signed_in=True, partial=False))


def test_one_common_word_ranks_exactly_as_in_full(common):
    groups = [[("shift",)]]
    assert build_common_term_rankings() == 1
    ranked = keys(matches(groups, 4, signed_in=True, partial=False))
    assert ranked == full_ranking(groups, 4)
    assert ranked[:2] == ["test.doc:title", "test.doc:lead"]


def test_only_the_ranked_documents_are_read(common):
    build_common_term_rankings()
    ranking = CommonTermRanking.objects.get(term="shift")
    assert len(ranking.documents) == 6
    worst = [m.document_id for m in matches([[("shift",)]], 12, signed_in=True, partial=False)]
    ranking.documents = worst[-6:]  # as if the best were not among the best
    ranking.built = timezone.now()  # and all were stored well before
    ranking.save()
    found = matches([[("shift",)]], 4, signed_in=True, partial=False)
    assert [match.document_id for match in found] == worst[-6:-2]


def test_what_was_stored_after_the_rankings_competes_too(common):
    build_common_term_rankings()
    store([Document("test.doc:new", "Note", "Shift shift shift", "/n/new/", body="shift")])
    assert keys(matches([[("shift",)]], 4, signed_in=True, partial=False))[0] == "test.doc:new"


def test_a_removed_document_is_not_found(common):
    build_common_term_rankings()
    remove(["test.doc:title"])
    assert "test.doc:title" not in keys(matches([[("shift",)]], 4, signed_in=True, partial=False))


def test_too_few_ranked_matches_fall_back_to_every_match(common):
    build_common_term_rankings()
    found = keys(matches([[("shift",)]], 12, signed_in=True, partial=False))
    assert len(found) == 12
    assert found == full_ranking([[("shift",)]], 12)


def test_a_rare_alternative_is_searched_in_full(common):
    store([Document("test.doc:rare", "Note", "Overtime", "/n/rare/", body="overtime")])
    build_common_term_rankings()
    found = keys(matches([[("shift",), ("overtim",)]], 4, signed_in=True, partial=False))
    assert "test.doc:rare" in found


def test_the_worker_ranks_again_only_after_a_change(common):
    assert common_term_rankings_stale()
    rank_common_words.call_local()
    assert not common_term_rankings_stale()
    built = CommonTermRanking.objects.get(term="shift").built
    rank_common_words.call_local()
    assert CommonTermRanking.objects.get(term="shift").built == built
    store([Document("test.doc:later", "Note", "Later", "/n/later/", body="shift")])
    assert common_term_rankings_stale()
