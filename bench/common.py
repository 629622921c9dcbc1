"""Shared by the benchmarks: a throwaway SQLite Defuse with N synthetic items."""

import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

import requests

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


# A full, valid de-escalation report as an officer submits it (the case number is added per run).
REPORT_FORM = {
    "occurred_at": "2026-11-20T22:15", "district": "North", "beat": "N3",
    "call_type": "disturbance", "reason_for_contact": "Benchmark encounter.", "weapon": "none",
    "outcome": "advice", "narrative_deescalation": "Talked, listened, gave time.",
    "no_technique_reason": "Benchmark: none needed.", "techniques-TOTAL_FORMS": "1",
    "techniques-INITIAL_FORMS": "0", "techniques-MIN_NUM_FORMS": "0",
    "techniques-MAX_NUM_FORMS": "1000", "techniques-0-effect": "unknown", "submit": "1",
}  # fmt: skip


def demo_people(env: dict, officers: int) -> dict:
    """Signed-in sessions for `officers` demo field officers, the playable scenarios and the
    addresses of the hub items (bench/load_people.py, run inside the benchmark's Django)."""
    out = subprocess.run(
        [sys.executable, "bench/load_people.py", str(officers)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def signed_in(base: str, session_key: str) -> tuple[requests.Session, str]:
    """An HTTP session for a signed-in officer, ready to POST forms: (session, CSRF token)."""
    http = requests.Session()
    http.cookies.set("sessionid", session_key)
    page = http.get(f"{base}/field/reports/", timeout=30)
    page.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    # Production cookies are Secure; these loopback runs are plain HTTP, so the token cookie is
    # copied into one the client will send.
    cookie = next(c for c in http.cookies if c.name == "csrftoken")
    http.cookies.clear(cookie.domain, cookie.path, cookie.name)
    http.cookies.set("csrftoken", cookie.value)
    http.headers.update({"Referer": base + "/", "X-CSRFToken": token})
    return http, token
