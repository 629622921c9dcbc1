"""What hub pages do when served, beyond showing their fields: a topic's filtered listing and
feeds, an item's related items and JSON-LD, a webinar's registration and calendar. The page
models hand over to these functions through page_hooks."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django_ratelimit.core import is_ratelimited

from defuse.platform.content_cache import cached, content_version
from defuse.platform.pagination import page_or_404
from defuse.platform.views import rate_limited

from .feeds import FEED_KINDS, feed_response
from .filters import TopicFilters
from .forms import RegistrationForm
from .models import HubItemPage, TopicPage, WebinarPage
from .models.pages import TEASERS_PER_PAGE
from .popularity import most_popular
from .related import related_items
from .structured_data import item_data
from .webinars import calendar_for, register, send_confirmation


def feed(request, page, kind: str) -> HttpResponse:
    """feed/rss/ and feed/atom/ below a home or topic page."""
    if kind not in FEED_KINDS:
        raise Http404("No such feed")
    return feed_response(request, page, kind)


def topic_context(topic: TopicPage, request) -> dict:
    filters = TopicFilters(request.GET, topic.items())
    facets = filters.facets(cache_key=f"topic:{topic.pk}")
    items = filters.items()
    count = cached(f"hub:count:topic:{topic.pk}:{filters.signature()}", items.count)
    items_page = page_or_404(request, items, TEASERS_PER_PAGE, count=count)
    return {
        "filters": filters,
        "facets": facets,
        "items_page": items_page,
        # The rendered teasers, until anything is published (the key holds the content version).
        "teasers_cache_key": (
            f"{content_version()}:{topic.pk}:{filters.signature()}:{items_page.number}"
        ),
        "subtopic_pages": topic.subtopic_pages(),
        "most_popular": most_popular(topic.items(), cache_key=f"topic:{topic.pk}"),
    }


def item_context(item: HubItemPage, request) -> dict:
    return {"related_items": related_items(item), "structured_data": item_data(item, request)}


def webinar_page(request, webinar: WebinarPage) -> HttpResponse:
    """The webinar, with its registration form (post, then redirect, then get)."""
    if request.method == "POST" and is_ratelimited(
        request, group="forms", key="ip", rate=settings.DEFUSE_RATE_FORMS, increment=True
    ):
        return rate_limited(request)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and webinar.is_open_for_registration and form.is_valid():
        registration = register(webinar, form)
        if registration is not None:
            send_confirmation(registration, request)
            return HttpResponseRedirect(webinar.url + "?registered=1")
    context = webinar.get_context(request)
    context.update(form=form, registered=request.GET.get("registered") == "1")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, webinar.template, context, status=status)


def webinar_ics(request, webinar: WebinarPage) -> HttpResponse:
    """One webinar as an .ics file to download."""
    response = HttpResponse(calendar_for([webinar], request), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{webinar.slug}.ics"'
    return response
