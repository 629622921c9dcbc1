import base64

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from defuse.platform.content_cache import cached
from defuse.platform.pagination import PAGE_PARAMETER, page_or_404

from .models import Audience, Author, HomePage, HubItemPage, Subtopic, TopicPage
from .popularity import count_view, most_popular
from .search import RESULT_WINDOW, SINCE, Search, suggestions
from .webinars import calendar_for, upcoming_webinars

RESULTS_PER_PAGE = 20
TRANSPARENT_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
def webinar_calendar(request):
    """iCalendar feed of upcoming webinars, for calendar apps to subscribe to."""
    body = calendar_for(upcoming_webinars(), request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="defuse-webinars.ics"'
    return response


@never_cache
@require_GET
def view_beacon(request, item_id: int):
    """The 1x1 image item pages load; loading it counts a view (see popularity.py)."""
    count_view(request, item_id)
    return HttpResponse(TRANSPARENT_GIF, content_type="image/gif")


def _rate(name):
    return lambda group, request: getattr(settings, name)


@ratelimit(key="ip", rate=_rate("DEFUSE_RATE_SEARCH"), method="GET", group="search")
def search(request):
    """The search page: results, filters, promoted results and pagination, all via GET."""
    query = Search(request.GET, request.user)
    ids = query.ranked_ids()
    page = page_or_404(request, ids, RESULTS_PER_PAGE) if ids else None
    if page:
        page.object_list = query.hits(list(page.object_list))
    if query.active and request.GET.get(PAGE_PARAMETER, "1") == "1":
        query.log()
    context = {
        "search": query,
        "hits_page": page,
        "total": len(ids),
        "window": RESULT_WINDOW,
        "facets": query.facets() if query.active else [],
        "others": query.other_hits() if page is None or page.number == 1 else [],
        "since_options": [(key, label) for key, (label, _) in SINCE.items()],
        "promotions": query.promotions(),
        "popular": most_popular(HubItemPage.objects.for_listing(), cache_key="site")
        if not ids
        else [],
        "subtopics": Subtopic.objects.all() if not ids else [],
    }
    return render(request, "hub/search.html", context)


@require_GET
@ratelimit(key="ip", rate="240/m", method="GET", group="suggest")
def search_suggestions(request):
    return JsonResponse({"suggestions": suggestions(request.GET.get("q", ""))})


def feeds(request):
    """The feeds, for people: what a feed is, and each one's address to paste into a reader
    (a browser opening a feed itself shows raw XML)."""

    def load():
        home = HomePage.objects.live().first()
        topics = TopicPage.objects.live().public().order_by("path") if home else []
        scopes = ([("Everything new on Defuse", home)] if home else []) + [
            (topic.title, topic) for topic in topics
        ]
        return [
            {"title": title, "url": scope.url, "base": f"{scope.url}feed/"}
            for title, scope in scopes
            if scope.url
        ]

    return render(
        request,
        "hub/feeds.html",
        {
            "feeds": cached("hub:feeds-page", load),
            "audiences": Audience.objects.all(),
            "origin": request.build_absolute_uri("/").rstrip("/"),
        },
    )


AUTHOR_ITEMS_PER_PAGE = 20


def author_detail(request, slug):
    """An author's page: bio, photo and everything they wrote or presented, newest first."""
    author = get_object_or_404(Author, slug=slug)
    items = HubItemPage.objects.for_listing().filter(authors=author)
    return render(
        request,
        "hub/author.html",
        {"author": author, "items_page": page_or_404(request, items, AUTHOR_ITEMS_PER_PAGE)},
    )
