"""Newsletter mail: confirmation (double opt-in) and the weekly digest per audience.

Links carry signed tokens (django.core.signing), so nothing secret is stored and a token cannot
be forged or turned into another subscriber's.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import HubItemPage, Subscriber

CONFIRM_SALT = "defuse.newsletter.confirm"
UNSUBSCRIBE_SALT = "defuse.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
DIGEST_ITEMS = 15
DEFAULT_PERIOD = datetime.timedelta(days=7)


def token_for(subscriber: Subscriber, salt: str) -> str:
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt=salt)


def subscriber_from(token: str, salt: str, max_age: int | None = None) -> Subscriber | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        return Subscriber.objects.get(pk=data["id"], email=data["email"])
    except (signing.BadSignature, Subscriber.DoesNotExist, KeyError, TypeError):
        return None


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_confirmation(subscriber: Subscriber) -> None:
    link = absolute(reverse("hub:newsletter_confirm", args=[token_for(subscriber, CONFIRM_SALT)]))
    body = render_to_string("hub/email/newsletter_confirm.txt", {"link": link})
    EmailMultiAlternatives("Confirm your Defuse newsletter", body, to=[subscriber.email]).send()


def unsubscribe_link(subscriber: Subscriber) -> str:
    token = token_for(subscriber, UNSUBSCRIBE_SALT)
    return absolute(reverse("hub:newsletter_unsubscribe", args=[token]))


def digest_items(audience_ids: frozenset, since: datetime.datetime) -> list[HubItemPage]:
    return list(
        HubItemPage.objects.live()
        .public()
        .filter(audiences__in=audience_ids, first_published_at__gte=since)
        .distinct()
        .order_by("-publication_date", "-pk")
        .only("title", "url_path", "teaser", "content_type_id", "publication_date")[:DIGEST_ITEMS]
    )


def digest_message(subscriber: Subscriber, items, connection) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_link(subscriber)
    context = {
        "items": [(item, absolute(item.url)) for item in items],
        "unsubscribe": unsubscribe,
        "audiences": ", ".join(a.name for a in subscriber.audiences.all()),
    }
    message = EmailMultiAlternatives(
        subject=f"Defuse weekly: {len(items)} new item{'s' if len(items) != 1 else ''}",
        body=render_to_string("hub/email/digest.txt", context),
        to=[subscriber.email],
        connection=connection,
        headers={
            # RFC 8058 one-click unsubscribe: mail clients POST to the link without a visit.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("hub/email/digest.html", context), "text/html")
    return message


def send_digests(now: datetime.datetime | None = None) -> int:
    """Sends each confirmed subscriber the new items for their audiences; returns how many."""
    now = now or timezone.now()
    sent = 0
    cache: dict[tuple, list] = {}
    subscribers = Subscriber.objects.confirmed().prefetch_related("audiences")
    with get_connection() as connection:
        for subscriber in subscribers.iterator(chunk_size=500):
            since = subscriber.last_digest_at or (now - DEFAULT_PERIOD)
            audience_ids = frozenset(a.pk for a in subscriber.audiences.all())
            key = (audience_ids, since)
            if key not in cache:
                cache[key] = digest_items(audience_ids, since)
            items = cache[key]
            if not items:
                continue
            digest_message(subscriber, items, connection).send()
            Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=now)
            sent += 1
    return sent
