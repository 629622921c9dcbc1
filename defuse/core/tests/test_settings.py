"""Production settings refuse to start half-configured, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SECRET = "a-long-random-production-secret-" + "x7Kp2Qw9Zr4Lm8Nv3Bt6Yh1Jd5Fg0Sa"


def manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(DJANGO_SETTINGS_MODULE="defuse.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env, missing",
    [
        ({"DJANGO_ALLOWED_HOSTS": "defuse.example.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": SECRET}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "  ", "DJANGO_ALLOWED_HOSTS": "x.org"}, "DJANGO_SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_required_settings(env, missing):
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="defuse.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "redis, engine",
    [("", "django.contrib.sessions.backends.db"),
     ("redis://127.0.0.1:6379/15", "django.contrib.sessions.backends.cached_db")],
)  # fmt: skip
def test_sessions_use_redis_when_it_is_configured(redis, engine):
    code = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    env = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "x.org"}
    if redis:
        env["REDIS_URL"] = redis
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == engine
