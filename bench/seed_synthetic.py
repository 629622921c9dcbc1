"""Times `seed_demo --synthetic N` on a fresh SQLite database, then the topic page over it.

Run by hand:  .venv/bin/python bench/seed_synthetic.py [--items 100000]
It works in a temporary folder and leaves var/ alone. Record the figures in bench/RESULTS.md.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure_topic_page(samples: int):
    import django

    django.setup()
    from django.test import Client

    client = Client()
    figures = {}
    for label, url in [("page 1", "/de-escalation/"), ("page 2500", "/de-escalation/?p=2500")]:
        client.get(url)
        timings = []
        for _ in range(samples):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        figures[label] = (statistics.median(timings), max(timings))
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000, help="Synthetic items to create.")
    parser.add_argument("--samples", type=int, default=20, help="Requests per page measured.")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as var_dir:
        env = {
            **os.environ,
            "DEFUSE_VAR_DIR": var_dir,
            "DJANGO_SETTINGS_MODULE": "defuse.settings.dev",
        }
        env.pop("DATABASE_URL", None)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        start = time.perf_counter()
        manage(env, "seed_demo", "--synthetic", str(options.items), "--no-progress")
        seconds = time.perf_counter() - start
        print(
            f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}"
        )
        print(
            f"seed_demo --synthetic {options.items}: {seconds:.1f} s "
            f"({options.items / seconds:,.0f} items/s)"
        )
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "defuse.settings.test"
        os.environ["DEFUSE_VAR_DIR"] = var_dir
        for label, (p50, worst, queries) in measure_topic_page(options.samples).items():
            print(
                f"topic {label}: p50 {p50:.1f} ms, max {worst:.1f} ms, {queries} SQL queries "
                f"(test client, no cache, {options.samples} requests)"
            )


if __name__ == "__main__":
    main()
