"""Production settings refuse to start half-configured, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-long-random-production-secret-" + "x7Kp2Qw9Zr4Lm8Nv3Bt6Yh1Jd5Fg0Sa"


def manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "DEFUSE_BASE_URL"))
    }
    env.update(DJANGO_SETTINGS_MODULE="defuse.settings.production")
    env.update({"DEFUSE_BASE_URL": "https://defuse.example.org", **env_overrides})
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
        (
            {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "x.org", "DEFUSE_BASE_URL": ""},
            "DEFUSE_BASE_URL",
        ),
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


SETTINGS = "from django.conf import settings as s; "


def settings_under(code: str, **env) -> str:
    """What `code` prints under production settings with `env` set."""
    base = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "defuse.example.org"}
    result = manage("shell", "-c", code, **{**base, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_every_app_servers_cache_is_purged():
    code = SETTINGS + "print(sorted(b['LOCATION'] for b in s.WAGTAILFRONTENDCACHE.values()))"
    assert settings_under(code) == "[]"
    urls = "http://10.0.0.1:8081, http://10.0.0.2:8081"
    assert settings_under(code, DEFUSE_FRONTEND_CACHE_URL=urls) == str(
        ["http://10.0.0.1:8081", "http://10.0.0.2:8081"]
    )


def test_media_go_to_an_s3_bucket_when_one_is_named():
    code = SETTINGS + "import json; print(json.dumps(s.STORAGES['default']))"
    assert "FileSystemStorage" in settings_under(code)
    storage = settings_under(
        code,
        DEFUSE_S3_BUCKET="defuse-media",
        DEFUSE_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        DEFUSE_S3_PUBLIC_PREFIX="defuse.example.org/media",
    )
    assert '"BACKEND": "storages.backends.s3.S3Storage"' in storage
    assert '"bucket_name": "defuse-media"' in storage
    assert '"custom_domain": "defuse.example.org/media"' in storage
    assert '"querystring_auth": false' in storage
    url = settings_under(
        "from django.core.files.storage import default_storage as d; print(d.url('images/a.jpg'))",
        DEFUSE_S3_BUCKET="defuse-media",
        DEFUSE_S3_PUBLIC_PREFIX="defuse.example.org/media",
    )
    assert url == "https://defuse.example.org/media/images/a.jpg"  # the site's own address


def test_opensearch_is_used_when_named_and_refused_beside_sqlite():
    code = SETTINGS + "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    assert settings_under(code) == "wagtail.search.backends.database"
    postgres = "postgresql://postgres@127.0.0.1:5432/defuse"
    opensearch = settings_under(
        code, DATABASE_URL=postgres, DEFUSE_OPENSEARCH_URL="http://127.0.0.1:9200"
    )
    assert opensearch == "wagtail.search.backends.opensearch3"
    result = manage(
        "check",
        DEFUSE_OPENSEARCH_URL="http://127.0.0.1:9200",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="x.org",
    )
    assert result.returncode != 0
    assert "DEFUSE_OPENSEARCH_URL needs PostgreSQL" in result.stderr


def test_production_refuses_a_base_url_that_is_not_an_address():
    result = manage(
        "check",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="x.org",
        DEFUSE_BASE_URL="defuse.example.org/path?x=1",
    )
    assert result.returncode != 0
    assert "DEFUSE_BASE_URL must be the site's address" in result.stderr


def test_production_uses_the_base_url_for_identity_and_links():
    code = "from defuse.training.xapi import base_iri; print(base_iri())"
    env = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "x.org"}
    result = manage("shell", "-c", code, DEFUSE_BASE_URL="https://training.agency.gov/", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "https://training.agency.gov"


def test_audit_records_reach_the_siem_over_syslog():
    """DEFUSE_AUDIT_SYSLOG=host:port: each audit record, as written, arrives as a syslog
    message (UDP) holding the record's JSON."""
    import json
    import socket

    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("127.0.0.1", 0))
    listener.settimeout(30)
    port = listener.getsockname()[1]
    code = (
        "import logging; from django.conf import settings; "
        'logging.getLogger(\'defuse.audit\').info(\'{"action": "sign-in", "sequence": 7}\')'
    )
    env = {"DJANGO_SECRET_KEY": SECRET, "DJANGO_ALLOWED_HOSTS": "x.org"}
    result = manage("shell", "-c", code, DEFUSE_AUDIT_SYSLOG=f"127.0.0.1:{port}", **env)
    assert result.returncode == 0, result.stderr
    message = listener.recv(65536).decode().rstrip("\x00")
    listener.close()
    assert message.startswith("<")  # a syslog priority: facility auth, level info
    assert json.loads(message[message.index("{") :]) == {"action": "sign-in", "sequence": 7}
