"""Webinar registration and iCalendar output."""

import datetime

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .forms import RegistrationForm
from .models import WebinarPage, WebinarRegistration

CALENDAR_PRODUCT = "-//Defuse//Webinars//EN"


def register(webinar: WebinarPage, form: RegistrationForm) -> WebinarRegistration | None:
    """Saves a registration within capacity, or puts the reason on the form and returns None."""
    registration = form.save(commit=False)
    registration.webinar = webinar
    if webinar.registrations.filter(email__iexact=registration.email).exists():
        form.add_error("email", "This address is already registered for this webinar.")
        return None
    try:
        # IMMEDIATE transactions on SQLite and a row lock on PostgreSQL serialise the capacity
        # check, so two registrations for the last seat cannot both get in.
        with transaction.atomic():
            WebinarPage.objects.select_for_update().filter(pk=webinar.pk).exists()
            if webinar.registrations.count() >= webinar.capacity:
                form.add_error(None, "Sorry, this webinar is full. Registration has closed.")
                return None
            registration.save()
    except IntegrityError:
        form.add_error("email", "This address is already registered for this webinar.")
        return None
    return registration


def event_for(webinar: WebinarPage, request) -> Event:
    event = Event()
    event.add("uid", f"webinar-{webinar.pk}@{request.get_host()}")
    event.add("summary", webinar.title)
    event.add("description", webinar.teaser)
    event.add("dtstart", webinar.starts_at)
    event.add("dtend", webinar.ends_at)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", webinar.last_published_at or timezone.now())
    event.add("url", webinar.get_full_url(request))
    if webinar.join_url:
        event.add("location", vText(webinar.join_url))
    return event


def calendar_for(webinars, request, *, method: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", CALENDAR_PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Defuse webinars")
    if method:
        calendar.add("method", method)
    for webinar in webinars:
        calendar.add_component(event_for(webinar, request))
    return calendar.to_ical()


def invitation_for(registration: WebinarRegistration, request) -> bytes:
    webinar = registration.webinar
    event = event_for(webinar, request)
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee, encode=False)
    calendar = Calendar()
    calendar.add("prodid", CALENDAR_PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()


def send_confirmation(registration: WebinarRegistration, request) -> None:
    webinar = registration.webinar
    context = {
        "registration": registration,
        "webinar": webinar,
        "webinar_url": webinar.get_full_url(request),
    }
    message = EmailMessage(
        subject=f"You are registered: {webinar.title}",
        body=render_to_string("hub/email/webinar_confirmation.txt", context),
        to=[registration.email],
    )
    message.attach("webinar.ics", invitation_for(registration, request), "text/calendar")
    message.send()


def upcoming_webinars():
    recent = timezone.now() - datetime.timedelta(hours=12)
    return WebinarPage.objects.live().public().filter(starts_at__gte=recent).order_by("starts_at")
