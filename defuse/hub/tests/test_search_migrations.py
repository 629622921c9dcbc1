"""Taking the search's migrations back and forward again leaves a search that finds what is
published afterwards. On SQLite, Django rebuilds a table to drop an indexed column, and the
rebuild drops the triggers that keep the FTS5 index in step with it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from defuse.hub.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def latest_schema_afterwards():
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_search_finds_new_items_after_its_migrations_go_back_and_forward(
    client, topic_page, latest_schema_afterwards
):
    before = ArticlePageFactory(parent=topic_page, title="Quartermaster radio etiquette")
    migrate([("hub", "0011_topic_lead_and_picks")])
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    after = ArticlePageFactory(parent=topic_page, title="Quartermaster handover notes")

    response = client.get("/search/", {"q": "quartermaster"})

    found = {hit.item.pk for hit in response.context["hits_page"].object_list}
    assert found == {before.pk, after.pk}
