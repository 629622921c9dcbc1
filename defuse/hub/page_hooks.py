"""The path from hub page models to the code that serves them.

A page model routes requests (a topic's feeds, a webinar's registration form and calendar) and
gives its template a context, but the code that does so (page_views.py) reads the models, so the
models must not import it: the imports would go round in a circle. The models call it through the
Wagtail hooks named here instead. hub/wagtail_hooks.py registers one function for each name, and
Wagtail imports every app's wagtail_hooks module on the first look-up.
"""

from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

FEED = "hub_feed"  # (request, page, kind) -> response: a home or topic page's RSS or Atom feed
TOPIC_CONTEXT = "hub_topic_context"  # (topic, request) -> dict: its filtered listing
ITEM_CONTEXT = "hub_item_context"  # (item, request) -> dict: related items, JSON-LD
WEBINAR = "hub_webinar"  # (request, webinar) -> response: the page with its registration form
WEBINAR_CALENDAR = "hub_webinar_calendar"  # (request, webinar) -> response: its .ics file


def call(name: str, *args):
    """Calls the one function registered under name."""
    found = hooks.get_hooks(name)
    if len(found) != 1:
        raise ImproperlyConfigured(
            f"Wagtail hook {name!r} has {len(found)} functions; hub/wagtail_hooks.py registers one."
        )
    return found[0](*args)
