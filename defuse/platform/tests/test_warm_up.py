"""What gunicorn's master does before forking: every template of Defuse's compiled, the URL
configuration imported, the database and the cache untouched, the loaded objects frozen out of
the garbage collector's reach; a page rendered afterwards compiles no template."""

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.template import engines
from django.template.base import Template

from defuse.platform.warm_up import before_fork, template_names, warm_up
from defuse.tests.ports import free_port

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def empty_template_cache():
    for loader in engines["django"].engine.template_loaders:
        if hasattr(loader, "reset"):
            loader.reset()


@pytest.fixture
def compiled(monkeypatch):
    """The names of the templates compiled while the test runs."""
    names: list[str] = []
    real = Template.__init__

    def counting(self, template_string, origin=None, name=None, engine=None):
        names.append(name)
        real(self, template_string, origin, name, engine)

    monkeypatch.setattr(Template, "__init__", counting)
    return names


def test_warm_up_compiles_every_template_of_ours_without_the_database(
    empty_template_cache, compiled
):
    # No django_db mark: pytest-django makes any database access fail this test.
    names = template_names()
    assert {"base.html", "hub/topic_page.html", "field/report_form.html"} <= set(names)
    assert warm_up() == len(names)
    assert set(names) <= set(compiled)


def test_before_fork_freezes_what_is_loaded():
    try:
        templates, frozen = before_fork()
        assert templates == len(template_names())
        assert frozen == gc.get_freeze_count() > 100_000  # Django, Wagtail, the templates
    finally:
        gc.unfreeze()  # this test process is no gunicorn master


@pytest.mark.django_db
def test_signed_in_pages_after_the_warm_up_compile_no_template(
    client, demo_hub, officer, empty_template_cache, compiled
):
    client.force_login(officer)
    warm_up()
    ours = set(template_names())
    compiled.clear()
    assert client.get("/de-escalation/").status_code == 200
    assert client.get("/de-escalation/the-tactical-pause/").status_code == 200
    assert not compiled, compiled

    # Without it, the same page compiles several: what the test above would not have seen.
    for loader in engines["django"].engine.template_loaders:
        loader.reset()
    assert client.get("/de-escalation/").status_code == 200
    assert len(ours & set(compiled)) >= 5


def test_gunicorn_warms_up_in_the_master_before_the_first_worker(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "defuse.settings.test",
        "DEFUSE_BIND": f"127.0.0.1:{port}",
        "DEFUSE_WEB_WORKERS": "1",
        "DEFUSE_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                response = requests.get(f"http://127.0.0.1:{port}/health/live/", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail(log.read_text())
        assert response.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = log.read_text().splitlines()
    warmed = next(n for n, line in enumerate(lines) if "templates and froze" in line)
    assert int(lines[warmed].split("froze ")[1].split()[0]) > 100_000, lines[warmed]
    booted = next(n for n, line in enumerate(lines) if "Booting worker" in line)
    assert warmed < booted, lines
