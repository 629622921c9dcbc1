"""Training benchmark: importing a 2,000-passage Twee file, the player's step, and the
supervisor dashboard over 100,000 attempts.

Run by hand:  .venv/bin/python bench/training.py [--passages 2000] [--attempts 100000]
Builds a throwaway SQLite site (production settings) in a temporary folder with the demo
content, then measures in-process with Django's test client (server time, no network).
Targets (issue 4): import <= 2 s, player step p95 <= 50 ms, dashboard <= 1 s on SQLite.
Record the figures in bench/RESULTS.md.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, machine, manage, percentile  # noqa: E402

CRITERIA = ["core", "collect", "assess", "powers", "options", "act"]


def _bench_scoring(spec, what="the ideal play") -> None:
    """Scoring the ideal play through the whole generated graph, decisions worked out anew."""
    from defuse.training.scoring import best_path, score

    started = time.perf_counter()
    ideal = best_path(spec)
    passages = spec.by_name()
    chosen = [
        {"passage": name, "points": passages[name].choices[index].score, "screen_out": False}
        for name, index in ideal.steps
    ]
    result = score(spec, chosen, 70, ending=ideal.ending)
    elapsed = 1000 * (time.perf_counter() - started)
    print(f"  scoring {what} ({len(chosen)} decisions): {elapsed:.0f} ms, "
          f"{100 * (result.scaled or 0):.0f} %")  # fmt: skip


def generated_twee(passages: int, seed: int = 3, loops: bool = False) -> str:
    """A layered scenario: a start passage, rows of four decision passages each leading to
    three of the next row's four, and three endings below the last row. With `loops`, each
    row's first passage also offers the best-scoring way into a review passage (visits:2) that
    loops back to it, so the ideal play goes round every loop it meets twice."""
    rng = random.Random(seed)
    width, endings = 4, ["Good end", "Care end", "Force end"]
    rows = (passages - 1 - len(endings)) // (width + (1 if loops else 0))
    name = lambda row, col: f"Row {row} spot {col}"  # noqa: E731
    lines = [
        ":: StoryTitle\nGenerated benchmark scenario",
        ':: StoryData\n{"ifid": "00000000-0000-4000-8000-000000000B00", "start": "Start"}',
        ":: Settings [defuse-settings]\nslug: generated-benchmark\nminutes: 240",
    ]

    def passage(title, targets, tags="", loop_to=""):
        body = [f"{title}: the situation changes again, and you must choose."]
        if loop_to:
            body += [f"[[Stop and re-assess->{loop_to}]]", "<!-- score: core=2 assess=2 act=2 -->"]
        for target in targets:
            score = " ".join(f"{c}={rng.randint(0, 2)}" for c in rng.sample(CRITERIA, 3))
            body += [f"[[Option towards {target}->{target}]]", f"<!-- score: {score} -->"]
            body += ["<!-- techniques: time, distance -->", "<!-- feedback: Why it matters. -->"]
        lines.append(f":: {title}{tags}\n" + "\n".join(body))

    passage("Start", [name(0, col) for col in range(width)])
    for row in range(rows):
        for col in range(width):
            below = [name(row + 1, (col + k) % width) for k in range(3)]
            review = f"Row {row} review" if loops and col == 0 else ""
            passage(name(row, col), below if row + 1 < rows else endings, loop_to=review)
        if loops:
            passage(f"Row {row} review", [name(row, 0)], tags=" [visits:2]")
    for ending, outcome in zip(
        endings, ["voluntary_compliance", "transported_to_care", "force_used"], strict=True
    ):
        lines.append(f":: {ending} [ending:{outcome}]\nThe encounter ends.")
    return "\n\n".join(lines) + "\n"


def bench_import(passages: int, directory: str):
    from defuse.training.formats import read_scenario_file
    from defuse.training.importer import import_file
    from defuse.training.validation import References, validate

    path = Path(directory) / "generated.twee"
    path.write_text(generated_twee(passages))
    spec = read_scenario_file(path)
    print(
        f"\nImport of a {len(spec.passages)}-passage Twee file ({path.stat().st_size // 1024} KiB):"
    )
    looped = Path(directory) / "looped.twee"
    looped.write_text(generated_twee(passages, loops=True))
    loop_spec = read_scenario_file(looped)
    assert not validate(loop_spec), validate(loop_spec)[:3]
    for _ in range(3):
        _bench_scoring(loop_spec, f"the ideal play, {len(loop_spec.passages)} passages with loops")
    for attempt in range(3):
        start = time.perf_counter()
        parsed = read_scenario_file(path)
        problems = validate(parsed, References.from_database())
        checked = time.perf_counter()
        version = import_file(path)
        done = time.perf_counter()
        _bench_scoring(version.spec)
        assert not problems and version.number == attempt + 1
        print(
            f"  run {attempt + 1}: parse + validate {1000 * (checked - start):.0f} ms; "
            f"whole import (again, with the write) {1000 * (done - checked):.0f} ms"
        )


def bench_player(steps: int):
    from django.test import Client

    from defuse.accounts.models import User
    from defuse.training.models import Attempt

    officer = User.objects.get(username="officer")
    client = Client()
    client.force_login(officer)
    rng = random.Random(5)
    shows, answers = [], []
    slugs = ["footbridge-crisis", "knife-outside-shop", "intoxicated-man-bar"]
    url = None
    while len(answers) < steps:
        if url is None:
            response = client.post(f"/training/scenarios/{rng.choice(slugs)}/start/", secure=True)
            url = response.url
        start = time.perf_counter()
        page = client.get(url, secure=True)
        shows.append((time.perf_counter() - start) * 1000)
        if page.status_code == 302:  # finished: the review
            url = None
            continue
        attempt = Attempt.objects.get(pk=int(url.rstrip("/").split("/")[-1]))
        choices = attempt.version.spec.passage(attempt.current_passage).choices
        start = time.perf_counter()
        response = client.post(
            url, {"step": attempt.step_count, "choice": rng.randrange(len(choices))}, secure=True
        )
        answers.append((time.perf_counter() - start) * 1000)
        if "/review/" in response.url:
            url = None
    print(f"\nPlayer, {steps} decisions over the demo scenarios:")
    both = [a + b for a, b in zip(shows[: len(answers)], answers, strict=True)]
    for label, values in (
        ("show a decision (GET)", shows),
        ("answer it (POST)", answers),
        ("one whole step", both),
    ):
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"  {label:<24} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")


def seed_attempts(count: int, seed: int = 11):
    """`count` completed attempts by 500 officers in 20 units, walking the demo graphs at random."""
    from django.db import transaction
    from django.utils import timezone

    from defuse.accounts.models import Unit, User
    from defuse.accounts.roles import Role, group_for
    from defuse.training.models import Attempt, AttemptStep, Scenario
    from defuse.training.scoring import score

    rng = random.Random(seed)
    units = [Unit.objects.get_or_create(name=f"Bench unit {n:02d}")[0] for n in range(20)]
    officers = User.objects.bulk_create(
        User(
            username=f"bench{n:03d}",
            first_name="Bench",
            last_name=f"Officer {n:03d}",
            unit=units[n % 20],
        )
        for n in range(500)
    )
    group_for(Role.OFFICER).user_set.add(*officers)
    versions = [s.latest_version for s in Scenario.objects.exclude(slug="generated-benchmark")]
    now = timezone.now()
    attempt_batch, step_batch = [], []
    started = time.perf_counter()

    def flush():
        with transaction.atomic():
            made = Attempt.objects.bulk_create(attempt_batch)
            for attempt, steps in zip(made, pending_steps, strict=True):
                for step in steps:
                    step.attempt = attempt
                    step_batch.append(step)
            AttemptStep.objects.bulk_create(step_batch, batch_size=5000)
        attempt_batch.clear(), step_batch.clear(), pending_steps.clear()

    pending_steps = []
    for n in range(count):
        version = rng.choice(versions)
        spec = version.spec
        user = officers[n % len(officers)]
        when = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1440))
        passage, steps, clock = spec.passage(spec.start), [], when
        while passage.choices:
            index = rng.randrange(len(passage.choices))
            choice = passage.choices[index]
            seconds = rng.uniform(3, 40)
            steps.append(
                AttemptStep(
                    version=version, index=len(steps), passage=passage.name, choice_index=index,
                    choice_label=choice.label, target=choice.target, points=choice.score,
                    screen_out=bool(choice.screen_out), shown_at=clock,
                    answered_at=clock + timedelta(seconds=seconds), seconds=seconds,
                )
            )  # fmt: skip
            clock += timedelta(seconds=seconds)
            passage = spec.passage(choice.target)
        chosen = [
            {"passage": s.passage, "points": s.points, "screen_out": s.screen_out} for s in steps
        ]
        result = score(spec, chosen, 70, ending=passage.name, open_at=version.decisions)
        attempt_batch.append(
            Attempt(
                user=user, version=version, scenario_id=version.scenario_id, pass_mark=70,
                status=Attempt.Status.COMPLETED, started_at=when, finished_at=clock,
                current_passage=passage.name, shown_at=clock, step_count=len(steps),
                points=result.points, total_points=result.total, scaled=result.scaled,
                screened_out=result.screened_out, passed=result.passed, outcome=passage.ending,
                ending_acceptable=result.acceptable_ending,
                **{f"score_{c}": v for c, v in result.criterion_scaled.items()},
            )
        )  # fmt: skip
        pending_steps.append(steps)
        if len(attempt_batch) >= 2000:
            flush()
    flush()
    steps = AttemptStep.objects.count()
    print(f"\nSeeded {count} attempts ({steps} decisions) in {time.perf_counter() - started:.1f} s")


def bench_dashboard(requests: int):
    from django.test import Client

    from defuse.accounts.models import Unit, User

    unit = Unit.objects.get(name="Bench unit 03").pk
    pages = {
        "dashboard, chief (all units)": "/training/dashboard/",
        "dashboard, one unit": f"/training/dashboard/?unit={unit}",
        "decision points, chief": "/training/dashboard/scenarios/footbridge-crisis/",
        "CSV export, one unit": f"/training/dashboard/records.csv?unit={unit}",
    }
    client = Client()
    client.force_login(User.objects.get(username="chief"))
    print(f"\nSupervisor pages over {Attempt_count()} attempts ({requests} requests each):")
    for label, url in pages.items():
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url, secure=True)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"  {label:<30} p50 {statistics.median(timings):7.1f} ms  max {max(timings):7.1f} ms")


def Attempt_count():  # noqa: N802
    from defuse.training.models import Attempt

    return Attempt.objects.count()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=2000, help="Passages in the Twee file.")
    parser.add_argument("--steps", type=int, default=300, help="Player decisions measured.")
    parser.add_argument("--attempts", type=int, default=100_000, help="Attempts for the dashboard.")
    parser.add_argument("--requests", type=int, default=10, help="Requests per dashboard page.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        env = bench_env(var_dir)
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["seed_demo"]):
            manage(env, *command)
        os.environ.update(env)
        import django

        django.setup()
        print(f"machine: {machine()}; SQLite, production settings")
        bench_import(options.passages, var_dir)
        bench_player(options.steps)
        seed_attempts(options.attempts)
        bench_dashboard(options.requests)


if __name__ == "__main__":
    main()
