"""Where a signed-in page's time goes: cProfile over warm signed-in topic and article requests.

Run by hand:  .venv/bin/python bench/profile_pages.py [--items 0] [--requests 300]
              [--database-url postgresql://postgres@127.0.0.1:5432/defuse_bench_profile]
              [--redis-url redis://127.0.0.1:6379/14]
Builds a throwaway site as bench/hub.py does (production settings; PostgreSQL and Redis when
named: the database is dropped and rebuilt, the Redis database emptied), signs in a demo
officer, warms each page, then for each page prints the milliseconds a request (median, p95,
without the profiler), the SQL queries of one request, and the functions that take the most of
the profiled requests' time, by own time and by cumulative time, and the own time grouped by
package. (A new process's first request: bench/first_request.py.)
Record what it shows in bench/RESULTS.md.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    bench_env,
    build_site,
    machine,
    percentile,
    use_database,
    use_redis,
)

PACKAGES = ("defuse", "wagtail", "django/template", "django/db", "django", "redis", "psycopg")


def package_of(filename: str) -> str:
    for package in PACKAGES:
        if f"/{package}/" in filename:
            return package
    return "other" if filename.startswith("/") else "built-in"


def by_package(stats: pstats.Stats) -> Counter:
    own: Counter[str] = Counter()
    for (filename, _, _), (_, _, own_time, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        own[package_of(filename)] += own_time
    return own


def profile(client, url: str, count: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):
        assert client.get(url, secure=True).status_code == 200, url
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        client.get(url, secure=True)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    print(
        f"\n== {url}: median {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, {len(queries)} SQL queries"
    )
    for query in queries.captured_queries:
        print(f"   sql: {query['sql'][:150]}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        client.get(url, secure=True)
    profiler.disable()
    stats = pstats.Stats(profiler)
    packages = by_package(stats)
    total = sum(packages.values())
    shares = [f"{name} {100 * seconds / total:.0f} %" for name, seconds in packages.most_common()]
    print("   own time by package: " + ", ".join(shares))
    for order in ("tottime", "cumulative"):
        print(f"   -- top functions by {order}, per request:")
        stats.sort_stats(order)
        for func in stats.fcn_list[:25]:  # type: ignore[attr-defined]
            calls, _, own_time, cumulative, _ = stats.stats[func]  # type: ignore[attr-defined]
            filename, line, name = func
            where = filename.split("site-packages/")[-1].split("/work/")[-1]
            print(
                f"   {1000 * own_time / count:6.2f} own {1000 * cumulative / count:6.2f} cum "
                f"{calls / count:6.1f} calls  {where}:{line} {name}"
            )


def run(count: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from defuse.hub.models import ArticlePage

    officer = get_user_model().objects.get(username="officer")
    client = Client()
    client.force_login(officer)
    article = ArticlePage.objects.live().order_by("pk").first()
    for url in ("/de-escalation/", article.url):
        profile(client, url, count)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=0, help="Synthetic items to seed.")
    parser.add_argument("--requests", type=int, default=300, help="Requests per page.")
    parser.add_argument("--database-url", help="A PostgreSQL database to drop and rebuild.")
    parser.add_argument("--redis-url", help="A Redis database to empty and use as the cache.")
    options = parser.parse_args()
    database = use_database(options.database_url)
    with tempfile.TemporaryDirectory() as var_dir:
        seconds = build_site(var_dir, options.items)
        env = bench_env(var_dir)
        if options.redis_url:
            use_redis(env, options.redis_url)
        print(f"machine: {machine()}; {database}")
        print(f"{'Redis' if options.redis_url else 'in-process'} cache, production settings")
        print(f"seeded {options.items} synthetic items in {seconds:.1f} s")
        os.environ.update(env)
        run(options.requests)


if __name__ == "__main__":
    main()
