"""Load test of the production stack on loopback (issue 6); run it through bench/load.sh.

PostgreSQL, Redis, gunicorn (deploy/gunicorn.conf.py), the huey worker and scheduler, and nginx
with deploy/nginx/'s rules, over the demo plus 100,000 synthetic items. wrk measures:

- the topic page's bytes as a static file from nginx: the upper bound;
- the topic page and an article from nginx's cache (cached) and from gunicorn (uncached), and
  random items of the 100,000 from gunicorn (uncached, the long tail);
- in the same run, through the same gunicorn: a minimal Django view (/health/live/: every
  middleware, no database, no template), the topic page and an article as a signed-in officer
  (never cached by anyone), and the topic's RSS feed;
- a soak: anonymous readers through nginx beside signed-in officers playing scenarios and
  filing reports, for 5 minutes, counting every error; gunicorn workers' resident memory.

Targets (issues 6 and 15): cached topic page >= 50 % of the static file's throughput; uncached
and signed-in topic and article pages >= 150 requests/s with p99 <= 100 ms; the feed <= 50 ms;
zero errors over 5 minutes; <= 250 MB resident per worker.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    demo_people,
    machine,
    percentile,
    report_form,
    signed_in,
)
from scripts.local_nginx import running_nginx  # noqa: E402

GUNICORN = "127.0.0.1:8700"
RANDOM_PATHS_LUA = """
local paths = {}
for line in io.lines(os.getenv("LOAD_PATHS")) do paths[#paths + 1] = line end
local counter = 0
function setup(thread) counter = counter + 1; thread:set("seed", counter) end
function init(args) math.randomseed(os.time() + seed) end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
"""


def manage(*args, quiet=True):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def build(items: int) -> None:
    database = os.environ["DATABASE_URL"].rsplit("/", 1)
    subprocess.run(
        ["psql", f"{database[0]}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{database[1]}"'],
        check=True,
    )
    manage("create_database")
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("seed_demo")
    started = time.perf_counter()
    manage("seed_demo", "--synthetic", str(items), "--no-progress")
    print(f"seeded {items} synthetic items in {time.perf_counter() - started:.0f} s", flush=True)


def wrk(url, seconds, connections, script=None, threads=2, session=None) -> dict:
    # A request counts as failed only after 30 s (wrk's default, 2 s, would count slow ones).
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "30s"]
    if session:  # a signed-in officer's pages: never cached, by nginx or anyone
        command += ["-H", f"Cookie: sessionid={session}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    log = Path(os.environ["DEFUSE_VAR_DIR"]) / "wrk.log"
    with log.open("a") as file:
        file.write(f"$ {' '.join(command)} {url}\n{output}\n")
    try:
        return parse_wrk(output)
    except (AttributeError, KeyError) as error:
        raise RuntimeError(f"wrk printed what bench/load.py cannot read:\n{output}") from error


def parse_wrk(output: str) -> dict:
    def ms(text):
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": ms(latency["50"]),
        "p99": ms(latency["99"]),
        "errors": (sum(map(int, errors.groups())) if errors else 0)
        + (int(non_2xx.group(1)) if non_2xx else 0),
    }


class MemoryWatch(threading.Thread):
    """The largest resident set of any gunicorn worker, sampled every second."""

    def __init__(self, master_pid: int):
        super().__init__(daemon=True)
        self.master_pid, self.peak_mb, self.stop = master_pid, 0.0, threading.Event()

    def run(self):
        while not self.stop.wait(1):
            children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
            for pid in children.read_text().split() if children.exists() else []:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except FileNotFoundError:
                    continue
                found = re.search(r"VmRSS:\s+(\d+) kB", status)
                if found:  # a worker that has just exited (max_requests) has none
                    self.peak_mb = max(self.peak_mb, int(found.group(1)) / 1024)


class SignedInOfficers:
    """Officers with sessions: half play scenarios to the end, half file reports."""

    def __init__(self, base: str, people: dict, count: int):
        self.base, self.people, self.count = base, people, count
        self.times = {"scenario step": [], "report submit": []}
        self.errors: list[str] = []
        self.done = {"scenarios finished": 0, "reports filed": 0}
        self.lock = threading.Lock()

    def run(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        workers = [
            threading.Thread(target=self.officer, args=(n, deadline)) for n in range(self.count)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    def officer(self, n: int, deadline: float) -> None:
        try:
            http, token = signed_in(self.base, self.people["sessions"][n])
        except Exception as error:  # noqa: BLE001 (a benchmark counts every failure)
            self.fail(f"sign-in: {error!r}")
            return
        turn = 0
        while time.monotonic() < deadline:
            try:
                if n % 2:
                    self.file_report(http, token, f"L-{n}-{turn}", self.people["officers"][n])
                else:
                    scenarios = self.people["scenarios"]
                    self.play(http, token, scenarios[(n // 2 + turn) % len(scenarios)], deadline)
            except Exception as error:  # noqa: BLE001
                self.fail(repr(error))
            turn += 1

    def timed(self, kind, call):
        started = time.perf_counter()
        response = call()
        with self.lock:
            self.times[kind].append((time.perf_counter() - started) * 1000)
        return response

    def fail(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)

    def file_report(self, http, token, case_number, author_pk) -> None:
        draft = http.post(
            f"{self.base}/field/reports/new/", data={"csrfmiddlewaretoken": token},
            allow_redirects=False, timeout=30,
        )  # fmt: skip
        edit = draft.headers.get("Location", "")
        if draft.status_code != 302 or "/edit/" not in edit:
            return self.fail(f"new report: HTTP {draft.status_code}")
        form = report_form(self.people["report"], author_pk, people=1)
        data = {**form, "csrfmiddlewaretoken": token, "case_number": case_number}
        done = self.timed(
            "report submit",
            lambda: http.post(self.base + edit, data=data, allow_redirects=False, timeout=30),
        )
        if done.status_code != 302 or "/edit/" in done.headers.get("Location", "/edit/"):
            return self.fail(f"submit: HTTP {done.status_code}")
        with self.lock:
            self.done["reports filed"] += 1

    def play(self, http, token, slug, deadline) -> None:
        started = http.post(
            f"{self.base}/training/scenarios/{slug}/start/",
            data={"csrfmiddlewaretoken": token, "restart": "1"},
            allow_redirects=False, timeout=30,
        )  # fmt: skip
        if started.status_code != 302:
            return self.fail(f"start: HTTP {started.status_code}")
        url = self.base + started.headers["Location"]
        for _ in range(60):
            if time.monotonic() > deadline:
                return
            page = http.get(url, allow_redirects=False, timeout=30)
            if page.status_code == 302 and "/review/" in page.headers["Location"]:
                break
            if page.status_code != 200:
                return self.fail(f"play: HTTP {page.status_code}")
            step = re.search(r'name="step" value="(\d+)"', page.text).group(1)
            choice = "0" if 'name="choice" value="0"' in page.text else "timeout"
            data = {"csrfmiddlewaretoken": token, "step": step, "choice": choice}
            answer = self.timed(
                "scenario step",
                lambda data=data: http.post(url, data=data, allow_redirects=False, timeout=30),
            )
            if answer.status_code != 302:
                return self.fail(f"answer: HTTP {answer.status_code}")
            if "/review/" in answer.headers["Location"]:
                break
        else:
            return self.fail("scenario did not end in 60 decisions")
        review = http.get(url + "review/", timeout=30)
        if review.status_code != 200:
            return self.fail(f"review: HTTP {review.status_code}")
        with self.lock:
            self.done["scenarios finished"] += 1


def line(label, result, target=""):
    return (
        f"| {label} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} | "
        f"{result['errors']} | {target} |"
    )


def print_throughput(runs):
    static_rps = runs["static"]["rps"]
    print(line("static file (nginx), 64 connections", runs["static"], "upper bound"))
    share = runs["topic cached"]["rps"] / static_rps * 100
    print(
        line(
            "topic page, cached, 64 conn.", runs["topic cached"], f"≥ 50 % of static: {share:.0f} %"
        )
    )
    print(line("article, cached, 64 conn.", runs["article cached"]))
    uncached = runs["topic uncached"]
    print(line("topic page, uncached, 8 conn.", uncached, "≥ 150/s, p99 ≤ 100 ms"))
    print(line("article, uncached, 8 conn.", runs["article uncached"], "≥ 150/s, p99 ≤ 100 ms"))
    print(line("random items of 100k, uncached, 8 conn.", runs["random items uncached"]))
    minimal = runs["minimal view"]
    print(line("minimal Django view (/health/live/), 8 conn.", minimal, "the bare stack"))
    for name in ("topic signed in", "article signed in"):
        share = runs[name]["rps"] / minimal["rps"] * 100
        label = name.replace("signed in", "page, signed in, 8 conn.").replace("topic", "topic")
        print(line(label, runs[name], f"≥ 150/s, p99 ≤ 100 ms; {share:.0f} % of the minimal"))
    print(line("topic feed (RSS), uncached, 8 conn.", runs["feed uncached"], "p50 ≤ 50 ms"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="Keep the database of a last run")
    parser.add_argument("--seconds", type=int, default=30, help="Each throughput run")
    parser.add_argument("--soak", type=int, default=300, help="The mixed run, seconds")
    parser.add_argument("--officers", type=int, default=10, help="Signed-in officers in the soak")
    parser.add_argument("--soak-only", action="store_true", help="Skip the throughput runs")
    options = parser.parse_args()
    var_dir = Path(os.environ["DEFUSE_VAR_DIR"])

    if not options.reuse:
        build(options.items)
    people = demo_people(os.environ, max(options.officers, 1))
    paths = var_dir / "load-paths.txt"
    paths.write_text("\n".join(people["items"]) + "\n")
    lua = var_dir / "random-paths.lua"
    lua.write_text(RANDOM_PATHS_LUA)
    os.environ["LOAD_PATHS"] = str(paths)
    article = people["items"][0]
    session = people["sessions"][0]

    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT, env={**os.environ, "DEFUSE_BIND": GUNICORN, "DEFUSE_ACCESS_LOG": "/dev/null"},
    )  # fmt: skip
    huey = [
        subprocess.Popen([sys.executable, "manage.py", "run_huey", *arguments, "--quiet"], cwd=ROOT)
        for arguments in (["--workers", "2", "--no-periodic"], ["--workers", "1"])
    ]
    watch = MemoryWatch(gunicorn.pid)
    try:
        with running_nginx(var_dir / "nginx", GUNICORN, var_dir, workers=2) as nginx:
            for _ in range(100):
                try:
                    if requests.get(f"{nginx.url}/health/", timeout=2).ok:
                        break
                except requests.ConnectionError:
                    pass
                time.sleep(0.3)
            topic = requests.get(f"{nginx.url}/de-escalation/", timeout=30)
            assert topic.status_code == 200 and "public" in topic.headers["Cache-Control"]
            static = var_dir / "static" / "load-topic.html"
            static.write_bytes(topic.content)
            for path in ("/de-escalation/", article):
                requests.get(nginx.url + path, timeout=30)
            watch.start()
            s, direct = options.seconds, f"http://{GUNICORN}"
            for url in (f"{nginx.url}/static/load-topic.html", f"{direct}/de-escalation/"):
                wrk(url, 5, 8)  # warm up: nginx's workers, gunicorn's workers and caches
            runs = (
                {}
                if options.soak_only
                else {
                    "static": wrk(f"{nginx.url}/static/load-topic.html", s, 64),
                    "topic cached": wrk(f"{nginx.url}/de-escalation/", s, 64),
                    "article cached": wrk(nginx.url + article, s, 64),
                    "topic uncached": wrk(f"{direct}/de-escalation/", s, 8),
                    "article uncached": wrk(direct + article, s, 8),
                    "random items uncached": wrk(direct + "/", s, 8, script=lua),
                    "minimal view": wrk(f"{direct}/health/live/", s, 8),
                    "topic signed in": wrk(f"{direct}/de-escalation/", s, 8, session=session),
                    "article signed in": wrk(direct + article, s, 8, session=session),
                    "feed uncached": wrk(f"{direct}/de-escalation/feed/rss/", s, 8),
                }
            )
            print(f"throughput runs done ({s} s each)" * bool(runs), flush=True)

            officers = SignedInOfficers(nginx.url, people, options.officers)
            readers = {}
            reader = threading.Thread(
                target=lambda: readers.update(wrk(nginx.url + "/", options.soak, 16, script=lua))
            )
            reader.start()
            officers.run(options.soak)
            reader.join()
    finally:
        watch.stop.set()
        for process in (gunicorn, *huey):
            process.terminate()
        for process in (gunicorn, *huey):
            process.wait(timeout=60)

    print(f"\n{machine()}, {time.strftime('%Y-%m-%d')}, {options.items} synthetic items")
    print("\n| run | requests/s | p50 ms | p99 ms | errors | target |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    if runs:
        print_throughput(runs)
    print(line(f"soak readers ({options.soak} s, 16 conn.)", readers, "zero errors"))
    for kind, times in officers.times.items():
        if times:
            print(
                f"| soak {kind} ({options.officers} officers) | {len(times) / options.soak:.1f} | "
                f"{statistics.median(times):.1f} | {percentile(times, 0.99):.1f} | | |"
            )
    print(
        f"\nsoak: {officers.done}, officer errors {len(officers.errors)}"
        + (f" (first: {officers.errors[:3]})" if officers.errors else "")
    )
    print(f"gunicorn worker peak resident memory: {watch.peak_mb:.0f} MB (target ≤ 250 MB)")


if __name__ == "__main__":
    main()
