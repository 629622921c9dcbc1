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
        DEFUSE_BASE_URL="http://testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        REDIS_URL="",
    )
    if os.environ.get("BENCH_DATABASE_URL"):  # bench/field.py --database-url
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    return env


def use_database(url: str | None) -> str:
    """The benchmark's database: the PostgreSQL one named (dropped and created), else SQLite
    in the site's folder; returns its kind."""
    if not url:
        return "SQLite"
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["BENCH_DATABASE_URL"] = url
    return "PostgreSQL"


def use_redis(env: dict, url: str) -> None:
    """The Redis database named, emptied, as the site's cache."""
    import redis

    redis.Redis.from_url(url).flushdb()
    env["REDIS_URL"] = url


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
def report_ingredients() -> dict:
    """The rows a full report names (data codes, colleagues, force types, a technique), read
    inside the benchmark's Django: their ids differ from one database to the next."""
    from defuse.accounts.models import User
    from defuse.core.vocabulary import Technique
    from defuse.field.models import Code, ForceType

    codes = {
        element: Code.objects.of(element).values_list("pk", flat=True).first()
        for element in ("sex", "race", "ethnicity", "location_type", "contact_reason", "injury")
    }
    colleagues = User.objects.filter(username__startswith="field-").order_by("pk")
    return {
        "codes": codes,
        "colleagues": list(colleagues.values_list("pk", flat=True)[:3]),
        "force_types": list(ForceType.objects.order_by("level").values_list("pk", flat=True)[:2]),
        "technique": Technique.objects.values_list("pk", flat=True).first(),
    }


def report_form(ingredients: dict, author_pk: int, people: int = 3) -> dict:
    """A complete report as an officer's phone posts it: `people` subjects and as many officers
    (the author and colleagues), force by two officers on the first person (both by the author
    when alone), a technique."""
    codes = ingredients["codes"]
    colleagues = [pk for pk in ingredients["colleagues"] if pk != author_pk][: people - 1]
    first, second = ingredients["force_types"]
    form = {
        "occurred_at": "2026-11-20T22:15", "district": "North", "beat": "N3",
        "location_type": codes["location_type"], "call_type": "disturbance",
        "contact_reason": codes["contact_reason"], "reason_for_contact": "Benchmark encounter.",
        "outcome": "arrest", "narrative_deescalation": "Talked, listened, gave time.",
        "supervisor_notified_at": "2026-11-20T22:40", "subjects-TOTAL_FORMS": people,
        "officers-TOTAL_FORMS": len(colleagues) + 1, "force-TOTAL_FORMS": 2,
        "techniques-TOTAL_FORMS": 1, "techniques-0-technique": ingredients["technique"],
        "techniques-0-effect": "no_change", "officers-0-years_of_service": 7,
        "force-0-force_type": first, "force-0-officer": 1, "force-0-subject": 1,
        "force-1-force_type": second, "force-1-officer": 2 if colleagues else 1,
        "force-1-subject": 1,
        "submit": "1",
        **dict.fromkeys((
            "narrative_why_force", "narrative_force_level", "narrative_injuries",
            "narrative_medical", "narrative_transport",
        ), "Benchmark answer."),
    }  # fmt: skip
    for number in range(people):
        form |= {
            f"subjects-{number}-age": 20 + number, f"subjects-{number}-sex": codes["sex"],
            f"subjects-{number}-races": codes["race"],
            f"subjects-{number}-ethnicity": codes["ethnicity"],
            f"subjects-{number}-weapon": "none", f"subjects-{number}-resisted": "on",
        }  # fmt: skip
    form |= {"subjects-0-injured": "on", "subjects-0-injuries": codes["injury"]}
    for number, pk in enumerate(colleagues, start=1):
        form |= {f"officers-{number}-user": pk, f"officers-{number}-years_of_service": number}
    return {name: str(value) for name, value in form.items()}


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
