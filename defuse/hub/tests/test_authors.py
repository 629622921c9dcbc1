import pytest

from defuse.hub.tests.factories import ArticlePageFactory, AuthorFactory, VideoPageFactory

pytestmark = pytest.mark.django_db


def test_author_page_shows_bio_and_their_items(client, topic_page):
    author = AuthorFactory(
        name="Maria Okafor", slug="maria-okafor", bio="Leads a co-responder team."
    )
    theirs = ArticlePageFactory(parent=topic_page, title="Theirs")
    theirs.authors.set([author])
    theirs.save()
    video = VideoPageFactory(parent=topic_page, title="Their video")
    video.authors.set([author])
    video.save()
    ArticlePageFactory(parent=topic_page, title="Someone else's")
    hidden = ArticlePageFactory(parent=topic_page, title="Unpublished")
    hidden.authors.set([author])
    hidden.save()
    hidden.unpublish()

    response = client.get("/authors/maria-okafor/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leads a co-responder team." in html
    assert {item.title for item in response.context["items_page"].object_list} == {
        "Theirs",
        "Their video",
    }
    assert 'href="/authors/maria-okafor/"' in client.get(theirs.url).content.decode()
    assert 'href="/authors/maria-okafor/"' in client.get("/de-escalation/").content.decode()


@pytest.mark.parametrize(
    "path", ["/authors/nobody/", "/authors/maria-okafor/?p=9", "/authors/x/?p=a"]
)
def test_unknown_authors_and_pages_are_404(client, home_page, path):
    AuthorFactory(slug="maria-okafor")
    assert client.get(path).status_code == 404
