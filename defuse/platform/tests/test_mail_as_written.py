"""Mail is queued exactly as written. django-post-office's backend renders every subject and
body as a Django template (ui/django-post_office#478): a "{{" in a page title or a reviewer's
comment made the mail fail, and template tags in them were run."""

import pytest
from django.core.mail import EmailMultiAlternatives, send_mail

from .mail import delivered

pytestmark = pytest.mark.django_db

WRITTEN = "Scenario {{7*7}} {% now 'Y' %} {# note #} {% endverbatim %} {{{ triple }}}"


def test_text_that_looks_like_a_template_is_sent_as_written():
    send_mail(f"Subject {WRITTEN}", f"Body {WRITTEN}", "from@defuse.invalid", ["a@b.invalid"])
    (message,) = delivered()
    assert message.subject == f"Subject {WRITTEN}"
    assert message.body == f"Body {WRITTEN}"


def test_the_html_alternative_is_sent_as_written_too():
    message = EmailMultiAlternatives("Plain", "Text {{ x }}", "f@defuse.invalid", ["a@b.invalid"])
    message.attach_alternative(f"<p>{WRITTEN}</p>", "text/html")
    message.send()
    (sent,) = delivered()
    assert sent.body == "Text {{ x }}"
    assert [content for content, mimetype in sent.alternatives] == [f"<p>{WRITTEN}</p>"]
