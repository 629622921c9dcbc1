"""Search benchmark: the relevance set and search time over the demo plus N synthetic items.

Run by hand:  .venv/bin/python bench/search.py [--items 100000] [--rounds 3]
              [--database-url postgresql://postgres@127.0.0.1:5432/defuse_bench_search]
Builds a throwaway site (SQLite in a temporary folder, or the PostgreSQL database named, which
is dropped and created), seeds the demo and the synthetic items, then:
- scores the relevance set (defuse/demo/search_relevance.yaml): MRR@10 and recall@10, with the
  synthetic items competing for every query (their titles reuse the demo's subjects, so a
  synthetic "scenario debriefs" item outranking the demo's debrief article counts as a miss);
- times every query of the set, and the hub benchmark's single words, through Django's test
  client (server time, no network), anonymous, with the application's cache as deployed: the
  first round meets an empty cache for each query, later rounds a warm one; then signed in
  (scenarios too), once after emptying every cache and once warm.
Record the figures in bench/RESULTS.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, build_site, machine, percentile, use_database  # noqa: E402

WORDS = ["pause", "crisis", "distance", "warnings", "debriefs", "shift", "agencies", "review"]


def timed(client, queries: list[str]) -> list[float]:
    timings = []
    for query in queries:
        start = time.perf_counter()
        response = client.get(f"/search/?{urlencode({'q': query})}", secure=True)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (query, response.status_code)
    return timings


def run(rounds: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.test import Client

    from defuse.demo.search_relevance import judge, relevance_set, scores

    officer = get_user_model().objects.get(username="officer")
    start = time.perf_counter()
    judged = judge(officer)
    mrr, recall = scores(judged)
    print(f"relevance set: {len(judged)} queries, MRR@10 {mrr:.3f}, recall@10 {recall:.3f}")
    print(f"  (scored in {time.perf_counter() - start:.1f} s)")
    for case in judged:
        if case.reciprocal_rank < 1:
            print(f"  not first: {case.query!r} -> {case.found[:3]}")

    queries = [case["query"] for case in relevance_set()] + WORDS
    client = Client()
    client.get("/search/?q=warm", secure=True)
    print(f"\n{'search requests':<28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    slowest = {}
    for number in range(1, rounds + 1):
        timings = timed(client, queries)
        label = "round 1 (cold cache)" if number == 1 else f"round {number} (warm cache)"
        print(
            f"{label:<28} {len(timings):5d} {statistics.median(timings):8.1f} "
            f"{percentile(timings, 0.95):8.1f} {max(timings):8.1f}"
        )
        if number == 1:
            slowest[label] = timings
    # Signed in, the matches are shared with anonymous readers (the scenarios filtered out for
    # them): the first signed-in round would find them warm. Every cache is emptied first, so
    # that round pays for the index lookups as a first reader does.
    for alias in settings.CACHES:
        caches[alias].clear()
    signed_in = Client()
    signed_in.force_login(officer)
    for number in (1, 2):
        timings = timed(signed_in, queries)
        label = "signed in, cold cache" if number == 1 else "signed in, warm cache"
        if number == 1:
            slowest[label] = timings
        print(
            f"{label:<28} {len(timings):5d} {statistics.median(timings):8.1f} "
            f"{percentile(timings, 0.95):8.1f} {max(timings):8.1f}"
        )
    for label, timings in slowest.items():
        worst = sorted(zip(timings, queries, strict=True), reverse=True)[:5]
        print(f"slowest, {label}: " + ", ".join(f"{q!r} {ms:.0f} ms" for ms, q in worst))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000, help="Synthetic items to seed.")
    parser.add_argument("--rounds", type=int, default=3, help="Times each query is asked.")
    parser.add_argument("--database-url", help="A PostgreSQL database to drop and rebuild.")
    options = parser.parse_args()
    database = use_database(options.database_url)
    with tempfile.TemporaryDirectory() as var_dir:
        seconds = build_site(var_dir, options.items)
        print(f"machine: {machine()}; {database}, production settings")
        print(f"seeded {options.items} synthetic items (with search index) in {seconds:.1f} s")
        os.environ.update(bench_env(var_dir))
        os.environ["DEFUSE_RATE_SEARCH"] = "100000/m"  # one client asks hundreds of queries
        run(options.rounds)


if __name__ == "__main__":
    main()
