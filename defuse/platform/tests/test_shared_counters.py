"""Rate limits count across processes, with or without Redis: three processes (gunicorn's
workers) posting at once get the limit between them, not each."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

from defuse.tests.shared_database import SharedDatabase

pytestmark = pytest.mark.django_db(transaction=True)
PROCESSES = 3

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import django
    django.setup()
    from django.core.cache import caches
    from django.test import Client

    go, what = Path(sys.argv[1]), sys.argv[2]
    client = Client()
    client.get("/accounts/password-reset/")  # everything loaded and connected before the start
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    if what == "reset":
        answers = [
            client.post("/accounts/password-reset/", {"email": "nobody@agency.invalid"}).status_code
            for _ in range(10)
        ]
    else:
        answers = [caches["shared"].incr("defuse-test-counter") for _ in range(200)]
    print(json.dumps(answers))
    """
)


def run_at_once(tmp_path, what: str) -> list[list[int]]:
    environment = SharedDatabase(tmp_path).environment()  # once: the children share one copy
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(go), what],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[3],
        )
        for _ in range(PROCESSES)
    ]
    for child in children:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    go.touch()
    answers = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        answers.append(json.loads(out.strip().splitlines()[-1]))
    return answers


def test_the_shared_counter_is_atomic_across_processes(tmp_path):
    caches["shared"].add("defuse-test-counter", 0, 300)
    answers = run_at_once(tmp_path, "increment")
    every_value = sorted(value for values in answers for value in values)
    assert every_value == list(range(1, PROCESSES * 200 + 1))  # none lost, none twice


def test_three_processes_accept_ten_password_resets_an_hour_between_them(tmp_path):
    assert settings.DEFUSE_RATE_FORMS == "10/h"
    answers = run_at_once(tmp_path, "reset")
    statuses = [status for per_process in answers for status in per_process]
    assert statuses.count(302) == 10 and statuses.count(429) == PROCESSES * 10 - 10
