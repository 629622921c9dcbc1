"""Webinars: the page's registration form and calendar download (reached from WebinarPage
through hub/page_hooks.py), registration within capacity, the confirmation e-mail with its
invitation, and iCalendar output."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django_ratelimit.core import is_ratelimited
from icalendar import Calendar, Event, vCalAddress, vText

from defuse.platform.views import rate_limited

from .forms import RegistrationForm
from .models import WebinarPage, WebinarRegistration

CALENDAR_PRODUCT = "-//Defuse//Webinars//EN"


class RegistrationRefused(Exception):
    """Why a registration was not taken; `field` is the form field it concerns, or None."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field, self.message = field, message


ALREADY_REGISTERED = "This address is already registered for this webinar."


def register(webinar: WebinarPage, details: dict) -> WebinarRegistration:
    """Saves a registration (name, email, agency, role) within capacity, or raises
    RegistrationRefused."""
    registration = WebinarRegistration(webinar=webinar, **details)
    if webinar.registrations.filter(email__iexact=registration.email).exists():
        raise RegistrationRefused("email", ALREADY_REGISTERED)
    try:
        # IMMEDIATE transactions on SQLite and a row lock on PostgreSQL serialise the capacity
        # check, so two registrations for the last seat cannot both get in.
        with transaction.atomic():
            WebinarPage.objects.select_for_update().filter(pk=webinar.pk).exists()
            if webinar.registrations.count() >= webinar.capacity:
                raise RegistrationRefused(
                    None, "Sorry, this webinar is full. Registration has closed."
                )
            registration.save()
    except IntegrityError:
        raise RegistrationRefused("email", ALREADY_REGISTERED) from None
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


def webinar_page(request, webinar: WebinarPage) -> HttpResponse:
    """The webinar, with its registration form (post, then redirect, then get)."""
    if request.method == "POST" and is_ratelimited(
        request, group="forms", key="ip", rate=settings.DEFUSE_RATE_FORMS, increment=True
    ):
        return rate_limited(request)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and webinar.is_open_for_registration and form.is_valid():
        try:
            # The seat and its invitation commit together: the invitation is queued in the
            # database and the worker delivers it, retrying while the mail server is down.
            with transaction.atomic():
                registration = register(webinar, form.cleaned_data)
                send_confirmation(registration, request)
        except RegistrationRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
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
