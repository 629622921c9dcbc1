"""The hub page models reach page_views through Wagtail hooks: each must lead somewhere."""

import pytest
from wagtail import hooks

from defuse.hub import page_hooks, page_views, webinars

HOOKS = [
    (page_hooks.FEED, page_views.feed),
    (page_hooks.TOPIC_CONTEXT, page_views.topic_context),
    (page_hooks.ITEM_CONTEXT, page_views.item_context),
    (page_hooks.WEBINAR, webinars.webinar_page),
    (page_hooks.WEBINAR_CALENDAR, webinars.webinar_ics),
]


@pytest.mark.parametrize("name, function", HOOKS)
def test_each_page_hook_has_exactly_its_function(name, function):
    assert hooks.get_hooks(name) == [function]


def test_every_page_hook_is_listed():
    names = {value for key, value in vars(page_hooks).items() if key.isupper()}
    assert names == {name for name, _ in HOOKS}
