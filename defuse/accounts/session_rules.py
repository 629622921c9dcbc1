"""Session rules an agency's security policy asks for (CJIS 5.5.5, session lock): a session
idle for DEFUSE_IDLE_MINUTES ends, and so does any session DEFUSE_SESSION_HOURS after its
sign-in, however busy.

Ending the session is the lock: the next request meets the sign-in page, which brings the
person back to where they were, and a report being typed is kept by the same stash that saves
it when a session expires (field/views/reports.py). The time of the last request is written
at most once a minute, so a busy reader does not cost a session write per page.

Not django-session-security: it needs jQuery in the page and writes the session on every
request; the rule itself is the few lines below.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

SEEN_KEY = "defuse-seen"  # seconds since the epoch of the last request (to the minute)
SIGNED_IN_KEY = "defuse-signed-in"
SEEN_RESOLUTION = 60


def mark_signed_in(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: the absolute lifetime counts from here."""
    if hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_KEY] = now
        request.session[SEEN_KEY] = now


def ended_because(session, now: float) -> str | None:
    """Why this session must end now, or None."""
    seen = session.get(SEEN_KEY)
    signed_in = session.get(SIGNED_IN_KEY)
    if seen is not None and now - seen > settings.DEFUSE_IDLE_MINUTES * 60:
        return "idle"
    if signed_in is not None and now - signed_in > settings.DEFUSE_SESSION_HOURS * 3600:
        return "lifetime"
    return None


class SessionRulesMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            reason = ended_because(request.session, now)
            if reason:
                request.defuse_sign_out_reason = reason  # for the audit record
                logout(request)
                messages.info(request, MESSAGES[reason])
            elif now - request.session.get(SEEN_KEY, 0) >= SEEN_RESOLUTION:
                request.session[SEEN_KEY] = int(now)
                request.session.setdefault(SIGNED_IN_KEY, int(now))
        return self.get_response(request)


MESSAGES = {
    "idle": "You were signed out after a time without activity. Sign in to carry on: "
    "a report you were typing is kept.",
    "lifetime": "Your session reached its longest allowed time. Sign in again to carry on: "
    "a report you were typing is kept.",
}
