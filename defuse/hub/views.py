from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .webinars import calendar_for, upcoming_webinars


@require_GET
def webinar_calendar(request):
    """iCalendar feed of upcoming webinars, for calendar apps to subscribe to."""
    body = calendar_for(upcoming_webinars(), request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="defuse-webinars.ics"'
    return response
