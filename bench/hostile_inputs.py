"""Hostile-input run: every URL pattern, form and query parameter, as every demo role, with the
rate limits lifted; lists every answer of 500 or more and every exception a view raised.

Run by hand:  .venv/bin/python bench/hostile_inputs.py [--json var/hostile.json] [--quick]
              [--postgres postgresql://postgres@127.0.0.1:5432/postgres]
Builds a throwaway database (SQLite in a temporary folder; with --postgres, a database of its
own on that server, dropped at the end), migrates it, runs seed_demo, signs in as each demo
login through the login form, and drives Django's test client in this one process (see
defuse/tests/hostile.py for what is sent). A full run takes six to eight minutes on one core.
Exit status 1 when anything answered 5xx. Record the figures in bench/RESULTS.md.
"""

import argparse
import io
import json
import os
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="FILE", help="Also write the failures as JSON here.")
    parser.add_argument(
        "--quick", action="store_true", help="The test suite's small budget (a minute or so)."
    )
    parser.add_argument(
        "--keep", metavar="DIR", help="Build the database in DIR and keep it (default: a temp dir)."
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="A PostgreSQL server to probe on instead of SQLite (any database URL on it).",
    )
    parser.add_argument(
        "--roles",
        default="",
        help="Comma-separated roles to probe (default: all of anonymous, officer, supervisor, "
        "chief, writer, editor, admin).",
    )
    return parser.parse_args()


THROWAWAY_DATABASE = "defuse_hostile_probe"


@contextmanager
def throwaway_postgres(server_url: str | None):
    """Yields the URL of an empty database on the server, dropped afterwards (None: SQLite)."""
    if not server_url:
        yield None
        return
    import psycopg

    def run(statement: str) -> None:
        with psycopg.connect(server_url, autocommit=True) as server:
            server.execute(statement)

    run(f"DROP DATABASE IF EXISTS {THROWAWAY_DATABASE} WITH (FORCE)")
    run(f"CREATE DATABASE {THROWAWAY_DATABASE}")
    try:
        yield urlsplit(server_url)._replace(path=f"/{THROWAWAY_DATABASE}").geturl()
    finally:
        from django.db import connections

        connections.close_all()
        run(f"DROP DATABASE IF EXISTS {THROWAWAY_DATABASE} WITH (FORCE)")


def set_up(var_dir: str, database_url: str | None) -> None:
    """Test settings over a fresh database, migrated and seeded with the demo content."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "defuse.settings.test"),
        DEFUSE_VAR_DIR=var_dir,
        DATABASE_URL=database_url or f"sqlite:///{var_dir}/hostile.sqlite3",
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("REPLICA_DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    override_settings(
        RATELIMIT_ENABLE=False,
        AXES_ENABLED=False,
        MEDIA_ROOT=Path(var_dir) / "media",
    ).enable()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", no_progress=True, stdout=io.StringIO())


def logins(only: str) -> dict:
    from defuse.demo.people import DEMO_USERS, demo_password

    found = {"anonymous": None}
    found.update({name: (name, demo_password(name)) for name, *_ in DEMO_USERS})
    wanted = [r.strip() for r in only.split(",") if r.strip()]
    return {role: login for role, login in found.items() if not wanted or role in wanted}


def stop(signum, frame):
    raise KeyboardInterrupt  # the probe stops and reports what it has


def main() -> int:
    args = arguments()
    signal.signal(signal.SIGTERM, stop)
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="defuse-hostile-") as temporary,
        throwaway_postgres(args.postgres) as database_url,
    ):
        var_dir = args.keep or temporary
        Path(var_dir).mkdir(parents=True, exist_ok=True)
        set_up(var_dir, database_url)
        built = time.perf_counter() - started
        print(f"Database migrated and seeded in {built:.1f} s; probing...", file=sys.stderr)
        from defuse.tests.hostile import Budget, Probe

        budget = Budget.small() if args.quick else Budget()
        probe = Probe(logins(args.roles), budget, verbose=True).run()
        probing = time.perf_counter() - started - built
    print(f"Database: {'PostgreSQL' if args.postgres else 'SQLite'}")
    print(probe.report())
    print(probe.slowest())
    print(
        f"\nSetup {built:.1f} s, probe {probing:.1f} s, total {time.perf_counter() - started:.1f} s"
    )
    if args.json:
        failures = [{**asdict(f), "roles": sorted(f.roles)} for f in probe.failures.values()]
        for failure in failures:
            failure.pop("replay", None)
        Path(args.json).write_text(
            json.dumps({"requests": dict(probe.requests), "failures": failures}, indent=2)
        )
    return 1 if probe.failures else 0


if __name__ == "__main__":
    sys.exit(main())
