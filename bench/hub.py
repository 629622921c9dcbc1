"""Hub benchmark: topic page (plain and filtered), an item page and search over 100,000 items.

Run by hand:  .venv/bin/python bench/hub.py [--items 100000] [--requests 200]
Builds a throwaway SQLite site in a temporary folder with production settings, then measures
in-process with Django's test client (server time, no network), twice: with the app's own
cache (counts, related items, most popular: as deployed) and with no cache at all.
Record the figures in bench/RESULTS.md.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, build_site, machine, percentile  # noqa: E402

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
WORDS = ["pause", "crisis", "distance", "warnings", "debriefs", "shift", "agencies", "review"]


def scenarios(rng):
    from defuse.hub.models import ArticlePage, HubItemPage

    slugs = list(ArticlePage.objects.live().values_list("url_path", flat=True)[:5000])
    last_page = max(2, HubItemPage.objects.live().count() // 20)
    return {
        "topic page": lambda: "/de-escalation/",
        "topic page, deep": lambda: f"/de-escalation/?p={rng.randint(2, last_page)}",
        "topic filtered": lambda: (
            "/de-escalation/?audience=patrol&type=article&subtopic="
            + rng.choice(["crisis-intervention", "policy-and-law", "technology"])
        ),
        "article page": lambda: rng.choice(slugs).removeprefix("/home"),
        "search": lambda: f"/search/?q={rng.choice(WORDS)}",
        "search filtered": lambda: f"/search/?q={rng.choice(WORDS)}&audience=chiefs",
    }


def measure(client, make_url, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(make_url())  # warm up templates and connections
    timings = []
    for _ in range(count):
        url = make_url()
        start = time.perf_counter()
        response = client.get(url, secure=True)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(make_url(), secure=True)
    return statistics.median(timings), percentile(timings, 0.95), len(queries)


def run(count, no_cache_count):
    import django
    from django.test import Client
    from django.test.utils import override_settings

    django.setup()
    rng = random.Random(7)
    client = Client()
    modes = (("app cache", None, count), ("no cache at all", NO_CACHE, no_cache_count))
    for label, settings, requests in modes:
        print(f"\n{label} ({requests} requests each):")
        print(f"{'page':<20} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        with override_settings(**({"CACHES": settings} if settings else {})):
            for name, make_url in scenarios(rng).items():
                p50, p95, queries = measure(client, make_url, requests)
                print(f"{name:<20} {p50:8.1f} {p95:8.1f} {queries:8d}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000, help="Synthetic items to seed.")
    parser.add_argument("--requests", type=int, default=200, help="Requests per page measured.")
    parser.add_argument(
        "--no-cache-requests",
        type=int,
        default=50,
        help="Requests per page in the second pass, with Django's cache disabled.",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        seconds = build_site(var_dir, options.items)
        print(f"machine: {machine()}; SQLite, production settings")
        print(f"seeded {options.items} synthetic items (with search index) in {seconds:.1f} s")
        os.environ.update(bench_env(var_dir))
        run(options.requests, options.no_cache_requests)


if __name__ == "__main__":
    main()
