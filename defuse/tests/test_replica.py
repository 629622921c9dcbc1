"""The replica router: aggregate reads of Insights and dashboards go to REPLICA_DATABASE_URL when
it is set; writes, migrations and every other read stay on the primary."""

import pytest

from defuse.field.models import Report
from defuse.platform.routers import ReplicaRouter, _on_replica, replica_reads
from defuse.settings.database import databases_from_env

router = ReplicaRouter()
BOTH = {"default": {"ENGINE": "django.db.backends.sqlite3"}, "replica": {"ENGINE": "x"}}


def test_settings_add_the_replica_only_when_asked(tmp_path):
    plain = databases_from_env({}, tmp_path / "db.sqlite3")
    assert set(plain) == {"default"}
    url = "postgresql://reader@replica.internal:5432/defuse"
    both = databases_from_env({"REPLICA_DATABASE_URL": url}, tmp_path / "db.sqlite3")
    assert set(both) == {"default", "replica"}
    assert both["replica"]["HOST"] == "replica.internal"
    assert both["replica"]["TEST"] == {"MIRROR": "default"}


def test_reads_go_to_the_replica_only_inside_dashboards(settings, monkeypatch):
    monkeypatch.setitem(settings.DATABASES, "replica", BOTH["replica"])
    assert router.db_for_read(Report) is None
    with replica_reads():
        assert router.db_for_read(Report) == "replica"
        assert router.db_for_write(Report) == "default"
    assert router.db_for_read(Report) is None


def test_without_a_replica_everything_stays_on_the_primary():
    with replica_reads():
        assert router.db_for_read(Report) is None


def test_migrations_only_on_the_primary():
    assert router.allow_migrate("default", "field")
    assert not router.allow_migrate("replica", "field")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/insights/", "/insights/charts/injuries.csv", "/training/dashboard/"]
)
def test_dashboards_read_inside_replica_reads(client, chief, url, monkeypatch):
    seen = []
    original = ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        seen.append(_on_replica.get())
        return original(self, model, **hints)

    monkeypatch.setattr(ReplicaRouter, "db_for_read", spy)
    client.force_login(chief)
    assert client.get(url).status_code == 200
    assert True in seen
