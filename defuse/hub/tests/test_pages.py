import pytest
from django.core.exceptions import ValidationError
from wagtail.models import get_page_models

from defuse.hub.models import ArticlePage, HubItemPage, TopicPage
from defuse.hub.models.pages import TEASERS_PER_PAGE

pytestmark = pytest.mark.django_db


def test_home_page_renders_topics_and_latest(client, topic_page, make_articles):
    make_articles(3)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "De-escalation" in html
    assert html.count('class="teaser"') == 3


def test_navigation_lists_only_existing_sections(client, home_page):
    html = client.get("/").content.decode()
    assert "De-escalation</a>" not in html
    topic = home_page.add_child(
        instance=TopicPage(title="De-escalation", slug="de-escalation", show_in_menus=True)
    )
    topic.save_revision().publish()
    assert "De-escalation</a>" in client.get("/").content.decode()


def test_topic_page_lists_teasers_newest_first_twenty_a_page(client, topic_page, make_articles):
    articles = make_articles(TEASERS_PER_PAGE + 3)
    newest = max(articles, key=lambda page: page.publication_date)
    oldest = min(articles, key=lambda page: page.publication_date)

    first = client.get("/de-escalation/")
    assert first.status_code == 200
    assert len(first.context["items_page"].object_list) == TEASERS_PER_PAGE
    assert first.context["items_page"].object_list[0].pk == newest.pk
    assert 'href="?p=2"' in first.content.decode()

    second = client.get("/de-escalation/?p=2")
    assert second.status_code == 200
    assert len(second.context["items_page"].object_list) == 3
    assert list(second.context["items_page"].object_list)[-1].pk == oldest.pk
    assert newest.teaser in first.content.decode()
    assert newest.teaser not in second.content.decode()


@pytest.mark.parametrize(
    "value", ["0", "-1", "abc", "99999", "1'", "1%27", "", "1.5", "٣", "1e3", "9" * 400]
)
def test_bad_page_numbers_answer_404_never_500(client, topic_page, make_articles, value):
    make_articles(TEASERS_PER_PAGE + 1)
    response = client.get(f"/de-escalation/?p={value}")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_empty_topic_renders_page_one(client, topic_page):
    response = client.get("/de-escalation/")
    assert response.status_code == 200
    assert "Nothing has been published here yet." in response.content.decode()


def test_topic_listing_query_count_does_not_grow_with_items(
    client, topic_page, make_articles, django_assert_max_num_queries
):
    make_articles(TEASERS_PER_PAGE)
    client.get("/de-escalation/")  # warm caches of site and content types
    with django_assert_max_num_queries(15):
        client.get("/de-escalation/")


def test_a_rendered_topic_page_shows_what_is_published_and_unpublished_after_it(
    client, topic_page, make_articles
):
    first = make_articles(1, title="Already there")[0]
    assert "Already there" in client.get("/de-escalation/").content.decode()
    later = ArticlePage(title="Published later", slug="later", teaser="New.")
    topic_page.add_child(instance=later)
    later.save_revision().publish()
    first.unpublish()
    html = client.get("/de-escalation/").content.decode()
    assert "Published later" in html
    assert "Already there" not in html


def test_items_behind_a_login_leave_listings_at_once_and_come_back(
    client, topic_page, make_articles
):
    from wagtail.models import PageViewRestriction

    item = make_articles(1, title="Supervisors only")[0]
    assert "Supervisors only" in client.get("/de-escalation/").content.decode()
    restriction = PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Supervisors only" not in client.get("/de-escalation/").content.decode()
    restriction.delete()
    assert "Supervisors only" in client.get("/de-escalation/").content.decode()


def test_unpublished_items_are_not_listed(client, topic_page, make_articles):
    hidden = make_articles(1, title="Draft only")[0]
    hidden.unpublish()
    assert "Draft only" not in client.get("/de-escalation/").content.decode()
    assert client.get(hidden.url_path.removeprefix("/home")).status_code == 404


def test_article_page_shows_fields_and_breadcrumbs(client, topic_page, make_articles):
    article = make_articles(1, title="Slow it down")[0]
    response = client.get("/de-escalation/" + article.slug + "/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Slow it down</h1>" in html
    assert article.teaser in html
    assert "A paragraph of the body." in html
    assert 'aria-label="Breadcrumb"' in html
    assert '<a href="/de-escalation/">De-escalation</a>' in html
    assert "Patrol" in html


def test_teaser_is_required_and_at_most_200_characters(topic_page):
    article = ArticlePage(title="Too long", slug="too-long", teaser="x" * 201)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "teaser" in error.value.message_dict
    article.teaser = ""
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "teaser" in error.value.message_dict


@pytest.mark.parametrize(
    "model", [m for m in get_page_models() if m._meta.app_label == "hub"], ids=str
)
def test_every_page_type_has_template_help_text_and_search_fields(model):
    """Docs-as-tests: a page type without these is not finished."""
    from django.template.loader import get_template

    if model is HubItemPage:
        assert not model.is_creatable
        return
    get_template(model.template)
    assert model.search_fields, f"{model.__name__} has no search_fields"
    own_fields = [
        field
        for field in model._meta.get_fields(include_parents=False)
        if getattr(field, "editable", False) and not field.auto_created and field.concrete
    ]
    for field in own_fields:
        if field.name.endswith("_ptr"):
            continue
        assert field.help_text, f"{model.__name__}.{field.name} has no help_text"
