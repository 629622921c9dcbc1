from pathlib import Path

import pytest

from defuse.training import player
from defuse.training.importer import import_file
from defuse.training.models.scenarios import forget_cached_specs

FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture(autouse=True)
def fresh_spec_cache():
    """Row ids come back after a rollback, so no parsed version may outlive its test."""
    forget_cached_specs()
    yield
    forget_cached_specs()


@pytest.fixture
def small_scenario(home_page):
    """A five-passage scenario with a timer, a screen-out and two endings (files/small.twee)."""
    return import_file(FILES / "small.twee").scenario


@pytest.fixture
def write_file(tmp_path):
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def play(user, scenario, choices):
    """Play `scenario` as `user`, answering each decision with the choice given ("0", "1"...)."""
    attempt = player.start_or_resume(user, scenario)
    for step, choice in enumerate(choices):
        player.answer(attempt.pk, user, step, choice)
    attempt.refresh_from_db()
    return attempt
