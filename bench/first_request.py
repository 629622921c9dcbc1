"""A new worker's first signed-in page, with and without the warm-up gunicorn's master runs
before forking (defuse/platform/warm_up.py).

Run by hand:  .venv/bin/python bench/first_request.py [--processes 3]
              [--database-url postgresql://postgres@127.0.0.1:5432/defuse_bench_first]
              [--redis-url redis://127.0.0.1:6379/14 (the default; emptied first)]
Builds a throwaway demo site as bench/hub.py does (production settings, Redis as the cache:
without it each process has a cache of its own), fills the cache with one process's requests,
then starts new processes, as gunicorn starts a worker after recycling one: each loads Django
and its middleware (what the master does before forking), runs the warm-up or not, and times
its first three signed-in topic pages.
Record the figures in bench/RESULTS.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, bench_env, build_site, machine  # noqa: E402
from bench.search import recreate_postgres  # noqa: E402

WORKER = """
import sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.handler.load_middleware()  # what WSGIHandler does on import, in gunicorn's master
client.force_login(get_user_model().objects.get(username="officer"))
if sys.argv[1] == "warm":
    from defuse.platform.warm_up import warm_up
    warm_up()
for _ in range(3):
    start = time.perf_counter()
    assert client.get("/de-escalation/", secure=True).status_code == 200
    print(round((time.perf_counter() - start) * 1000, 1))
"""


def worker(env: dict, mode: str) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, mode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(line) for line in done.stdout.split()]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=3, help="New processes per mode.")
    parser.add_argument("--database-url", help="A PostgreSQL database to drop and rebuild.")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14", help="emptied")
    options = parser.parse_args()
    if options.database_url:
        recreate_postgres(options.database_url)
        os.environ["BENCH_DATABASE_URL"] = options.database_url
    with tempfile.TemporaryDirectory() as var_dir:
        build_site(var_dir, 0)
        env = bench_env(var_dir)
        import redis

        redis.Redis.from_url(options.redis_url).flushdb()
        env["REDIS_URL"] = options.redis_url
        database = "PostgreSQL" if options.database_url else "SQLite"
        print(f"machine: {machine()}; {database}, Redis, production settings")
        worker(env, "cold")  # fills the shared cache, as the workers before it did
        print(f"\n{'new process':<22} {'1st ms':>8} {'2nd ms':>8} {'3rd ms':>8}")
        for mode in ("cold", "warm"):
            runs = [worker(env, mode) for _ in range(options.processes)]
            label = "warmed up" if mode == "warm" else "not warmed up"
            medians = [statistics.median(run[n] for run in runs) for n in range(3)]
            print(f"{label:<22} " + " ".join(f"{ms:8.1f}" for ms in medians))


if __name__ == "__main__":
    main()
