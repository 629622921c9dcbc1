from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, page_hooks, page_views, webinars
from .models import Author, Subtopic, Synonym


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name", "job_title"]


class SubtopicViewSet(SnippetViewSet):
    model = Subtopic
    icon = "tag"
    menu_label = "Subtopics"
    list_display = ["name", "slug"]


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    list_display = ["terms"]


register_snippet(AuthorViewSet)
register_snippet(SynonymViewSet)
register_snippet(SubtopicViewSet)


@hooks.register("register_admin_urls")
def register_most_viewed_url():
    return [path("reports/most-viewed/", admin_views.most_viewed, name="hub_most_viewed")]


@hooks.register("register_reports_menu_item")
def register_most_viewed_menu_item():
    return MenuItem("Most viewed", reverse("hub_most_viewed"), icon_name="view", order=700)


# What hub page models hand over when they are served (see page_hooks.py).
hooks.register(page_hooks.FEED, page_views.feed)
hooks.register(page_hooks.TOPIC_CONTEXT, page_views.topic_context)
hooks.register(page_hooks.ITEM_CONTEXT, page_views.item_context)
hooks.register(page_hooks.WEBINAR, webinars.webinar_page)
hooks.register(page_hooks.WEBINAR_CALENDAR, webinars.webinar_ics)
