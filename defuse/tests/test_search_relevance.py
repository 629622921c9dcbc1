"""The relevance set over the demo content: readers' own words find what they mean."""

import pytest

from defuse.demo.search_relevance import judge, relevance_set, scores

pytestmark = pytest.mark.django_db


def test_the_relevance_set_is_large_enough():
    cases = relevance_set()
    assert len(cases) >= 40
    assert len({case["query"].lower() for case in cases}) == len(cases)


def test_search_reaches_the_relevance_targets(demo_scenarios, officer):
    judged = judge(officer)
    mrr, recall = scores(judged)
    misses = [(j.query, j.found[:3]) for j in judged if j.reciprocal_rank < 1]
    print(f"MRR@10 {mrr:.3f}, recall@10 {recall:.3f}; not first: {misses}")
    assert mrr >= 0.9, misses
    assert recall >= 0.9, misses
