"""Newsletter pages: subscribe, confirm, unsubscribe (one click from mail clients too)."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from .forms import SubscribeForm
from .models import Subscriber
from .newsletter import (
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    send_confirmation,
    subscriber_from,
)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=lambda g, r: settings.DEFUSE_RATE_FORMS, method="POST", group="forms")
def subscribe(request):
    # The topic pages' box asks for the address only (GET, so cached pages carry no token).
    initial = {"email": request.GET.get("email", "")[:254]}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            subscriber, _ = Subscriber.objects.get_or_create(
                email__iexact=form.cleaned_data["email"],
                defaults={"email": form.cleaned_data["email"].lower()},
            )
            subscriber.audiences.set(form.cleaned_data["audiences"])
            # Queued with the subscription, delivered by the worker (a mail server that is
            # down delays the message; it never fails the form). Whether or not the address
            # was known, the answer is the same: no list is revealed.
            send_confirmation(subscriber)
        return redirect("hub:newsletter_sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "hub/newsletter/subscribe.html", {"form": form}, status=status)


def sent(request):
    return render(request, "hub/newsletter/sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = subscriber_from(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if subscriber is None:
        return render(request, "hub/newsletter/bad_link.html", status=404)
    if request.method == "POST":
        subscriber.confirm()
        return render(request, "hub/newsletter/confirmed.html", {"subscriber": subscriber})
    # A GET only asks: mail scanners that follow links must not subscribe anyone.
    return render(request, "hub/newsletter/confirm.html", {"subscriber": subscriber})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no form or cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = subscriber_from(token, UNSUBSCRIBE_SALT)
    if subscriber is None:
        return render(request, "hub/newsletter/bad_link.html", status=404)
    if request.method == "POST":
        subscriber.unsubscribe()
        return render(request, "hub/newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "hub/newsletter/unsubscribe.html", {"subscriber": subscriber})
