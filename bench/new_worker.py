"""A new gunicorn worker's first signed-in pages and its slowest, with and without what the
master does before forking (defuse/platform/warm_up.py: compile the templates, freeze the
objects loaded so far out of the garbage collector's reach).

Run by hand:  .venv/bin/python bench/new_worker.py [--processes 3] [--requests 2000] [--items 0]
              [--database-url postgresql://postgres@127.0.0.1:5432/defuse_bench_first]
              [--redis-url redis://127.0.0.1:6379/14 (the default; emptied first)]
Builds a throwaway demo site as bench/hub.py does (production settings, Redis as the cache:
without it each process has a cache of its own), fills the cache with one process's requests,
then starts new processes, as gunicorn starts a worker after recycling one: each loads Django
and its middleware (what the master does before forking), runs the warm-up or not, and times
its first three signed-in topic pages, then --requests more: their median, p99 and slowest,
and the longest pause of the garbage collector's oldest generation among them.
Record the figures in bench/RESULTS.md.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    bench_env,
    build_site,
    machine,
    percentile,
    use_database,
    use_redis,
)

WORKER = """
import gc, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.handler.load_middleware()  # what WSGIHandler does on import, in gunicorn's master
client.force_login(get_user_model().objects.get(username="officer"))
if sys.argv[1] == "warm":
    from defuse.platform.warm_up import before_fork
    before_fork()
pauses, started = [], [0.0]
def watch(phase, info):
    if phase == "start":
        started[0] = time.perf_counter()
    elif info["generation"] == 2:
        pauses.append((time.perf_counter() - started[0]) * 1000)
gc.callbacks.append(watch)
for _ in range(3 + int(sys.argv[2])):
    start = time.perf_counter()
    assert client.get("/de-escalation/", secure=True).status_code == 200
    print(round((time.perf_counter() - start) * 1000, 1))
print(max(pauses, default=0.0))
"""


def worker(env: dict, mode: str, requests: int) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, mode, str(requests)],
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
    parser.add_argument("--requests", type=int, default=2000, help="Timed after the first 3.")
    parser.add_argument("--items", type=int, default=0, help="Synthetic items to seed.")
    parser.add_argument("--database-url", help="A PostgreSQL database to drop and rebuild.")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14", help="emptied")
    options = parser.parse_args()
    database = use_database(options.database_url)
    with tempfile.TemporaryDirectory() as var_dir:
        build_site(var_dir, options.items)
        env = bench_env(var_dir)
        use_redis(env, options.redis_url)
        print(f"machine: {machine()}; {database}, Redis, production settings")
        worker(env, "cold", 10)  # fills the shared cache, as the workers before it did
        print(f"\nmedians of {options.processes} new processes each; then {options.requests}")
        print(
            f"{'new process':<16} {'1st ms':>7} {'2nd ms':>7} {'3rd ms':>7} | {'p50 ms':>7} "
            f"{'p99 ms':>7} {'max ms':>7} {'gen-2 GC pause ms':>18}"
        )
        for mode in ("cold", "warm"):
            runs = [worker(env, mode, options.requests) for _ in range(options.processes)]
            first = [statistics.median(run[n] for run in runs) for n in range(3)]
            rest = [sorted(run[3:-1]) for run in runs]
            tail = [
                statistics.median(percentile(times, share) for times in rest)
                for share in (0.5, 0.99, 1.0)
            ]
            pause = statistics.median(run[-1] for run in runs)
            label = "before_fork()" if mode == "warm" else "nothing"
            print(
                f"{label:<16} "
                + " ".join(f"{ms:7.1f}" for ms in first)
                + " | "
                + " ".join(f"{ms:7.1f}" for ms in tail)
                + f" {pause:18.1f}"
            )


if __name__ == "__main__":
    main()
