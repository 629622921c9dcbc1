import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from defuse.hub.tests.factories import ArticlePageFactory, VideoPageFactory

pytestmark = pytest.mark.django_db


def titles(response):
    page = response.context["hits_page"]
    return [hit.item.title for hit in page.object_list] if page else []


@pytest.fixture
def library(topic_page):
    body_only = ArticlePageFactory(
        parent=topic_page,
        title="Notes from the night shift",
        teaser="What a week of calls taught a new officer.",
        body=[{"type": "paragraph", "value": "<p>Use the crossbar tactic sparingly.</p>"}],
        audiences=["supervisors"],
        publication_date=timezone.localdate() - datetime.timedelta(days=5),
    )
    in_title = ArticlePageFactory(
        parent=topic_page,
        title="The crossbar tactic explained",
        teaser="A short guide for patrol.",
        audiences=["patrol"],
        publication_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    in_teaser = VideoPageFactory(
        parent=topic_page,
        title="Roll-call video",
        teaser="Watch the crossbar tactic in a two-minute clip.",
        audiences=["chiefs"],
        publication_date=timezone.localdate() - datetime.timedelta(days=400),
    )
    return body_only, in_title, in_teaser


def test_title_and_teaser_outrank_the_body(client, library):
    body_only, in_title, in_teaser = library
    response = client.get("/search/?q=crossbar")
    assert response.status_code == 200
    assert titles(response) == [in_title.title, in_teaser.title, body_only.title]


def test_results_highlight_terms_and_escape_html(client, topic_page):
    ArticlePageFactory(parent=topic_page, title="<b>Crossbar</b> basics", teaser="Crossbar & more")
    html = client.get("/search/?q=crossbar").content.decode()
    assert "&lt;b&gt;<mark>Crossbar</mark>&lt;/b&gt; basics" in html
    assert "<mark>Crossbar</mark> &amp; more" in html


def test_phrase_search(client, library):
    response = client.get('/search/?q="crossbar tactic explained"')
    assert titles(response) == [library[1].title]


@pytest.mark.parametrize(
    "params, expected",
    [
        ("&type=video", {"Roll-call video"}),
        ("&audience=patrol", {"The crossbar tactic explained"}),
        ("&since=year", {"The crossbar tactic explained", "Notes from the night shift"}),
    ],
)
def test_search_filters(client, library, params, expected):
    assert set(titles(client.get(f"/search/?q=crossbar{params}"))) == expected


def test_facet_counts_cover_the_matches_only(client, library, topic_page):
    ArticlePageFactory(parent=topic_page, title="Unrelated", teaser="Nothing to see.")
    response = client.get("/search/?q=crossbar")
    (types,) = [facet for facet in response.context["facets"] if facet.name == "type"]
    assert {o.value: o.count for o in types.options}["article"] == 2


def test_pagination_keeps_query_and_filters(client, topic_page):
    for number in range(25):
        ArticlePageFactory(parent=topic_page, title=f"Crossbar note {number}", audiences=["patrol"])
    first = client.get("/search/?q=crossbar&audience=patrol")
    assert len(titles(first)) == 20
    assert 'href="?q=crossbar&amp;audience=patrol&amp;p=2"' in first.content.decode()
    assert len(titles(client.get("/search/?q=crossbar&audience=patrol&p=2"))) == 5


HOSTILE = [
    '"unbalanced',
    "AND OR NOT",
    "NEAR(crossbar",
    "*",
    "crossbar*",
    "^-~:()[]{}",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "🙂🚓",
    "x" * 10_000,
    "crossbar " * 2_000,
    "\x00\x1f crossbar",
    "col:val title:crossbar",
    "",
    "   ",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_any_query_answers_200(client, library, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert client.get("/search/suggest/", {"q": query}).status_code == 200


def test_long_query_is_truncated_with_a_note(client, library):
    response = client.get("/search/", {"q": "crossbar " + "x" * 400})
    assert "only its first 200 characters" in response.content.decode()


def test_empty_result_page_helps(client, library):
    html = client.get("/search/?q=zeppelin").content.decode()
    assert "Nothing matched" in html
    assert "Check the spelling" in html
    filtered = client.get("/search/?q=zeppelin&type=video").content.decode()
    assert "Search again without filters" in filtered


def test_search_terms_are_logged_for_editors(client, library):
    client.get("/search/?q=Crossbar")
    client.get("/search/?q=crossbar")
    client.get("/search/?q=crossbar&p=1")
    assert QueryDailyHits.objects.get(query__query_string="crossbar").hits == 3
    client.get("/search/?q=")
    assert Query.objects.count() == 1


def test_promoted_results_come_first(client, library, topic_page):
    pinned = ArticlePageFactory(parent=topic_page, title="Pinned guide", teaser="Editors' pick.")
    query = Query.get("crossbar")
    SearchPromotion.objects.create(query=query, page=pinned, description="Start here.")
    html = client.get("/search/?q=crossbar").content.decode()
    assert "Recommended" in html
    assert html.index("Pinned guide") < html.index("tactic explained")


def test_suggestions_complete_titles(client, library):
    data = client.get("/search/suggest/?q=cross").json()
    assert "The crossbar tactic explained" in [s["title"] for s in data["suggestions"]]
    assert client.get("/search/suggest/?q=c").json() == {"suggestions": []}


def test_search_form_works_without_javascript(client, home_page):
    html = client.get("/search/").content.decode()
    assert '<form method="get" action="/search/"' in html
    assert 'name="q"' in html
    assert 'href="/search/"' in html  # the header links to search


def test_a_repeated_search_asks_the_index_once(client, library, monkeypatch):
    from defuse.hub import search

    calls = []
    real = search.matches
    monkeypatch.setattr(search, "matches", lambda *a, **k: calls.append(a) or real(*a, **k))
    first = titles(client.get("/search/?q=crossbar"))
    assert titles(client.get("/search/?q=crossbar")) == first
    assert len(calls) == 1


def test_what_is_stored_or_removed_after_a_search_shows_in_the_next(client, library):
    from defuse.hub.search_index import Document, remove, store

    def others():
        return [hit.document.title for hit in client.get("/search/?q=crossbar").context["others"]]

    assert others() == []
    store([Document("test.thing:1", "Checklist item", "Crossbar drill", "/field/checklist/")])
    assert others() == ["Crossbar drill"]
    remove(["test.thing:1"])
    assert others() == []
