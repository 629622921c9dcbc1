"""Scores the site search against the relevance set (search_relevance.yaml) over the demo content.

For each query, the reciprocal rank of the first item it should find within the first ten
results (0 if none is there) and the share of those items that are; averaged, MRR@10 and
recall@10. Hub items are ranked as the search page lists them; scenarios as the page's
"In training" list shows them to a signed-in officer.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from defuse.hub.models import HubItemPage
from defuse.hub.search import Search
from defuse.training.models import Scenario

QUERIES = Path(__file__).with_name("search_relevance.yaml")
CUTOFF = 10


@dataclass
class Judged:
    query: str
    wanted: list[str]
    found: list[str]

    @property
    def reciprocal_rank(self) -> float:
        for rank, slug in enumerate(self.found[:CUTOFF], start=1):
            if slug in self.wanted:
                return 1 / rank
        return 0.0

    @property
    def recall(self) -> float:
        return len(set(self.wanted) & set(self.found[:CUTOFF])) / len(self.wanted)


def relevance_set() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text())


def ranked_slugs(query: str, user) -> tuple[list[str], list[str]]:
    """(hub item slugs, scenario slugs) in the order the search page shows them."""
    params = QueryDict(mutable=True)
    params["q"] = query
    search = Search(params, user)
    ids = search.ranked_ids()[:CUTOFF]
    slugs = dict(HubItemPage.objects.filter(pk__in=ids).values_list("pk", "slug"))
    scenario_urls = {
        f"/training/scenarios/{slug}/": slug
        for slug in Scenario.objects.values_list("slug", flat=True)
    }
    others = [scenario_urls.get(hit.document.url, hit.document.url) for hit in search.other_hits()]
    return [slugs[pk] for pk in ids if pk in slugs], others


def judge(officer) -> list[Judged]:
    judged = []
    for case in relevance_set():
        if "scenarios" in case:
            _, found = ranked_slugs(case["query"], officer)
            judged.append(Judged(case["query"], case["scenarios"], found))
        else:
            found, _ = ranked_slugs(case["query"], AnonymousUser())
            judged.append(Judged(case["query"], case["find"], found))
    return judged


def scores(judged: list[Judged]) -> tuple[float, float]:
    """(MRR@10, recall@10)."""
    return (
        sum(j.reciprocal_rank for j in judged) / len(judged),
        sum(j.recall for j in judged) / len(judged),
    )
