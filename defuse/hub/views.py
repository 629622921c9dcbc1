import base64

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .popularity import count_view
from .webinars import calendar_for, upcoming_webinars

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
