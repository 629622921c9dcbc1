"""Field and Insights benchmark: the Insights dashboard over 1,000,000 reports, the report
submit, and 20 officers submitting reports at once for 60 s against SQLite.

Run by hand:  .venv/bin/python bench/field.py [--reports 1000000] [--var-dir DIR]
With --var-dir, an existing site there (e.g. from an earlier run) is reused; otherwise one is
built in a temporary folder with `seed_demo --reports N`. Production settings, SQLite.
Targets (issues 5 and 13): dashboard <= 2 s on SQLite (cold); report submit p95 <= 100 ms with
three subjects and three officers (force by two of them); the concurrency run (the same full
report) with zero errors and zero lost reports. Record the figures in bench/RESULTS.md.

--only import (issue 14): `manage.py import_reports` of a generated Minneapolis-shaped file of
--import-rows rows (default 500,000) through docs/import-profiles/minneapolis.json into an empty
site, then the same file again (nothing changes); target under 10 minutes on SQLite.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    bench_env,
    demo_people,
    machine,
    manage,
    percentile,
    report_form,
    report_ingredients,
    signed_in,
)


def build(var_dir: str, reports: int) -> None:
    env = bench_env(var_dir)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["seed_demo"]):
        manage(env, *command)
    started = time.perf_counter()
    manage(env, "seed_demo", "--reports", str(reports), "--no-progress")
    print(
        f"seeded {reports} reports (and recounted Insights) in {time.perf_counter() - started:.0f} s"
    )


def dashboard_cold(var_dir: str) -> None:
    """Each measurement in a new process: nothing warmed in Python; Django's cache is per process."""
    code = (
        "import time, django; django.setup();"
        "from django.test import Client; from defuse.accounts.models import User;"
        "c = Client(); c.force_login(User.objects.get(username='chief'));"
        "t = time.perf_counter(); r = c.get('/insights/', secure=True); first = time.perf_counter() - t;"
        "times = [];"
        "exec('for _ in range(5):\\n t = time.perf_counter(); c.get(\"/insights/\", secure=True); times.append(time.perf_counter() - t)');"
        "print(r.status_code, round(first * 1000), round(sorted(times)[2] * 1000))"
    )  # fmt: skip
    env = {**os.environ, **bench_env(var_dir)}
    print("\nInsights dashboard (chief, whole agency, last 12 months):")
    for run in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        status, first, warm = out.stdout.split()
        print(
            f"  new process {run + 1}: status {status}, first request {first} ms, then median {warm} ms"
        )


def submit_timing(var_dir: str, count: int) -> None:
    os.environ.update(bench_env(var_dir))
    import django

    django.setup()
    from django.test import Client

    from defuse.accounts.models import User
    from defuse.field.models import Report

    officer = User.objects.get(username="officer")
    client = Client()
    client.force_login(officer)
    form = report_form(report_ingredients(), officer.pk, people=3)
    times = []
    for n in range(count):
        draft = client.post("/field/reports/new/", secure=True).url
        start = time.perf_counter()
        response = client.post(draft, {**form, "case_number": f"S-{n}"}, secure=True)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert "/edit/" not in response.url, response.url
    last = Report.objects.filter(case_number=f"S-{count - 1}").get()
    shape = (last.subjects.count(), last.officers.count(), last.force.count())
    assert shape == (3, 3, 2), shape
    print(
        f"\nReport submit ({count} reports; 3 subjects, 3 officers, force by 2 of them): "
        f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms"
    )


def concurrency(var_dir: str, officers: int, seconds: int) -> None:
    env = {**os.environ, **bench_env(var_dir), "DJANGO_SECURE_SSL_REDIRECT": "false"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "127.0.0.1:8765"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        time.sleep(3)
        people = demo_people(env, officers)
        sessions = people["sessions"]
        before = count_submitted(var_dir)
        results = {"ok": 0, "errors": [], "times": []}
        lock = threading.Lock()
        deadline = time.monotonic() + seconds
        threads = [
            threading.Thread(
                target=officer_loop,
                args=(key, report_form(people["report"], pk, people=3), deadline, results, lock),
            )
            for key, pk in zip(sessions, people["officers"], strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        after = count_submitted(var_dir)
    finally:
        server.terminate()
        server.wait()
    times = results["times"]
    print(
        f"\n{len(sessions)} officers submitting for {seconds} s against SQLite (runserver, threaded):"
    )
    print(
        f"  submitted {results['ok']} reports ({results['ok'] / seconds:.1f}/s), errors {len(results['errors'])}"
    )
    for error in results["errors"][:5]:
        print("  error:", error)
    if times:
        print(
            f"  submit p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms"
        )
    lost = results["ok"] - (after - before)
    print(f"  reports in the database: {after - before} new, lost {lost}")


def officer_loop(session_key, form, deadline, results, lock):
    base = "http://127.0.0.1:8765"
    http = token = None
    n = 0
    while time.monotonic() < deadline:
        try:
            if http is None:
                http, token = signed_in(base, session_key)
            draft = http.post(
                f"{base}/field/reports/new/",
                data={"csrfmiddlewaretoken": token},
                allow_redirects=False,
            )
            start = time.perf_counter()
            done = http.post(
                f"{base}{draft.headers['Location']}",
                data={
                    **form,
                    "csrfmiddlewaretoken": token,
                    "case_number": f"C-{session_key[:6]}-{n}",
                },
                allow_redirects=False,
            )
            took = (time.perf_counter() - start) * 1000
            ok = done.status_code == 302 and "/edit/" not in done.headers.get("Location", "/edit/")
            with lock:
                if ok:
                    results["ok"] += 1
                    results["times"].append(took)
                else:
                    results["errors"].append(f"HTTP {done.status_code}")
        except Exception as error:  # noqa: BLE001 (a benchmark counts every failure)
            with lock:
                results["errors"].append(repr(error))
        n += 1


def count_submitted(var_dir: str) -> int:
    code = "import django; django.setup(); from defuse.field.models import Report; print(Report.objects.filter(status='submitted', case_number__startswith='C-').count())"
    env = {**os.environ, **bench_env(var_dir)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout)


def import_benchmark(rows: int) -> None:
    from bench.import_file import write_file

    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, **bench_env(scratch)}
        manage(env, "migrate", "--noinput")
        path = Path(scratch) / "use-of-force.csv"
        incidents = write_file(path, rows)
        size = path.stat().st_size / 2**20
        print(f"\nImport: {rows:,} rows ({incidents:,} incidents, {size:.0f} MB), SQLite")
        profile = str(ROOT / "docs" / "import-profiles" / "minneapolis.json")
        for run in ("first import", "same file again"):
            command = [sys.executable, "manage.py", "import_reports", str(path),
                       "--profile", profile, "--no-progress"]  # fmt: skip
            started = time.perf_counter()
            done = subprocess.run(
                ["/usr/bin/time", "-f", "%M", *command], cwd=ROOT, env=env, capture_output=True,
                text=True, check=True,
            )  # fmt: skip
            seconds = time.perf_counter() - started
            peak = int(done.stderr.strip().splitlines()[-1]) / 1024
            said = done.stdout.strip().splitlines()[-1]
            print(f"  {run}: {seconds:.0f} s ({rows / seconds:,.0f} rows/s), peak {peak:.0f} MB")
            print(f"    {said}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1_000_000, help="Synthetic reports to seed.")
    parser.add_argument("--var-dir", help="Reuse the site in this folder instead of building one.")
    parser.add_argument("--officers", type=int, default=20, help="Concurrent officers.")
    parser.add_argument("--seconds", type=int, default=60, help="Length of the concurrency run.")
    parser.add_argument("--submits", type=int, default=200, help="Submits timed in-process.")
    parser.add_argument(
        "--database-url",
        help="Run against this PostgreSQL database instead (the concurrency run is SQLite's).",
    )
    parser.add_argument("--only", choices=["all", "import", "dashboard"], default="all")
    parser.add_argument("--import-rows", type=int, default=500_000)
    options = parser.parse_args()
    if options.only == "import":
        print(f"machine: {machine()}; SQLite, production settings")
        import_benchmark(options.import_rows)
        return
    if options.database_url:
        os.environ["BENCH_DATABASE_URL"] = options.database_url
    engine = "PostgreSQL" if options.database_url else "SQLite"
    print(f"machine: {machine()}; {engine}, production settings")
    with tempfile.TemporaryDirectory() as scratch:
        var_dir = options.var_dir or scratch
        if not options.var_dir:
            build(var_dir, options.reports)
        dashboard_cold(var_dir)
        if options.only == "dashboard":
            return
        if not options.database_url:
            concurrency(var_dir, options.officers, options.seconds)
        submit_timing(var_dir, options.submits)


if __name__ == "__main__":
    main()
