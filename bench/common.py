"""Shared by the benchmarks: a throwaway SQLite Defuse with N synthetic items."""

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_env(var_dir: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL",)}
    env.update(
        DEFUSE_VAR_DIR=var_dir,
        DJANGO_SETTINGS_MODULE="defuse.settings.production",
        DJANGO_SECRET_KEY="benchmark-only-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        REDIS_URL="",
    )
    if os.environ.get("BENCH_DATABASE_URL"):  # bench/field.py --database-url
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build_site(var_dir: str, items: int) -> float:
    """Migrates, seeds the demo and `items` synthetic items; returns the seeding seconds."""
    env = bench_env(var_dir)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_demo")
    start = time.perf_counter()
    manage(env, "seed_demo", "--synthetic", str(items), "--no-progress")
    return time.perf_counter() - start


def machine() -> str:
    return (
        f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
