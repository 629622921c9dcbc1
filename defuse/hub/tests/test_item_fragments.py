"""An item page renders what it shows of itself once per published version: warm, it costs the
page's own query; any change to it or to the names it is filed under shows at once; a preview
always shows the draft."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defuse.core.vocabulary import Technique
from defuse.hub.models import Author, Subtopic
from defuse.hub.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(topic_page):
    page = ArticlePageFactory(
        parent=topic_page,
        title="Slowing the approach",
        body=[{"type": "paragraph", "value": "<p>Distance buys time to think.</p>"}],
    )
    page.authors.set([Author.objects.create(name="Dana Reyes", slug="dana-reyes")])
    page.subtopics.set([Subtopic.objects.create(name="Tactical pause", slug="tactical-pause")])
    page.techniques.set([Technique.objects.order_by("pk").first()])
    page.save_revision().publish()
    return page


def tables_read(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_a_warm_article_reads_neither_its_names_nor_its_body_again(client, article):
    first = tables_read(client, article.url)
    assert "hub_author" in first and "hub_subtopic" in first
    warm = tables_read(client, article.url)
    for table in ("hub_author", "hub_subtopic", "core_technique", "hub_audience"):
        assert table not in warm
    page = client.get(article.url).content.decode()
    assert "Dana Reyes" in page and "Tactical pause" in page
    assert "Distance buys time to think." in page
    assert '"@type": "Article"' in page or '"@type":"Article"' in page


def test_a_republished_body_shows_at_once(client, article):
    client.get(article.url)
    article.body = [{"type": "paragraph", "value": "<p>Cover, then distance.</p>"}]
    article.save_revision().publish()
    page = client.get(article.url).content.decode()
    assert "Cover, then distance." in page and "Distance buys time" not in page


@pytest.mark.parametrize(
    "relation, field", [("authors", "name"), ("subtopics", "name"), ("techniques", "label")]
)
def test_a_renamed_author_subtopic_or_technique_shows_at_once(client, article, relation, field):
    client.get(article.url)
    named = getattr(article, relation).get()
    setattr(named, field, "A name given today")
    named.save()
    assert "A name given today" in client.get(article.url).content.decode()


def test_a_preview_shows_the_draft_not_the_cached_page(client, article):
    client.get(article.url)
    article.title = "A draft title nobody published"
    article.body = [{"type": "paragraph", "value": "<p>Draft words.</p>"}]
    preview = article.make_preview_request().render().content.decode()
    assert "A draft title nobody published" in preview and "Draft words." in preview
    live = client.get(article.url).content.decode()
    assert "Draft words." not in live and "Distance buys time to think." in live
