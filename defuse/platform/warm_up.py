"""What gunicorn's master does once before forking its workers (deploy/gunicorn.conf.py, with
preload_app), so that no worker does it on a reader's request: import the URL configuration,
compile Defuse's templates, then move every object loaded so far out of the cyclic garbage
collector's reach (gc.freeze, as Python's documentation advises before a fork).

A new worker's first signed-in topic page took about 0.4 s against 10-15 ms for the next, and
gunicorn recycles each worker every 5,000 requests. The collector's oldest generation walked
the quarter-million objects Django and Wagtail load, a 130-160 ms pause every thousand or so
requests in each worker: the slowest percentile of the topic page under load (bench/
new_worker.py, bench/RESULTS.md). Nothing here touches the database or the cache: connections
opened before the fork would be shared by every worker.
"""

import gc
from pathlib import Path

from django.apps import apps
from django.template import engines
from django.urls import get_resolver, reverse

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Other packages' templates that Defuse's pages render (rich text, in every item's body).
THEIRS = ("wagtailcore/shared/richtext.html",)


def template_names() -> list[str]:
    """Every template of Defuse's own (the project's folder and its apps'), by its name, and
    the other packages' that its pages render."""
    folders = [Path(folder) for folder in engines["django"].dirs]
    folders += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(PROJECT_DIR)
    ]
    names = {
        path.relative_to(folder).as_posix()
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.suffix in (".html", ".txt") and path.is_file()
    }
    return sorted(names) + list(THEIRS)


def warm_up() -> int:
    """Imports the URL configuration, fills its reverse lookup and compiles every template
    of Defuse's; returns the number of templates compiled."""
    get_resolver().url_patterns  # noqa: B018 - imports every app's urls module
    reverse("alive")  # builds the reverse lookup of every named pattern
    engine, names = engines["django"], template_names()
    for name in names:
        engine.get_template(name)
    return len(names)


def before_fork() -> tuple[int, int]:
    """warm_up(), then the loaded objects frozen; returns the templates and objects."""
    templates = warm_up()
    gc.collect()
    gc.freeze()
    return templates, gc.get_freeze_count()
